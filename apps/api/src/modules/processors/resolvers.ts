/** The processor registry (see schema/resolvers.ts). */
import { ProcessorsResolver } from "./processors.resolver.js";
import { SearchProcessorsResolver } from "./search-processors.resolver.js";

export const processorsResolvers = [ProcessorsResolver, SearchProcessorsResolver] as const;
