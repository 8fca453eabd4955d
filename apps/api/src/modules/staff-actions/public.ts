/**
 * The staff-actions module's surface: the plugin the server installs to record every staff
 * mutation.
 *
 * The rest of the module is its own: other modules and the server import only this file
 * (architecture.test.ts).
 */
export { staffActionPlugin } from "./staff-action-plugin.js";
