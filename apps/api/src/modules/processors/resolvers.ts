/** The processor registry (see schema/resolvers.ts). */
import { ProcessorsResolver } from "./processors.resolver.js";

export const processorsResolvers = [ProcessorsResolver] as const;
