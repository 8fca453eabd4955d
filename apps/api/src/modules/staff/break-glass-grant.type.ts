import { isGrantActive } from "@privet/domain/decide";
import { Field, ID, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import { BreakGlassReasonValues } from "./break-glass-reason.enum.js";

/**
 * A time-limited grant that opens one customer's records about other individuals to one staff
 * member (P-12). Ids and times only: who and whose, by id.
 */
@ObjectType()
export class BreakGlassGrant {
  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => ID, { description: "The staff member the grant opens the records to." })
  staffUserId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    nullable: true,
    description:
      "In the list of grants: the grantee's name, to show instead of the id (staff names are not customer data).",
  })
  staffName?: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => ID, { description: "The customer whose held records it opens." })
  customerId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => BreakGlassReasonValues)
  reason!: keyof typeof BreakGlassReasonValues;

  @Classified("NON_PERSONAL")
  @Field(() => String, { nullable: true })
  incidentRef!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => ID, { nullable: true })
  legalRequestId!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    nullable: true,
    description: "In the list of grants: the cited legal request as its authority and reference.",
  })
  legalRequestName?: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "Why, in the approver's words." })
  justification!: string;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  startsAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { description: "Exclusive: the grant no longer opens anything from then." })
  expiresAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Classified("NON_PERSONAL")
  @Field(() => ID, { nullable: true, description: "The officer who approved it." })
  approvedById!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  createdAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, { description: "Whether it opens the records now." })
  active!: boolean;
}

export function toBreakGlassGrant(
  row: Omit<BreakGlassGrant, "active" | "reason"> & { reason: BreakGlassGrant["reason"] },
  now: Date,
): BreakGlassGrant {
  return Object.assign(new BreakGlassGrant(), {
    id: row.id,
    staffUserId: row.staffUserId,
    customerId: row.customerId,
    reason: row.reason,
    incidentRef: row.incidentRef,
    legalRequestId: row.legalRequestId,
    justification: row.justification,
    startsAt: row.startsAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    approvedById: row.approvedById,
    createdAt: row.createdAt,
    active: isGrantActive(
      {
        staffId: row.staffUserId,
        subjectId: row.customerId,
        reason: row.reason,
        startsAt: row.startsAt,
        expiresAt: row.expiresAt,
        revokedAt: row.revokedAt,
      },
      now,
    ),
  });
}
