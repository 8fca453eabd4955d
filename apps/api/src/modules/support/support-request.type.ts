import { Field, ID, ObjectType } from "type-graphql";
import { Classified, Personal } from "../../privacy/personal.js";
import {
  allowedSupportActions,
  type SupportAction,
  SupportActionValues,
} from "./support-lifecycle.js";
import { SupportStatusValues } from "./support-status.enum.js";

/**
 * A support request in the staff queue (P-19).
 *
 * Whose data is `replyTo`? A customer's request belongs to the customer: subjectId is their id,
 * so a staff read is decided on their consents and appears in their access log. A visitor's
 * request has no customer, yet its reply address is still an email address: rather than leave
 * it unprotected (no subject, so no enforcement) or unreadable (no one could answer), the
 * request itself stands as a synthetic subject, subjectId = the request's id. The same gate
 * then applies: staff must declare a purpose their role allows that may read
 * user.contact.email (SUPPORT for an agent), a consent-based purpose such as MARKETING is
 * refused (a visitor never consented to it), partners are refused, and every read is one
 * audit event keyed by the request's id.
 *
 * Subject and message are the person's own words, and free text can say anything about them:
 * they are user.content.message, read under the same gate and audited field by field (SUPPORT
 * for an agent; LEGAL_OBLIGATION with a legal request for a privacy officer). Card numbers are
 * refused at submission, so they never reach the queue at all.
 */
@ObjectType({ description: "A question sent through the contact form (P-19)." })
export class SupportRequest {
  /** The customer's id, or for a visitor the request's own id (see above). */
  subjectId!: string;
  /** The customer who sent it, when signed in. */
  customerId!: string | null;
  /** The staff member working it (see support-request-fields.resolver.ts). */
  assigneeId!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Personal("user.content.message")
  @Field(() => String, { nullable: true, description: "Null when redacted." })
  subject!: string;

  @Personal("user.content.message")
  @Field(() => String, { nullable: true, description: "Null when redacted." })
  message!: string;

  @Personal("user.contact.email")
  @Field(() => String, {
    nullable: true,
    description: "Where to answer a visitor (customers are answered at their account's address).",
  })
  replyTo!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => SupportStatusValues)
  status!: keyof typeof SupportStatusValues;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  createdAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { nullable: true })
  answeredAt!: Date | null;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  @Classified("NON_PERSONAL")
  @Field(() => [SupportActionValues], {
    description: "What staff may do with it now (support-lifecycle.ts): the console's buttons.",
  })
  actions!: SupportAction[];
}

export function toSupportRequest(row: {
  id: string;
  customerId: string | null;
  replyTo: string | null;
  subject: string;
  message: string;
  status: keyof typeof SupportStatusValues;
  createdAt: Date;
  answeredAt: Date | null;
  assigneeId?: string | null;
  closedAt?: Date | null;
}): SupportRequest {
  return Object.assign(new SupportRequest(), {
    ...row,
    assigneeId: row.assigneeId ?? null,
    closedAt: row.closedAt ?? null,
    actions: allowedSupportActions(row.status),
    subjectId: row.customerId ?? row.id,
  });
}

/** What the sender learns: that the request was opened, and its reference. */
@ObjectType()
export class SupportRequestReceipt {
  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => SupportStatusValues)
  status!: keyof typeof SupportStatusValues;
}
