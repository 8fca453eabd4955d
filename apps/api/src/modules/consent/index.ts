/** The consent module's resolver classes (see schema/resolvers.ts). */
export const consentResolvers = [] as const;
