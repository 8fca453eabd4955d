/** The staff module's resolver classes (see schema/resolvers.ts). */
export const staffResolvers = [] as const;
