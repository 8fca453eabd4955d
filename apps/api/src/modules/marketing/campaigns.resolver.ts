import { Arg, Authorized, Ctx, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { badInput } from "../../errors/app-error.js";
import { Campaign, toCampaign } from "./campaign.type.js";

const MAX_PAGE = 100;

@Resolver()
export class CampaignsResolver {
  @Authorized()
  @Query(() => [Campaign], {
    description: "Privacy officers and administrators: marketing campaigns, newest first.",
  })
  async campaigns(
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Ctx() context: Context,
  ): Promise<Campaign[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
      throw badInput("first", `first must be between 1 and ${MAX_PAGE}.`);
    }
    const rows = await context.prisma.campaign.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: first,
    });
    // One count per page, not per campaign.
    const counts = await context.prisma.outboxEmail.groupBy({
      by: ["campaignId"],
      where: { campaignId: { in: rows.map((row) => row.id) } },
      _count: { _all: true },
    });
    const byId = new Map(counts.map((count) => [count.campaignId, count._count._all]));
    return rows.map((row) => toCampaign(row, byId.get(row.id) ?? 0));
  }
}
