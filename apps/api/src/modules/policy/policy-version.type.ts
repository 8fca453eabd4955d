import { Field, ID, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";

/**
 * A version of the privacy policy (P-18). Public: the policy is about no one in particular.
 * The body is resolved on its own (policy-version-body.resolver.ts), so listing the archive
 * does not read every version's full text unless asked.
 */
@ObjectType({ description: "A version of the privacy policy, with its effective date (P-18)." })
export class PolicyVersion {
  @Classified("PUBLIC")
  @Field(() => ID)
  id!: string;

  @Classified("PUBLIC")
  @Field(() => String, { description: "The version's label, e.g. 2026-01-15." })
  version!: string;

  @Classified("PUBLIC")
  @Field(() => String)
  title!: string;

  @Classified("PUBLIC")
  @Field(() => String, { description: "What changed, in a few sentences." })
  summary!: string;

  @Classified("PUBLIC")
  @Field(() => Date, { description: "The version governs from this instant." })
  effectiveAt!: Date;

  @Classified("PUBLIC")
  @Field(() => Date)
  publishedAt!: Date;

  @Classified("PUBLIC")
  @Field(() => Boolean, { description: "A material change: customers were sent a notice." })
  material!: boolean;

  @Classified("PUBLIC")
  @Field(() => Boolean, { description: "This is the version in force now." })
  inForce!: boolean;

  @Classified("PUBLIC")
  @Field(() => Boolean, { description: "Published, but its effective date has not come yet." })
  scheduled!: boolean;

  /** The body, when the row was read with it; otherwise the body resolver loads it. */
  loadedBody?: string;
}

export interface PolicyVersionRow {
  id: string;
  version: string;
  title: string;
  summary: string;
  effectiveAt: Date;
  publishedAt: Date;
  material: boolean;
  body?: string;
}

/** The columns of a version without its body (the archive reads these). */
export const POLICY_VERSION_HEADER = {
  id: true,
  version: true,
  title: true,
  summary: true,
  effectiveAt: true,
  publishedAt: true,
  material: true,
} as const;

/**
 * Maps a row, given the id of the version in force now (null when none is), at `now`.
 */
export function toPolicyVersion(
  row: PolicyVersionRow,
  inForceId: string | null,
  now: Date,
): PolicyVersion {
  return Object.assign(new PolicyVersion(), {
    id: row.id,
    version: row.version,
    title: row.title,
    summary: row.summary,
    effectiveAt: row.effectiveAt,
    publishedAt: row.publishedAt,
    material: row.material,
    inForce: row.id === inForceId,
    scheduled: row.effectiveAt.getTime() > now.getTime(),
    loadedBody: row.body,
  });
}
