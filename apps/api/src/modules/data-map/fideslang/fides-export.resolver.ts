import { Authorized, Ctx, Field, ObjectType, Query, Resolver } from "type-graphql";
import type { Context } from "../../../context/context.js";
import { Classified } from "../../../privacy/personal.js";
import { agreementsInForce } from "../agreements-in-force.js";
import { fidesYaml } from "./fides-export.js";
import { FIDESLANG_TAXONOMY } from "./fideslang-taxonomy.js";

/** The data map as a fideslang YAML file to import into Fides. */
@ObjectType()
export class FidesExport {
  @Classified("NON_PERSONAL")
  @Field(() => String)
  fileName!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    description:
      "fideslang YAML: one `system` resource with a privacy declaration per purpose (data use, data categories, data subjects, legal basis, processors in force). It describes the policy, not a person.",
  })
  content!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "The fideslang release whose keys the file uses." })
  fideslangVersion!: string;
}

@Resolver()
export class FidesExportResolver {
  @Authorized()
  @Query(() => FidesExport, {
    description:
      "Administrators and privacy officers: the data map (dataMap) as fideslang YAML, for Fides users to import — Privet's categories and purposes in fideslang's published keys.",
  })
  async dataMapFidesExport(@Ctx() context: Context): Promise<FidesExport> {
    const now = context.request.now;
    const agreements = await agreementsInForce(context.prisma, now);
    return Object.assign(new FidesExport(), {
      fileName: `privet-data-map-fides-${now.toISOString().slice(0, 10)}.yml`,
      content: fidesYaml(agreements, now),
      fideslangVersion: FIDESLANG_TAXONOMY.source.version,
    });
  }
}
