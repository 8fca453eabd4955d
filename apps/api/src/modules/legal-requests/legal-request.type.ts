import { Field, ID, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import {
  type LegalRequestKind,
  LegalRequestKindValues,
  type LegalRequestStatus,
  LegalRequestStatusValues,
} from "./legal-request-enums.js";

/**
 * A recorded government request, court order or legal process (P-11) and its scope: the
 * customers (by id) and the data categories it names. Ids, dates, vocabulary and the officer's
 * own words: no one's personal data (what the request discloses is read through
 * `legalDisclosure`, field by field, under the privacy enforcement).
 */
@ObjectType()
export class LegalRequest {
  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => LegalRequestKindValues)
  kind!: LegalRequestKind;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "Who issued it (court, agency…)." })
  authority!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    description:
      "The authority's reference (case or docket number). A disclosure's `@purpose(name: LEGAL_OBLIGATION, ref: …)` cites this request's id or this reference.",
  })
  reference!: string;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  receivedAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => [ID], { description: "The customers in scope (ids)." })
  subjectIds!: string[];

  @Classified("NON_PERSONAL")
  @Field(() => [String], { description: "The data categories in scope (taxonomy keys)." })
  categories!: string[];

  @Classified("NON_PERSONAL")
  @Field(() => LegalRequestStatusValues)
  status!: LegalRequestStatus;

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, {
    description: "While set, erasing a customer in scope keeps what the request covers.",
  })
  legalHold!: boolean;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "The officer's notes (no one's personal data)." })
  notes!: string;

  @Classified("NON_PERSONAL")
  @Field(() => ID, { description: "The staff member who recorded it." })
  createdById!: string;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  createdAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;
}

export interface LegalRequestRow {
  id: string;
  kind: LegalRequestKind;
  authority: string;
  reference: string;
  receivedAt: Date;
  categories: string[];
  status: LegalRequestStatus;
  legalHold: boolean;
  notes: string;
  createdById: string;
  createdAt: Date;
  closedAt: Date | null;
  subjects: ReadonlyArray<{ customerId: string }>;
}

/** What loading a request needs from the database (with its subjects). */
export const LEGAL_REQUEST_INCLUDE = {
  subjects: { select: { customerId: true }, orderBy: { customerId: "asc" } },
} as const;

export function toLegalRequest(row: LegalRequestRow): LegalRequest {
  const { subjects, ...rest } = row;
  return Object.assign(new LegalRequest(), {
    ...rest,
    subjectIds: subjects.map((subject) => subject.customerId),
  });
}
