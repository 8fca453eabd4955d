import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context.js";
import { Classified } from "../../privacy/personal.js";
import { PolicyVersion } from "./policy-version.type.js";

@Resolver(() => PolicyVersion)
export class PolicyVersionBodyResolver {
  @Classified("PUBLIC")
  @FieldResolver(() => String, { description: "The full text, in Markdown." })
  async body(@Root() version: PolicyVersion, @Ctx() context: Context): Promise<string> {
    if (version.loadedBody !== undefined) return version.loadedBody;
    // The archive asked for bodies: one statement for all the versions listed.
    return context.loaders
      .get("policy.bodyById", async (ids: readonly string[]) => {
        const rows = await context.prisma.policyVersion.findMany({
          where: { id: { in: [...ids] } },
          select: { id: true, body: true },
        });
        const bodies = new Map(rows.map((row) => [row.id, row.body]));
        return ids.map((id) => bodies.get(id) ?? "");
      })
      .load(version.id);
  }
}
