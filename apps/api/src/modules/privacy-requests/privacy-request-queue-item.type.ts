import { daysLeft } from "@privet/domain/clocks";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Classified, Personal } from "../../privacy/personal.js";
import { JurisdictionValues } from "../../vocabulary/enums.js";
import {
  type PrivacyRequestKind,
  PrivacyRequestKindValues,
  type PrivacyRequestStatus,
  PrivacyRequestStatusValues,
} from "./privacy-request-enums.js";

/**
 * A privacy request as the privacy officer works it. The clock, status and stamps are about the
 * request, not the person (NON_PERSONAL); who asked (name, email) and what they wrote are the
 * customer's personal data, read under a declared purpose and audited like any staff read.
 */
@ObjectType({
  description:
    "A privacy request in the privacy officer's queue: its legal clock, its stamps and who asked.",
})
export class PrivacyRequestQueueItem {
  /** The customer who asked: whose data name, email and details are. */
  subjectId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => ID)
  customerId!: string;

  @Personal("user.name")
  @Field(() => String, { nullable: true, description: "Null when redacted." })
  customerName!: string | null;

  @Personal("user.contact.email")
  @Field(() => String, { nullable: true, description: "Null when redacted." })
  customerEmail!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => PrivacyRequestKindValues)
  kind!: PrivacyRequestKind;

  @Classified("NON_PERSONAL")
  @Field(() => PrivacyRequestStatusValues)
  status!: PrivacyRequestStatus;

  @Classified("NON_PERSONAL")
  @Field(() => JurisdictionValues)
  jurisdiction!: keyof typeof JurisdictionValues;

  @Personal("user.content.message")
  @Field(() => String, { nullable: true, description: "What the customer wrote (may be empty)." })
  details!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  receivedAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { description: "The legal due date (the extended one once extended)." })
  dueAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { nullable: true, description: "CCPA: confirm receipt by this day." })
  confirmBy!: Date | null;

  @Classified("NON_PERSONAL")
  @Field(() => Int, {
    nullable: true,
    description:
      "Calendar days until dueAt (0 on the day, negative when overdue); null once fulfilled or rejected.",
  })
  daysLeft!: number | null;

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, { description: "Open and past its due date." })
  overdue!: boolean;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { nullable: true, description: "When the customer's identity was checked." })
  verifiedAt!: Date | null;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { nullable: true, description: "When the deadline was extended (once)." })
  extendedAt!: Date | null;

  @Personal("user.content.message")
  @Field(() => String, {
    nullable: true,
    description: "Why the deadline was extended, as sent to the customer.",
  })
  extensionReason!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { nullable: true, description: "When it was fulfilled or rejected." })
  fulfilledAt!: Date | null;

  // Mostly ids and counts, but it carries the officer's free text (a note, a rejection reason)
  // about this customer: read under a purpose and audited, like the extension reason.
  @Personal("user.content.message")
  @Field(() => String, {
    nullable: true,
    description:
      "What fulfilment did (JSON text): for a deletion what was erased, what was kept and why; for an access request a summary of the stored export (never the export); for a rejection the reason.",
  })
  outcome!: string | null;
}

const CLOSED: ReadonlySet<PrivacyRequestStatus> = new Set(["FULFILLED", "REJECTED"]);

export function isClosed(status: PrivacyRequestStatus): boolean {
  return CLOSED.has(status);
}

/** The columns toQueueItem needs. */
export const QUEUE_ITEM_COLUMNS = {
  id: true,
  customerId: true,
  kind: true,
  status: true,
  jurisdiction: true,
  details: true,
  receivedAt: true,
  dueAt: true,
  confirmBy: true,
  verifiedAt: true,
  extendedAt: true,
  extensionReason: true,
  fulfilledAt: true,
  outcome: true,
  customer: { select: { name: true, email: true } },
} as const;

export interface QueueItemRow {
  id: string;
  customerId: string;
  kind: PrivacyRequestKind;
  status: PrivacyRequestStatus;
  jurisdiction: keyof typeof JurisdictionValues;
  details: string;
  receivedAt: Date;
  dueAt: Date;
  confirmBy: Date | null;
  verifiedAt: Date | null;
  extendedAt: Date | null;
  extensionReason: string | null;
  fulfilledAt: Date | null;
  outcome: unknown;
  customer: { name: string; email: string };
}

/** The outcome as staff see it: an access request's stored export is summarised, never shown. */
function visibleOutcome(outcome: unknown): string | null {
  if (outcome === null || outcome === undefined) return null;
  if (typeof outcome === "object" && !Array.isArray(outcome) && "document" in outcome) {
    const { document: _document, ...rest } = outcome as Record<string, unknown>;
    return JSON.stringify(rest);
  }
  return JSON.stringify(outcome);
}

export function toQueueItem(row: QueueItemRow, now: Date): PrivacyRequestQueueItem {
  const left = isClosed(row.status) ? null : daysLeft(row.dueAt, now);
  return Object.assign(new PrivacyRequestQueueItem(), {
    id: row.id,
    subjectId: row.customerId,
    customerId: row.customerId,
    customerName: row.customer.name,
    customerEmail: row.customer.email,
    kind: row.kind,
    status: row.status,
    jurisdiction: row.jurisdiction,
    details: row.details,
    receivedAt: row.receivedAt,
    dueAt: row.dueAt,
    confirmBy: row.confirmBy,
    daysLeft: left,
    overdue: left !== null && left < 0,
    verifiedAt: row.verifiedAt,
    extendedAt: row.extendedAt,
    extensionReason: row.extensionReason,
    fulfilledAt: row.fulfilledAt,
    outcome: visibleOutcome(row.outcome),
  });
}
