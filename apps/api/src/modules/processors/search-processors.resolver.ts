/**
 * Choosing a processor by name (the audit trail's filters, keys and agreements): processors
 * whose name contains what was typed, by name. Who may search is the permission table's
 * `searchProcessors` entry: more roles than may open the registry itself, since narrowing the
 * audit trail to one processor needs only its name.
 */
import { Arg, Authorized, Ctx, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { matchCount, searchText } from "../../validation/search-text.js";
import { ProcessorSummary } from "./processor-summary.type.js";

@Resolver()
export class SearchProcessorsResolver {
  @Authorized()
  @Query(() => [ProcessorSummary], {
    description:
      "Processors whose name contains `text`, by name (an empty text: the first by name), to choose one.",
  })
  async searchProcessors(
    @Arg("text", () => String, { defaultValue: "" }) textInput: string,
    @Arg("first", () => Int, { defaultValue: 8 }) firstInput: number,
    @Ctx() context: Context,
  ): Promise<ProcessorSummary[]> {
    const text = searchText("text", textInput, 0);
    const first = matchCount("first", firstInput);
    const rows = await context.prisma.processor.findMany({
      where: text ? { name: { contains: text, mode: "insensitive" } } : {},
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: first,
      select: { id: true, name: true, kind: true },
    });
    return rows.map((row) => Object.assign(new ProcessorSummary(), row));
  }
}
