import type { Prisma } from "@privet/db/client";
import { Arg, Authorized, Ctx, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { pageSize } from "../../pagination/subject-cursor.js";
import { BreakGlassGrant, toBreakGlassGrant } from "./break-glass-grant.type.js";

@Resolver()
export class BreakGlassGrantsResolver {
  @Authorized()
  @Query(() => [BreakGlassGrant], {
    description:
      "Security and privacy officers, auditors: break-glass grants, newest first; `activeOnly` keeps those that open records now (not expired, not revoked). Ids and times only.",
  })
  async breakGlassGrants(
    @Arg("first", () => Int, { defaultValue: 50 }) firstInput: number,
    @Arg("activeOnly", () => Boolean, { defaultValue: false }) activeOnly: boolean,
    @Ctx() context: Context,
  ): Promise<BreakGlassGrant[]> {
    const first = pageSize("first", firstInput, 200);
    const now = context.request.now;
    const where: Prisma.BreakGlassGrantWhereInput = activeOnly
      ? { revokedAt: null, startsAt: { lte: now }, expiresAt: { gt: now } }
      : {};
    const rows = await context.prisma.breakGlassGrant.findMany({
      where,
      orderBy: { createdAt: "desc" },
      take: first,
      // Names to show instead of ids, in the same statement: staff names and legal requests'
      // references are nobody's personal data.
      include: {
        staffUser: { select: { name: true } },
        legalRequest: { select: { authority: true, reference: true } },
      },
    });
    return rows.map(({ staffUser, legalRequest, ...row }) =>
      Object.assign(toBreakGlassGrant(row, now), {
        staffName: staffUser.name,
        legalRequestName: legalRequest
          ? `${legalRequest.authority} — ${legalRequest.reference}`
          : null,
      }),
    );
  }
}
