import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context.js";
import { pageSize } from "../../pagination/subject-cursor.js";
import { Classified } from "../../privacy/personal.js";
import { Customer } from "../accounts/public.js";
import { AccessLogEntry } from "./access-log-entry.type.js";
import { assertMayReadAccessLog } from "./access-log-permission.js";
import { loadAccessLogs } from "./load-access-log.js";

@Resolver(() => Customer)
export class CustomerAccessLogResolver {
  @Classified("NON_PERSONAL")
  @FieldResolver(() => [AccessLogEntry], {
    nullable: true,
    description:
      "Who read this customer's personal data, why and when (allowed reads only, newest first). The customer sees their own; staff need a declared purpose (auditors excepted); see access-log-permission.ts.",
  })
  async accessLog(
    @Root() customer: Customer,
    @Arg("first", () => Int, { defaultValue: 50 }) firstInput: number,
    @Ctx() context: Context,
  ): Promise<AccessLogEntry[]> {
    assertMayReadAccessLog(context, customer.subjectId);
    const first = pageSize("first", firstInput, 500);
    return context.loaders
      .get(`accessLog:${first}`, (ids: readonly string[]) =>
        loadAccessLogs(context.prisma, ids, first),
      )
      .load(customer.subjectId);
  }
}
