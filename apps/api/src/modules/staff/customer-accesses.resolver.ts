import { addMonths } from "@privet/db/retention";
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context.js";
import { badInput } from "../../errors/app-error.js";
import { openHistoryCursor, sealHistoryCursor } from "../../pagination/history-cursor.js";
import { toPageInfo } from "../../pagination/page-info.type.js";
import { pageSize } from "../../pagination/subject-cursor.js";
import { Classified } from "../../privacy/personal.js";
import { isUuid } from "../../validation/validate-id.js";
import { Customer } from "../accounts/public.js";
import { AccessConnection, AccessFilter, AccessReader, AccessSummary } from "./access.type.js";
import { assertMayReadAccessLog } from "./access-log-permission.js";
import { loadAccessPage, loadAccessReaders, loadAccessSummary } from "./load-accesses.js";

const MAX_PAGE = 200;

/** A cursor opens only on the accesses of the subject it was issued for. */
const scopeOf = (subjectId: string): string => `accesses:${subjectId}`;

function checkedFilter(filter: AccessFilter | null): AccessFilter {
  const processorId = filter?.processorId?.trim().toLowerCase() || null;
  if (processorId !== null && !isUuid(processorId)) {
    throw badInput("filter.processorId", "Choose a partner from the list.");
  }
  if (processorId !== null && filter?.who === "STAFF") {
    throw badInput("filter.who", "A partner cannot be combined with Privet staff.");
  }
  return { who: filter?.who ?? null, processorId, purpose: filter?.purpose ?? null };
}

@Resolver(() => Customer)
export class CustomerAccessesResolver {
  @Classified("NON_PERSONAL")
  @FieldResolver(() => AccessConnection, {
    nullable: true,
    description:
      "Who accessed this customer's data, one entry per access (one reader, purpose and request, with the fields read listed), newest first, a page at a time: pass `pageInfo.endCursor` as `after`. Same permission as `accessLog`. A page costs the same however long the history.",
  })
  async accesses(
    @Root() customer: Customer,
    @Arg("first", () => Int, { defaultValue: 20 }) firstInput: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("filter", () => AccessFilter, { nullable: true }) filterInput: AccessFilter | null,
    @Ctx() context: Context,
  ): Promise<AccessConnection> {
    assertMayReadAccessLog(context, customer.subjectId);
    const first = pageSize("first", firstInput, MAX_PAGE);
    const filter = checkedFilter(filterInput);
    const scope = scopeOf(customer.subjectId);
    const hashKey = context.config.hashKey;
    const position = openHistoryCursor("after", after, scope, hashKey);
    const page = await loadAccessPage(context.prisma, customer.subjectId, first, position, filter);
    return Object.assign(new AccessConnection(), {
      nodes: page.nodes,
      pageInfo: toPageInfo({
        endCursor: page.next ? sealHistoryCursor(page.next, scope, hashKey) : null,
        hasNextPage: page.next !== null,
      }),
    });
  }

  @Classified("NON_PERSONAL")
  @FieldResolver(() => AccessSummary, {
    nullable: true,
    description:
      "Accesses that showed this customer's data over the last 30 days: by staff, by partners, and which partners. Same permission as `accessLog`.",
  })
  async accessSummary(@Root() customer: Customer, @Ctx() context: Context): Promise<AccessSummary> {
    assertMayReadAccessLog(context, customer.subjectId);
    return loadAccessSummary(context.prisma, customer.subjectId, context.request.now);
  }

  @Classified("NON_PERSONAL")
  @FieldResolver(() => [AccessReader], {
    nullable: true,
    description: "The partners the accesses can be narrowed to: every processor, by name.",
  })
  async accessPartners(
    @Root() customer: Customer,
    @Ctx() context: Context,
  ): Promise<AccessReader[]> {
    assertMayReadAccessLog(context, customer.subjectId);
    return loadAccessReaders(context.prisma);
  }

  @Classified("NON_PERSONAL")
  @FieldResolver(() => Date, {
    nullable: true,
    description:
      "Where the access log starts: the first instant of the oldest month still in the database, when older months were archived to files (`npm run db:archive`); null when nothing was archived, so the log is complete. The same for every customer. Same permission as `accessLog`.",
  })
  async accessesKeptSince(
    @Root() customer: Customer,
    @Ctx() context: Context,
  ): Promise<Date | null> {
    assertMayReadAccessLog(context, customer.subjectId);
    const newest = await context.prisma.historyArchive.findFirst({
      where: { history: "AUDIT_LOG" },
      orderBy: { month: "desc" },
      select: { month: true },
    });
    return newest ? new Date(`${addMonths(newest.month, 1)}-01T00:00:00.000Z`) : null;
  }
}
