import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { requirePartner } from "../../guards/require-partner.js";
import { toPageInfo } from "../../pagination/page-info.type.js";
import { pageSize } from "../../pagination/subject-cursor.js";
import { openSubjectCursor } from "./partner-cursor.js";
import {
  PartnerSubject,
  PartnerSubjectConnection,
  PartnerSubjectEdge,
} from "./partner-subject.type.js";
import { subjectPseudonym } from "./subject-pseudonym.js";

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
  ): Promise<PartnerSubjectConnection> {
    const { processorId } = requirePartner(context);
    const { hashKey } = context.config;
    const first = pageSize("first", firstInput, MAX_PARTNER_PAGE);
    const afterId = openSubjectCursor("after", after, processorId, hashKey);
    // One statement for the page; every other field batches through a loader.
    const rows = await context.prisma.customer.findMany({
      where: { erasedAt: null, ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: "asc" },
      take: first + 1,
      select: { id: true, name: true, email: true, country: true },
    });
    // Nothing in the response may carry the customer's internal id: nodes get this processor's
    // pseudonym of it, cursors the sealed id (partner-cursor.ts).
    const edges = rows.slice(0, first).map((row) =>
      Object.assign(new PartnerSubjectEdge(), {
        sealing: { subjectId: row.id, processorId, hashKey },
        node: Object.assign(new PartnerSubject(), {
          subjectId: row.id,
          id: subjectPseudonym(processorId, row.id, hashKey),
          name: row.name,
          email: row.email,
          country: row.country,
        }),
      }),
    );
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
