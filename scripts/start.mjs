// `npm start`: the API (embedded database, demo data on first start), the customer portal
// and the staff console, built, in one terminal. The portal reaches the API through its own /graphql proxy, so the session
// cookie stays first-party. Ctrl-C stops both; if either stops, the other is stopped too.
import { spawn } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const apiPort = process.env.PORT ?? "4000";
const portalPort = process.env.PRIVET_PORTAL_PORT ?? "5173";
const consolePort = process.env.PRIVET_CONSOLE_PORT ?? "5174";

/** A front end's production build under `vite preview`, proxying /graphql to the API. */
function preview(app, port) {
  return spawn(
    process.execPath,
    [join(root, "node_modules/vite/bin/vite.js"), "preview", "--port", port, "--strictPort"],
    {
      cwd: join(root, "apps", app),
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, PRIVET_API_URL: `http://127.0.0.1:${apiPort}` },
    },
  );
}

const children = [
  spawn(process.execPath, [join(root, "apps/api/dist/main.js")], {
    cwd: join(root, "apps/api"),
    stdio: "inherit",
    env: { ...process.env, PORT: apiPort },
  }),
  preview("portal", portalPort),
  preview("console", consolePort),
];

console.log(
  `Privet portal: http://localhost:${portalPort}  (GraphQL API: http://localhost:${apiPort}/graphql)`,
);

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  process.exitCode = code;
}
for (const child of children) child.on("exit", (code) => stop(code ?? 0));
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
