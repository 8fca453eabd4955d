import { AccountResolver } from "./account.resolver.js";
import { CustomerSessionsResolver } from "./customer-sessions.resolver.js";
import { StaffTotpEnrolmentResolver } from "./staff-totp-enrolment.resolver.js";

export const accountResolvers = [
  AccountResolver,
  CustomerSessionsResolver,
  StaffTotpEnrolmentResolver,
] as const;
