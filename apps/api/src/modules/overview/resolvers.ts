/** The console's overview aggregates (see schema/resolvers.ts). */
import { OverviewResolver } from "./overview.resolver.js";

export const overviewResolvers = [OverviewResolver] as const;
