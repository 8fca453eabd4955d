/**
 * The data-export module's surface: the export a customer downloads (streamed by
 * GET /my-data-export), which an access request's fulfilment sends too.
 *
 * The rest of the module is its own: other modules and the server import only this file
 * (architecture.test.ts).
 */
export { collectDataExport } from "./collect-data-export.js";
export { DATA_EXPORT_PATH, dataExportRoute } from "./export-route.js";
