import { Field, ID, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";

/**
 * A policy version being written (P-18), kept server-side so a privacy officer can save, come
 * back, preview and publish it later, or discard it. Fields may be empty or incomplete until
 * publishing, which validates them as a version. Nothing personal: the policy's own text, and
 * times (who saved it stays in the database, not in the API).
 */
@ObjectType({
  description: "A draft of a policy version: saved, edited and previewed, then published (P-18).",
})
export class PolicyDraft {
  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "The label it will be published under; may be empty." })
  version!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String)
  title!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "What changes, in a few sentences." })
  summary!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "The full text, in Markdown." })
  body!: string;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { nullable: true, description: "When it is to take effect, once chosen." })
  effectiveAt!: Date | null;

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, { description: "Publishing it will notify every customer." })
  material!: boolean;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  createdAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Date, { description: "When it was last saved." })
  updatedAt!: Date;
}

export interface PolicyDraftRow {
  id: string;
  version: string;
  title: string;
  summary: string;
  body: string;
  effectiveAt: Date | null;
  material: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export function toPolicyDraft(row: PolicyDraftRow): PolicyDraft {
  return Object.assign(new PolicyDraft(), {
    id: row.id,
    version: row.version,
    title: row.title,
    summary: row.summary,
    body: row.body,
    effectiveAt: row.effectiveAt,
    material: row.material,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
}
