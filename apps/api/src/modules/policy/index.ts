import { PolicyResolver } from "./policy.resolver.js";
import { PolicyVersionResolver } from "./policy-version.resolver.js";
import { PolicyVersionBodyResolver } from "./policy-version-body.resolver.js";
import { PolicyVersionsResolver } from "./policy-versions.resolver.js";
import { PublishPolicyVersionResolver } from "./publish-policy-version.resolver.js";

/** The policy module's resolver classes (see schema/resolvers.ts). */
export const policyResolvers = [
  PolicyResolver,
  PolicyVersionsResolver,
  PolicyVersionResolver,
  PolicyVersionBodyResolver,
  PublishPolicyVersionResolver,
] as const;
