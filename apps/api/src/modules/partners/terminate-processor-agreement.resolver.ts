/**
 * Ends a processor's agreement now, before its term (P-10): from this moment the privacy gate
 * treats it as lapsed and every read the processor makes under it is refused
 * (AGREEMENT_EXPIRED). The agreement stays as history with the time it ended. Ending one that
 * has already ended changes nothing.
 */
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { validateId } from "../../validation/validate-id.js";
import { ProcessorAgreement, toProcessorAgreement } from "./processor-agreement.type.js";

@Resolver()
export class TerminateProcessorAgreementResolver {
  @Authorized()
  @Mutation(() => ProcessorAgreement, {
    description:
      "Privacy officer: ends a processor's agreement now; its reads are refused from this moment (P-10). Ending an agreement that has already ended changes nothing.",
  })
  async terminateProcessorAgreement(
    @Arg("id", () => ID) idInput: string,
    @Ctx() context: Context,
  ): Promise<ProcessorAgreement> {
    const id = validateId("id", idInput);
    const { prisma, request } = context;
    // Only an agreement still running is ended; the condition makes a repeat a no-op.
    await prisma.processorAgreement.updateMany({
      where: { id, terminatedAt: null, validUntil: { gt: request.now } },
      data: { terminatedAt: request.now },
    });
    const row = await prisma.processorAgreement.findUnique({ where: { id } });
    if (!row) throw new AppError("NOT_FOUND", "No processor agreement has this id.");
    return toProcessorAgreement(row);
  }
}
