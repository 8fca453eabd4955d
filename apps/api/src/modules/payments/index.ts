/** The payments module's resolver classes (see schema/resolvers.ts). */
export const paymentsResolvers = [] as const;
