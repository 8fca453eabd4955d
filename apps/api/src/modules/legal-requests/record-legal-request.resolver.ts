/**
 * Records a government request, court order or legal process with its scope (P-11). Nothing
 * is read about the customers it names beyond that they exist: the disclosure is a separate,
 * audited read (`legalDisclosure`).
 */
import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { badInput } from "../../errors/app-error.js";
import { currentStaff } from "../../guards/current-staff.js";
import * as validate from "../../validation/validate.js";
import { LEGAL_REQUEST_INCLUDE, LegalRequest, toLegalRequest } from "./legal-request.type.js";
import { RecordLegalRequestInput } from "./record-legal-request.input.js";
import { validateScopeCategories, validateSubjects } from "./validate-legal-request.js";

/** Clocks differ a little between the console's machine and the server's. */
const CLOCK_SKEW_MS = 60_000;

@Resolver()
export class RecordLegalRequestResolver {
  @Authorized()
  @Mutation(() => LegalRequest, {
    description:
      "Privacy officer: record a government request, court order or legal process, with the customers and data categories it names (P-11).",
  })
  async recordLegalRequest(
    @Arg("input", () => RecordLegalRequestInput) input: RecordLegalRequestInput,
    @Ctx() context: Context,
  ): Promise<LegalRequest> {
    const staff = currentStaff(context);
    const { prisma, request } = context;
    const authority = validate.text("authority", input.authority, { max: 200 });
    const reference = validate.text("reference", input.reference, { max: 200 });
    const notes = input.notes ? validate.text("notes", input.notes, { max: 5000 }) : "";
    const receivedAt = input.receivedAt;
    if (!(receivedAt instanceof Date) || Number.isNaN(receivedAt.getTime())) {
      throw badInput("receivedAt", "Give the date the request was received.");
    }
    if (receivedAt.getTime() > request.now.getTime() + CLOCK_SKEW_MS) {
      throw badInput("receivedAt", "The date received cannot be in the future.");
    }
    const categories = validateScopeCategories(input.categories);
    const subjectIds = await validateSubjects(prisma, input.subjectIds);
    const existing = await prisma.legalRequest.findUnique({
      where: { authority_reference: { authority, reference } },
      select: { id: true },
    });
    if (existing) {
      throw badInput("reference", "A request with this reference from this authority is recorded.");
    }
    const row = await prisma.legalRequest.create({
      data: {
        kind: input.kind,
        authority,
        reference,
        receivedAt,
        categories,
        notes,
        createdById: staff.staffId,
        createdAt: request.now,
        subjects: { create: subjectIds.map((customerId) => ({ customerId })) },
      },
      include: LEGAL_REQUEST_INCLUDE,
    });
    return toLegalRequest(row);
  }
}
