import { DiscardPolicyDraftResolver } from "./discard-policy-draft.resolver.js";
import { PolicyResolver } from "./policy.resolver.js";
import { PolicyDraftsResolver } from "./policy-drafts.resolver.js";
import { PolicyNoticeRecipientsResolver } from "./policy-notice-recipients.resolver.js";
import { PolicyVersionResolver } from "./policy-version.resolver.js";
import { PolicyVersionBodyResolver } from "./policy-version-body.resolver.js";
import { PolicyVersionsResolver } from "./policy-versions.resolver.js";
import { PublishPolicyDraftResolver } from "./publish-policy-draft.resolver.js";
import { PublishPolicyVersionResolver } from "./publish-policy-version.resolver.js";
import { SavePolicyDraftResolver } from "./save-policy-draft.resolver.js";

/** The policy module's resolver classes (see schema/resolvers.ts). */
export const policyResolvers = [
  PolicyResolver,
  PolicyVersionsResolver,
  PolicyVersionResolver,
  PolicyVersionBodyResolver,
  PublishPolicyVersionResolver,
  PolicyDraftsResolver,
  SavePolicyDraftResolver,
  DiscardPolicyDraftResolver,
  PublishPolicyDraftResolver,
  PolicyNoticeRecipientsResolver,
] as const;
