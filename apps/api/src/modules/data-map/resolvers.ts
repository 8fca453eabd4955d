import { DataMapResolver } from "./data-map.resolver.js";

/** The data-map module's resolver classes (see schema/resolvers.ts). */
export const dataMapResolvers = [DataMapResolver] as const;
