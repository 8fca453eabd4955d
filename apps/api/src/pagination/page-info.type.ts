import { Field, ObjectType } from "type-graphql";
import { Classified } from "../privacy/personal.js";

/** Where a cursor-paginated list stands (Relay's PageInfo, forward pagination only). */
@ObjectType()
export class PageInfo {
  @Classified("NON_PERSONAL")
  @Field(() => String, { nullable: true, description: "Pass as `after` for the next page." })
  endCursor!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => Boolean)
  hasNextPage!: boolean;
}

export function toPageInfo(page: { endCursor: string | null; hasNextPage: boolean }): PageInfo {
  return Object.assign(new PageInfo(), {
    endCursor: page.endCursor,
    hasNextPage: page.hasNextPage,
  });
}
