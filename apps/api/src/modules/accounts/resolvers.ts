import { AccountResolver } from "./account.resolver.js";
import { CustomerAccountResolver } from "./customer-account.resolver.js";
import { CustomerSessionsResolver } from "./customer-sessions.resolver.js";
import { StaffTotpEnrolmentResolver } from "./staff-totp-enrolment.resolver.js";

export const accountResolvers = [
  AccountResolver,
  CustomerAccountResolver,
  CustomerSessionsResolver,
  StaffTotpEnrolmentResolver,
] as const;
