/**
 * The support module's surface: the support request type a legal disclosure returns.
 *
 * The rest of the module is its own: other modules and the server import only this file
 * (architecture.test.ts).
 */
export { SupportRequest, toSupportRequest } from "./support-request.type.js";
