/**
 * The data-export module's surface: the export a customer downloads, which an access
 * request's fulfilment sends too.
 *
 * The rest of the module is its own: other modules and the server import only this file
 * (architecture.test.ts).
 */
export { collectDataExport } from "./collect-data-export.js";
