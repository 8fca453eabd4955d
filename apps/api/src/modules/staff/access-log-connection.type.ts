import { Field, ObjectType } from "type-graphql";
import { PageInfo } from "../../pagination/page-info.type.js";
import { Classified } from "../../privacy/personal.js";
import { AccessLogEntry } from "./access-log-entry.type.js";

/** A page of a customer's access log; `pageInfo.endCursor` (sealed) asks for the next. */
@ObjectType()
export class AccessLogConnection {
  @Classified("NON_PERSONAL")
  @Field(() => [AccessLogEntry], { description: "Newest first." })
  nodes!: AccessLogEntry[];

  @Classified("NON_PERSONAL")
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
