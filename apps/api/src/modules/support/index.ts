/** The support module's resolver classes (see schema/resolvers.ts). */
export const supportResolvers = [] as const;
