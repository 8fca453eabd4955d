import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError, badInput } from "../../errors/app-error.js";
import { validateId } from "../../validation/validate-id.js";
import { LEGAL_REQUEST_INCLUDE, LegalRequest, toLegalRequest } from "./legal-request.type.js";
import { type LegalRequestStatus, LegalRequestStatusValues } from "./legal-request-enums.js";

const MAX_FIRST = 200;

@Resolver()
export class LegalRequestsResolver {
  @Authorized()
  @Query(() => [LegalRequest], {
    description:
      "Privacy officers and auditors: the legal-request register, most recently received first (P-11).",
  })
  async legalRequests(
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("status", () => LegalRequestStatusValues, { nullable: true })
    status: LegalRequestStatus | null,
    @Ctx() context: Context,
  ): Promise<LegalRequest[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) {
      throw badInput("first", `Ask for 1 to ${MAX_FIRST} legal requests at a time.`);
    }
    const rows = await context.prisma.legalRequest.findMany({
      where: status ? { status } : {},
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: first,
      include: LEGAL_REQUEST_INCLUDE,
    });
    return rows.map(toLegalRequest);
  }

  @Authorized()
  @Query(() => LegalRequest, {
    description: "Privacy officers and auditors: one legal request and its scope (P-11).",
  })
  async legalRequest(
    @Arg("id", () => ID) id: string,
    @Ctx() context: Context,
  ): Promise<LegalRequest> {
    const row = await context.prisma.legalRequest.findUnique({
      where: { id: validateId("id", id) },
      include: LEGAL_REQUEST_INCLUDE,
    });
    if (!row) throw new AppError("NOT_FOUND", "This legal request could not be found.");
    return toLegalRequest(row);
  }
}
