import { DeliverOutboxResolver } from "./deliver-outbox.resolver.js";
import { OutboxEmailsResolver } from "./outbox-emails.resolver.js";

/** The email module's resolver classes (see schema/resolvers.ts). */
export const emailResolvers = [OutboxEmailsResolver, DeliverOutboxResolver] as const;
