/**
 * Records a processor's data-processing agreement, or its renewal (a new agreement: the old
 * one stays as history, and the privacy gate uses the one in force at the time of each read).
 * Only what a processor can ever be given is accepted: known categories, none that only staff
 * may read, each readable by at least one of the agreement's purposes.
 */
import type { Purpose } from "@privet/domain/purposes";
import { purposeMayRead } from "@privet/domain/purposes";
import { categoryGroup, isDataCategory, isNeverReadable } from "@privet/domain/taxonomy";
import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { badInput } from "../../errors/app-error.js";
import * as validate from "../../validation/validate.js";
import { validateId } from "../../validation/validate-id.js";
import { RecordProcessorAgreementInput } from "./processor-agreement.input.js";
import { ProcessorAgreement, toProcessorAgreement } from "./processor-agreement.type.js";

function date(field: string, value: Date): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw badInput(field, `${field} must be a date and time.`);
  }
  return value;
}

function checkedPurposes(purposes: readonly Purpose[]): Purpose[] {
  const unique = [...new Set(purposes)];
  if (unique.length === 0) throw badInput("purposes", "List at least one purpose.");
  if (unique.includes("LEGAL_OBLIGATION")) {
    // decide() never lets a partner read under it: legal disclosures are made by staff.
    throw badInput(
      "purposes",
      "LEGAL_OBLIGATION is not a processor purpose: staff make disclosures.",
    );
  }
  return unique;
}

function checkedCategories(categories: readonly string[], purposes: readonly Purpose[]): string[] {
  const unique = [...new Set(categories.map((category) => category.trim()))];
  if (unique.length === 0) throw badInput("categories", "List at least one data category.");
  for (const category of unique) {
    if (!isDataCategory(category)) {
      throw badInput("categories", `${category.slice(0, 60)} is not a data category.`);
    }
    if (isNeverReadable(category) || categoryGroup(category) === "customer_held") {
      throw badInput("categories", `${category} is never given to a processor.`);
    }
    if (!purposes.some((purpose) => purposeMayRead(purpose, category))) {
      throw badInput("categories", `${category} is not readable by any of the listed purposes.`);
    }
  }
  return unique;
}

@Resolver()
export class RecordProcessorAgreementResolver {
  @Authorized()
  @Mutation(() => ProcessorAgreement, {
    description:
      "Privacy officer: records a processor's agreement or its renewal; from validFrom the processor reads what it lists (P-10).",
  })
  async recordProcessorAgreement(
    @Arg("input", () => RecordProcessorAgreementInput) input: RecordProcessorAgreementInput,
    @Ctx() context: Context,
  ): Promise<ProcessorAgreement> {
    const { prisma, request } = context;
    const processorId = validateId("processorId", input.processorId);
    const reference = validate.text("reference", input.reference, { max: 100 });
    const purposes = checkedPurposes(input.purposes);
    const categories = checkedCategories(input.categories, purposes);
    const signedAt = date("signedAt", input.signedAt);
    const validFrom = date("validFrom", input.validFrom);
    const validUntil = date("validUntil", input.validUntil);
    if (signedAt > request.now) throw badInput("signedAt", "signedAt cannot be in the future.");
    if (validUntil <= validFrom)
      throw badInput("validUntil", "validUntil must be after validFrom.");

    const processor = await prisma.processor.findUnique({
      where: { id: processorId },
      select: { id: true },
    });
    if (!processor) throw badInput("processorId", "No processor has this id.");
    const row = await prisma.processorAgreement
      .create({
        data: {
          processorId,
          reference,
          purposes,
          categories,
          signedAt,
          validFrom,
          validUntil,
          createdAt: request.now,
        },
      })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === "P2002") {
          throw badInput(
            "reference",
            "This processor already has an agreement with this reference.",
          );
        }
        throw error;
      });
    return toProcessorAgreement(row);
  }
}
