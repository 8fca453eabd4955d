/**
 * What a staff member starts the day with, beside the charts: the privacy requests falling due,
 * the open breaches with their 72-hour clocks, the recent break-glass grants. References,
 * dates and counts only — no customer is named, so opening the overview reads nothing personal
 * and adds nothing to anyone's access log.
 */
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import { JurisdictionValues } from "../../vocabulary/enums.js";
import {
  type PrivacyRequestKind,
  PrivacyRequestKindValues,
  type PrivacyRequestStatus,
  PrivacyRequestStatusValues,
} from "../privacy-requests/public.js";
import { BreakGlassReasonValues } from "../staff/public.js";

/** One open privacy request due within the week, or overdue: its reference, not its customer. */
@ObjectType()
export class DueRequest {
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
  @Field(() => JurisdictionValues)
  jurisdiction!: keyof typeof JurisdictionValues;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  dueAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Int, {
    description: "Calendar days (UTC) until dueAt: 0 on the day, negative when overdue.",
  })
  daysLeft!: number;
}

@ObjectType()
export class RequestsDue {
  @Classified("NON_PERSONAL")
  @Field(() => Int, { description: "Open requests past their due day." })
  overdue!: number;

  @Classified("NON_PERSONAL")
  @Field(() => Int, { description: "Open requests due today or in the next 6 days." })
  dueThisWeek!: number;

  @Classified("NON_PERSONAL")
  @Field(() => [DueRequest], {
    description: "Those requests, most urgent first (at most 20; the counts count them all).",
  })
  requests!: DueRequest[];
}

/** An open breach incident and the supervisory authority's 72-hour clock (GDPR Art. 33). */
@ObjectType()
export class BreachClock {
  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String)
  title!: string;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  discoveredAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Date, {
    description: "discoveredAt + 72 hours: the authority must be told by then.",
  })
  authorityNoticeDue!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Int, {
    description: "Whole hours until authorityNoticeDue, rounded down; negative when past it.",
  })
  hoursLeft!: number;

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, { description: "Notices to affected people are being sent." })
  notifying!: boolean;
}

/** A break-glass grant of the last 30 days: who was opened to is not said, only why and when. */
@ObjectType()
export class RecentBreakGlassGrant {
  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => BreakGlassReasonValues)
  reason!: keyof typeof BreakGlassReasonValues;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  startsAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  expiresAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, { description: "Started, not expired and not revoked." })
  active!: boolean;
}
