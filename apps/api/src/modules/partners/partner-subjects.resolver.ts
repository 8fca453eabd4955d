import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, Info, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
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

@Resolver()
export class PartnerSubjectsResolver {
  @Query(() => PartnerSubjectConnection, {
    description:
      "Partner: the customers (not erased) in a stable order, with only the fields the partner's agreement and each customer's consent allow. Declare the purpose with @purpose.",
  })
  async partnerSubjects(
    @Arg("first", () => Int, { defaultValue: 50, description: "1 to 500." }) firstInput: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PartnerSubjectConnection> {
    const { processorId } = requirePartner(context);
    const { hashKey } = context.config;
    const first = pageSize("first", firstInput, MAX_PARTNER_PAGE);
    const afterId = openSubjectCursor("after", after, processorId, hashKey);
    // One statement for the page and the details it selects (cookie, card); navigation
    // events, when selected, batch through a loader.
    const selected = selectedFieldNames(info);
    const rows = await subjectPage(context.reader, {
      afterId,
      limit: first + 1,
      cookieIds: selected.has("pseudonymousId"),
      cardLast4: selected.has("cardLast4"),
    });
    // Nothing in the response may carry the customer's internal id: nodes get this processor's
    // pseudonym of it, cursors the sealed id (partner-cursor.ts).
    const pseudonymKey = { processorId, hashKey };
    const edges = rows.slice(0, first).map((row) => {
      const node = new PartnerSubject();
      node.subjectId = row.id;
      node.pseudonymKey = pseudonymKey;
      node.name = row.name;
      node.email = row.email;
      node.country = row.country;
      node.loaded = { cookieId: row.cookieId, cardLast4: row.cardLast4 };
      const edge = new PartnerSubjectEdge();
      edge.sealing = { subjectId: row.id, processorId, hashKey };
      edge.node = node;
      return edge;
    });
    return Object.assign(new PartnerSubjectConnection(), {
      edges,
      nodes: edges.map((edge) => edge.node),
      // The last edge's own cursor: each sealing draws a new IV, so a second one would differ.
      pageInfo: toPageInfo({
        endCursor: edges.at(-1)?.cursor ?? null,
        hasNextPage: rows.length > first,
      }),
    });
  }
}
