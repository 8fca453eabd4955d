import { StaffAccountsResolver } from "./staff-accounts.resolver.js";
import { StaffPasswordLinksResolver } from "./staff-password-links.resolver.js";

export const staffAccountsResolvers = [StaffAccountsResolver, StaffPasswordLinksResolver] as const;
