import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, Info, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { badInput } from "../../errors/app-error.js";
import { requirePartner } from "../../guards/require-partner.js";
import { toPageInfo } from "../../pagination/page-info.type.js";
import { pageSize } from "../../pagination/subject-cursor.js";
import { subjectPage } from "./load-subject-details.js";
import { openSubjectCursor } from "./partner-cursor.js";
import {
  PartnerSubject,
  PartnerSubjectConnection,
  PartnerSubjectEdge,
} from "./partner-subject.type.js";
import { selectedFieldNames } from "./selected-fields.js";

export const MAX_PARTNER_PAGE = 500;

/** A sync's starting point: a valid time, not in the future (which would list nothing). */
function checkedChangedSince(value: Date | null | undefined, now: Date): Date | null {
  if (value === null || value === undefined) return null;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw badInput("changedSince", "changedSince must be a date and time.");
  }
  if (value > now) throw badInput("changedSince", "changedSince cannot be in the future.");
  return value;
}

@Resolver()
export class PartnerSubjectsResolver {
  @Query(() => PartnerSubjectConnection, {
    description:
      "Partner: the customers (not erased) in a stable order, with only the fields the partner's agreement and each customer's consent allow. With changedSince, only the customers whose data changed after that time, erased ones included (erased: true, every field null) so you delete what you hold. Declare the purpose with @purpose.",
  })
  async partnerSubjects(
    @Arg("first", () => Int, { defaultValue: 50, description: "1 to 500." }) firstInput: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("changedSince", () => Date, {
      nullable: true,
      description:
        "Only the customers whose profile, consents or erasure changed after this time: pass the syncedAt of your last sync's first page.",
    })
    changedSinceInput?: Date | null,
  ): Promise<PartnerSubjectConnection> {
    const { processorId } = requirePartner(context);
    const { hashKey } = context.config;
    const first = pageSize("first", firstInput, MAX_PARTNER_PAGE);
    const afterId = openSubjectCursor("after", after, processorId, hashKey);
    const changedSince = checkedChangedSince(changedSinceInput, context.request.now);
    // One statement for the page and the details it selects (cookie, card); navigation
    // events, when selected, batch through a loader.
    const selected = selectedFieldNames(info);
    const rows = await subjectPage(context.reader, {
      afterId,
      limit: first + 1,
      cookieIds: selected.has("pseudonymousId"),
      cardLast4: selected.has("cardLast4"),
      changedSince,
    });
    // Nothing in the response may carry the customer's internal id: nodes get this processor's
    // pseudonym of it, cursors the sealed id (partner-cursor.ts).
    const pseudonymKey = { processorId, hashKey };
    const edges = rows.slice(0, first).map((row) => {
      const node = new PartnerSubject();
      node.subjectId = row.id;
      node.pseudonymKey = pseudonymKey;
      // An erased customer (listed only by a sync) carries nothing but the fact of erasure.
      node.erased = row.erased;
      node.name = row.erased ? null : row.name;
      node.email = row.erased ? null : row.email;
      node.country = row.erased ? null : row.country;
      node.loaded = row.erased
        ? { cookieId: null, cardLast4: null }
        : { cookieId: row.cookieId, cardLast4: row.cardLast4 };
      const edge = new PartnerSubjectEdge();
      edge.sealing = { subjectId: row.id, processorId, hashKey };
      edge.node = node;
      return edge;
    });
    return Object.assign(new PartnerSubjectConnection(), {
      edges,
      nodes: edges.map((edge) => edge.node),
      // The last edge's own cursor: each sealing draws a new IV, so a second one would differ.
      syncedAt: context.request.now,
      pageInfo: toPageInfo({
        endCursor: edges.at(-1)?.cursor ?? null,
        hasNextPage: rows.length > first,
      }),
    });
  }
}
