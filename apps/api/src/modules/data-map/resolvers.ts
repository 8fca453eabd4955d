import { DataMapResolver } from "./data-map.resolver.js";
import { FidesExportResolver } from "./fideslang/fides-export.resolver.js";

/** The data-map module's resolver classes (see schema/resolvers.ts). */
export const dataMapResolvers = [DataMapResolver, FidesExportResolver] as const;
