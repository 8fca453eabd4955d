/**
 * The marketing module's surface: the one-click unsubscribe routes the server mounts.
 *
 * The rest of the module is its own: other modules and the server import only this file
 * (architecture.test.ts).
 */
export { unsubscribeRoutes } from "./unsubscribe-routes.js";
