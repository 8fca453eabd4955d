/** The staff-actions module's resolver classes (see schema/resolvers.ts); its plugin records. */
import { StaffActionsResolver } from "./staff-actions.resolver.js";

export const staffActionsResolvers = [StaffActionsResolver] as const;
