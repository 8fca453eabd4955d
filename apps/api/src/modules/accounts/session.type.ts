import { Field, ID, ObjectType } from "type-graphql";
import { Classified, Personal } from "../../privacy/personal.js";

/** A signed-in session and its device data (P-01): IP, browser and OS. */
@ObjectType()
export class DeviceSession {
  subjectId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Personal("user.device.ip_address")
  @Field(() => String, { nullable: true })
  ipAddress!: string | null;

  @Personal("user.device.browser")
  @Field(() => String, { nullable: true })
  browser!: string | null;

  @Personal("user.device.os")
  @Field(() => String, { nullable: true })
  os!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  createdAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  lastSeenAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, { description: "Whether this is the session making the request." })
  current!: boolean;
}
