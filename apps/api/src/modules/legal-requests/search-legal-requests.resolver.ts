/**
 * Choosing a legal request by its authority or reference (break-glass grants citing one, the
 * console's forms): requests whose authority or reference contains what was typed, most
 * recently received first; `openOnly` leaves closed ones out (a grant may cite only an open
 * one). Who may search is the permission table's `searchLegalRequests` entry.
 */
import { Arg, Authorized, Ctx, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { matchCount, searchText } from "../../validation/search-text.js";
import { LEGAL_REQUEST_INCLUDE, LegalRequest, toLegalRequest } from "./legal-request.type.js";

@Resolver()
export class SearchLegalRequestsResolver {
  @Authorized()
  @Query(() => [LegalRequest], {
    description:
      "Legal requests whose authority or reference contains `text` (an empty text: the most recent), most recently received first, to choose one (P-11).",
  })
  async searchLegalRequests(
    @Arg("text", () => String, { defaultValue: "" }) textInput: string,
    @Arg("openOnly", () => Boolean, { defaultValue: false }) openOnly: boolean,
    @Arg("first", () => Int, { defaultValue: 8 }) firstInput: number,
    @Ctx() context: Context,
  ): Promise<LegalRequest[]> {
    const text = searchText("text", textInput, 0);
    const first = matchCount("first", firstInput);
    const rows = await context.prisma.legalRequest.findMany({
      where: {
        ...(openOnly ? { status: { not: "CLOSED" as const } } : {}),
        ...(text
          ? {
              OR: [
                { authority: { contains: text, mode: "insensitive" as const } },
                { reference: { contains: text, mode: "insensitive" as const } },
              ],
            }
          : {}),
      },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: first,
      include: LEGAL_REQUEST_INCLUDE,
    });
    return rows.map(toLegalRequest);
  }
}
