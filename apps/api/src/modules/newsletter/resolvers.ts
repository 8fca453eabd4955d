import { ConfirmNewsletterResolver } from "./confirm-newsletter.resolver.js";
import { SubscribeNewsletterResolver } from "./subscribe-newsletter.resolver.js";

/** The newsletter module's resolver classes (see schema/resolvers.ts). */
export const newsletterResolvers = [
  SubscribeNewsletterResolver,
  ConfirmNewsletterResolver,
] as const;
