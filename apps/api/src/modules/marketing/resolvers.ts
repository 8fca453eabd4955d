import { CampaignPreviewResolver } from "./campaign-preview.resolver.js";
import { CampaignsResolver } from "./campaigns.resolver.js";
import { SendCampaignResolver } from "./send-campaign.resolver.js";

/** The marketing module's resolver classes (see schema/resolvers.ts); /unsubscribe is HTTP. */
export const marketingResolvers = [
  SendCampaignResolver,
  CampaignsResolver,
  CampaignPreviewResolver,
] as const;
