/** The partners module's resolver classes (see schema/resolvers.ts). */
export const partnersResolvers = [] as const;
