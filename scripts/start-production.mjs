// `npm run start:production` (after `npm run build`): the API with the built portal and
// console served by the same process on their own ports (PRIVET_SERVE_FRONT_ENDS=1), with
// NODE_ENV=production unless set. Settings come from the environment (README, "Running in
// production"); the process stops gracefully on SIGTERM or SIGINT.
process.env.NODE_ENV ??= "production";
process.env.PRIVET_SERVE_FRONT_ENDS ??= "1";
await import("../apps/api/dist/main.js");
