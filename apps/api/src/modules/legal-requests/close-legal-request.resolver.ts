/**
 * Closes a legal request: from then on it opens no read (the privacy gate ignores CLOSED
 * requests) and no longer holds data back from erasure (erasure keeps only what requests
 * that are not CLOSED cover).
 */
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { validateId } from "../../validation/validate-id.js";
import { LEGAL_REQUEST_INCLUDE, LegalRequest, toLegalRequest } from "./legal-request.type.js";

@Resolver()
export class CloseLegalRequestResolver {
  @Authorized()
  @Mutation(() => LegalRequest, {
    description:
      "Privacy officer: close a legal request; it then opens no disclosure and no longer keeps data from erasure (P-11).",
  })
  async closeLegalRequest(
    @Arg("id", () => ID) idInput: string,
    @Ctx() context: Context,
  ): Promise<LegalRequest> {
    const id = validateId("id", idInput);
    const { prisma, request } = context;
    // Only an open or disclosed request moves: closing twice keeps the first closing time.
    const { count } = await prisma.legalRequest.updateMany({
      where: { id, status: { not: "CLOSED" } },
      data: { status: "CLOSED", closedAt: request.now },
    });
    const row = await prisma.legalRequest.findUnique({
      where: { id },
      include: LEGAL_REQUEST_INCLUDE,
    });
    if (!row) throw new AppError("NOT_FOUND", "This legal request could not be found.");
    if (count === 0) {
      throw new AppError("BAD_USER_INPUT", "This legal request is already closed.", {
        field: "id",
      });
    }
    return toLegalRequest(row);
  }
}
