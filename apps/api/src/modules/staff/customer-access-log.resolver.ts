import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context.js";
import { openHistoryCursor, sealHistoryCursor } from "../../pagination/history-cursor.js";
import { toPageInfo } from "../../pagination/page-info.type.js";
import { pageSize } from "../../pagination/subject-cursor.js";
import { Classified } from "../../privacy/personal.js";
import { Customer } from "../accounts/public.js";
import { AccessLogConnection } from "./access-log-connection.type.js";
import { AccessLogEntry } from "./access-log-entry.type.js";
import { assertMayReadAccessLog } from "./access-log-permission.js";
import { loadAccessLogPages, loadAccessLogs } from "./load-access-log.js";

const MAX_PAGE = 500;

/** A cursor opens only on the log of the subject it was issued for. */
const scopeOf = (subjectId: string): string => `accessLog:${subjectId}`;

@Resolver(() => Customer)
export class CustomerAccessLogResolver {
  @Classified("NON_PERSONAL")
  @FieldResolver(() => [AccessLogEntry], {
    nullable: true,
    description:
      "Who read this customer's personal data, why and when (allowed reads only, newest first): the newest `first`. The customer sees their own; staff need a declared purpose (auditors excepted); see access-log-permission.ts. `accessLogPage` pages further.",
  })
  async accessLog(
    @Root() customer: Customer,
    @Arg("first", () => Int, { defaultValue: 50 }) firstInput: number,
    @Ctx() context: Context,
  ): Promise<AccessLogEntry[]> {
    assertMayReadAccessLog(context, customer.subjectId);
    const first = pageSize("first", firstInput, MAX_PAGE);
    return context.loaders
      .get(`accessLog:${first}`, (ids: readonly string[]) =>
        loadAccessLogs(context.prisma, ids, first),
      )
      .load(customer.subjectId);
  }

  @Classified("NON_PERSONAL")
  @FieldResolver(() => AccessLogConnection, {
    nullable: true,
    description:
      "The same log as `accessLog`, a page at a time: pass `pageInfo.endCursor` as `after` for the next page. A page costs the same however long the history.",
  })
  async accessLogPage(
    @Root() customer: Customer,
    @Arg("first", () => Int, { defaultValue: 50 }) firstInput: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() context: Context,
  ): Promise<AccessLogConnection> {
    assertMayReadAccessLog(context, customer.subjectId);
    const first = pageSize("first", firstInput, MAX_PAGE);
    const scope = scopeOf(customer.subjectId);
    const hashKey = context.config.hashKey;
    const position = openHistoryCursor("after", after, scope, hashKey);
    const [rows = []] = await loadAccessLogPages(
      context.prisma,
      [customer.subjectId],
      first + 1,
      position,
    );
    const page = rows.slice(0, first);
    const last = page.at(-1);
    return Object.assign(new AccessLogConnection(), {
      nodes: page.map((row) => row.entry),
      pageInfo: toPageInfo({
        endCursor: last ? sealHistoryCursor(last.at, scope, hashKey) : null,
        hasNextPage: rows.length > first,
      }),
    });
  }
}
