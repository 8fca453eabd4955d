/**
 * The accounts module's surface for other modules: the Customer type other modules add
 * fields to or return, and the columns toCustomer() reads.
 *
 * The rest of the module is its own: other modules and the server import only this file
 * (architecture.test.ts).
 */

export { StaffMember } from "./auth.types.js";
export { Customer, toCustomer } from "./customer.type.js";
export { CUSTOMER_COLUMNS } from "./customer-columns.js";
