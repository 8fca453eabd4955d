import { AccountResolver } from "./account.resolver.js";
import { CustomerSessionsResolver } from "./customer-sessions.resolver.js";

export const accountResolvers = [AccountResolver, CustomerSessionsResolver] as const;
