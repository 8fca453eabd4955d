/**
 * The embed module's surface: the /embed routes the company's other sites use (the banner
 * script and its cross-origin consent calls).
 *
 * The rest of the module is its own: the server imports only this file (architecture.test.ts).
 */
export { EMBED_PATH, embedRoutes } from "./embed-routes.js";
