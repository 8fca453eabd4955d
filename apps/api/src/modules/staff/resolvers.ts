/** The staff module's resolver classes (see schema/resolvers.ts). */
import { BreakGlassGrantsResolver } from "./break-glass-grants.resolver.js";
import { CustomerAccessLogResolver } from "./customer-access-log.resolver.js";
import { CustomerAccessesResolver } from "./customer-accesses.resolver.js";
import { CustomerHeldRecordsResolver } from "./customer-held-records.resolver.js";
import { GrantBreakGlassResolver } from "./grant-break-glass.resolver.js";
import { RevokeBreakGlassResolver } from "./revoke-break-glass.resolver.js";
import { SearchCustomersResolver } from "./search-customers.resolver.js";
import { SearchStaffResolver } from "./search-staff.resolver.js";
import { StaffCustomerResolver } from "./staff-customer.resolver.js";
import { StaffCustomersResolver } from "./staff-customers.resolver.js";

export const staffResolvers = [
  StaffCustomerResolver,
  StaffCustomersResolver,
  SearchCustomersResolver,
  SearchStaffResolver,
  CustomerHeldRecordsResolver,
  CustomerAccessLogResolver,
  CustomerAccessesResolver,
  GrantBreakGlassResolver,
  RevokeBreakGlassResolver,
  BreakGlassGrantsResolver,
] as const;
