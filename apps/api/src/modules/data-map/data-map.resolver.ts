import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { buildDataMap } from "./build-data-map.js";
import { DataMapGroup } from "./data-map.type.js";

@Resolver()
export class DataMapResolver {
  @Query(() => [DataMapGroup], {
    description:
      "The data map (P-07): every category of data the policy names, grouped as the policy groups it, with the purposes that may use it and the processors that receive it now (agreements in force), where they hold it and why. Public: it describes the policy, not a person.",
  })
  async dataMap(@Ctx() context: Context): Promise<DataMapGroup[]> {
    const now = context.request.now;
    // The agreements in force now, with their processors: one query whatever the number of
    // processors. The same window the privacy gate applies to a partner's reads: from
    // validFrom, until validUntil (exclusive) or an earlier termination.
    const agreements = await context.prisma.processorAgreement.findMany({
      where: {
        validFrom: { lte: now },
        validUntil: { gt: now },
        OR: [{ terminatedAt: null }, { terminatedAt: { gt: now } }],
      },
      select: {
        purposes: true,
        categories: true,
        processor: {
          select: { name: true, kind: true, region: true, country: true, description: true },
        },
      },
    });
    return buildDataMap(agreements);
  }
}
