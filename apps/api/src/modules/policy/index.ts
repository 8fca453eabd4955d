/** The policy module's resolver classes (see schema/resolvers.ts). */
export const policyResolvers = [] as const;
