import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { agreementsInForce } from "./agreements-in-force.js";
import { buildDataMap } from "./build-data-map.js";
import { DataMapGroup } from "./data-map.type.js";

@Resolver()
export class DataMapResolver {
  @Query(() => [DataMapGroup], {
    description:
      "The data map (P-07): every category of data the policy names, grouped as the policy groups it, with the purposes that may use it and the processors that receive it now (agreements in force), where they hold it and why. Public: it describes the policy, not a person.",
  })
  async dataMap(@Ctx() context: Context): Promise<DataMapGroup[]> {
    const agreements = await agreementsInForce(context.prisma, context.request.now);
    return buildDataMap(agreements);
  }
}
