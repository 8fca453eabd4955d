/** The newsletter module's resolver classes (see schema/resolvers.ts). */
export const newsletterResolvers = [] as const;
