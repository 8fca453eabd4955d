import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { toPageInfo } from "./page-info.type.js";
import {
  PartnerSubject,
  PartnerSubjectConnection,
  PartnerSubjectEdge,
} from "./partner-subject.type.js";
import { requirePartner } from "./require-partner.js";
import { decodeSubjectCursor, encodeSubjectCursor, pageOf, pageSize } from "./subject-cursor.js";

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
    requirePartner(context);
    const first = pageSize("first", firstInput, MAX_PARTNER_PAGE);
    const afterId = decodeSubjectCursor("after", after);
    // One statement for the page; every other field batches through a loader.
    const rows = await context.prisma.customer.findMany({
      where: { erasedAt: null, ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: "asc" },
      take: first + 1,
      select: { id: true, name: true, email: true, country: true },
    });
    const page = pageOf(rows, first);
    const edges = page.rows.map((row) =>
      Object.assign(new PartnerSubjectEdge(), {
        cursor: encodeSubjectCursor(row.id),
        node: Object.assign(new PartnerSubject(), {
          subjectId: row.id,
          name: row.name,
          email: row.email,
          country: row.country,
        }),
      }),
    );
    return Object.assign(new PartnerSubjectConnection(), {
      edges,
      nodes: edges.map((edge) => edge.node),
      pageInfo: toPageInfo(page),
    });
  }
}
