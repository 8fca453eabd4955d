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
 * A customer's privacy request and its legal clock. Only its customer reads it here (see
 * customer-privacy-requests.resolver.ts); the details are their own words, so they are
 * user.content.message like a support request's message.
 */
@ObjectType({ description: "A privacy request (access, deletion, correction, stop sharing)." })
export class PrivacyRequest {
  /** The customer who made it: whose data the details are. */
  subjectId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => PrivacyRequestKindValues)
  kind!: PrivacyRequestKind;

  @Classified("NON_PERSONAL")
  @Field(() => PrivacyRequestStatusValues)
  status!: PrivacyRequestStatus;

  @Classified("NON_PERSONAL")
  @Field(() => JurisdictionValues, {
    description: "The law whose deadlines apply, from the customer's country.",
  })
  jurisdiction!: keyof typeof JurisdictionValues;

  @Personal("user.content.message")
  @Field(() => String, { nullable: true, description: "What the customer wrote (may be empty)." })
  details!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  receivedAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Date, {
    description: "Midnight UTC at the start of the day by which it must be answered.",
  })
  dueAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Date, {
    nullable: true,
    description: "CCPA: the day by which receipt must be confirmed (10 business days).",
  })
  confirmBy!: Date | null;

  @Classified("NON_PERSONAL")
  @Field(() => Date, {
    nullable: true,
    description: "Set when the deadline was extended (dueAt is then the extended one).",
  })
  extendedAt!: Date | null;

  @Classified("NON_PERSONAL")
  @Field(() => Int, {
    nullable: true,
    description:
      "Calendar days until dueAt (0 on the day, negative when overdue); null once fulfilled or rejected.",
  })
  daysLeft!: number | null;
}

const CLOSED: ReadonlySet<PrivacyRequestStatus> = new Set(["FULFILLED", "REJECTED"]);

export function toPrivacyRequest(
  row: {
    id: string;
    customerId: string;
    kind: PrivacyRequestKind;
    status: PrivacyRequestStatus;
    jurisdiction: keyof typeof JurisdictionValues;
    details: string;
    receivedAt: Date;
    dueAt: Date;
    confirmBy: Date | null;
    extendedAt: Date | null;
  },
  now: Date,
): PrivacyRequest {
  return Object.assign(new PrivacyRequest(), {
    id: row.id,
    subjectId: row.customerId,
    kind: row.kind,
    status: row.status,
    jurisdiction: row.jurisdiction,
    details: row.details,
    receivedAt: row.receivedAt,
    dueAt: row.dueAt,
    confirmBy: row.confirmBy,
    extendedAt: row.extendedAt,
    daysLeft: CLOSED.has(row.status) ? null : daysLeft(row.dueAt, now),
  });
}

/** The columns toPrivacyRequest needs. */
export const PRIVACY_REQUEST_COLUMNS = {
  id: true,
  customerId: true,
  kind: true,
  status: true,
  jurisdiction: true,
  details: true,
  receivedAt: true,
  dueAt: true,
  confirmBy: true,
  extendedAt: true,
} as const;
