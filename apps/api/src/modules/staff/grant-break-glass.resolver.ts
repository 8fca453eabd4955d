/**
 * Opens one customer's records about other individuals to one staff member, for a while
 * (P-12). The rules the grant must meet, each a BAD_USER_INPUT or FORBIDDEN that writes nothing:
 *
 *   - approved by a SECURITY_OFFICER or PRIVACY_OFFICER (the caller), who is not the grantee:
 *     breaking glass takes two people;
 *   - the grantee's role may declare the purpose the reason opens (MALFUNCTION →
 *     MALFUNCTION_INVESTIGATION, LEGAL_REQUEST → LEGAL_OBLIGATION), else the grant opens nothing;
 *   - MALFUNCTION cites an incident reference; LEGAL_REQUEST cites an open, recorded legal
 *     request that names this customer;
 *   - it starts now and ends in the future, at most 72 hours ahead.
 */
import { inWords, purposeLabel, roleLabel } from "@privet/domain/labels";
import { BREAK_GLASS_REASON_PURPOSE, roleMayDeclare } from "@privet/domain/principals";
import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError, badInput } from "../../errors/app-error.js";
import { currentStaff } from "../../guards/current-staff.js";
import * as validate from "../../validation/validate.js";
import { validateId } from "../../validation/validate-id.js";
import { BreakGlassGrant, toBreakGlassGrant } from "./break-glass-grant.type.js";
import { GrantBreakGlassInput } from "./grant-break-glass.input.js";

export const MAX_GRANT_MS = 72 * 60 * 60 * 1000;

@Resolver()
export class GrantBreakGlassResolver {
  @Authorized()
  @Mutation(() => BreakGlassGrant, {
    description:
      "Security or privacy officer: a time-limited grant opening one customer's held records to another staff member (P-12).",
  })
  async grantBreakGlass(
    @Arg("input", () => GrantBreakGlassInput) input: GrantBreakGlassInput,
    @Ctx() context: Context,
  ): Promise<BreakGlassGrant> {
    const approver = currentStaff(context);
    const { prisma, request } = context;
    const staffUserId = validateId("staffUserId", input.staffUserId);
    const customerId = validateId("customerId", input.customerId);
    const reason = input.reason;
    const justification = validate.text("justification", input.justification, {
      min: 10,
      max: 2000,
    });
    const incidentRef =
      input.incidentRef === null || input.incidentRef === undefined
        ? null
        : validate.text("incidentRef", input.incidentRef, { max: 100 });
    if (reason === "MALFUNCTION" && incidentRef === null) {
      throw badInput(
        "incidentRef",
        "A grant for a malfunction names the incident it investigates.",
      );
    }
    if (reason === "MALFUNCTION" && input.legalRequestId) {
      throw badInput("legalRequestId", "Only a grant for a legal request cites a legal request.");
    }
    if (reason === "LEGAL_REQUEST" && !input.legalRequestId) {
      throw badInput("legalRequestId", "Choose the legal request this grant answers.");
    }
    const legalRequestId = input.legalRequestId
      ? validateId("legalRequestId", input.legalRequestId)
      : null;
    const expiresAt = input.expiresAt;
    if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime())) {
      throw badInput("expiresAt", "Give the time the grant ends.");
    }
    if (expiresAt.getTime() <= request.now.getTime()) {
      throw badInput("expiresAt", "The grant must end in the future.");
    }
    if (expiresAt.getTime() - request.now.getTime() > MAX_GRANT_MS) {
      throw badInput("expiresAt", "A grant lasts at most 72 hours.");
    }
    if (staffUserId === approver.staffId) {
      throw new AppError(
        "FORBIDDEN",
        "Breaking glass takes two people: you cannot approve a grant to yourself.",
      );
    }

    const [grantee, customer, legalRequest] = await Promise.all([
      prisma.staffUser.findUnique({
        where: { id: staffUserId },
        select: { role: true, disabledAt: true },
      }),
      prisma.customer.findUnique({ where: { id: customerId }, select: { erasedAt: true } }),
      legalRequestId
        ? prisma.legalRequest.findUnique({
            where: { id: legalRequestId },
            select: {
              status: true,
              subjects: { where: { customerId }, select: { customerId: true } },
            },
          })
        : null,
    ]);
    if (!grantee || grantee.disabledAt) {
      throw badInput("staffUserId", "Choose an active staff member.");
    }
    const purpose = BREAK_GLASS_REASON_PURPOSE[reason];
    if (!roleMayDeclare(grantee.role, purpose)) {
      throw badInput(
        "staffUserId",
        `A ${inWords(roleLabel(grantee.role))} cannot declare ${inWords(purposeLabel(purpose))}, the only purpose this grant opens.`,
      );
    }
    if (!customer || customer.erasedAt)
      throw badInput("customerId", "Choose a customer who has not been erased.");
    if (legalRequestId) {
      if (!legalRequest || legalRequest.status === "CLOSED") {
        throw badInput("legalRequestId", "Choose an open legal request.");
      }
      if (legalRequest.subjects.length === 0) {
        throw badInput("legalRequestId", "The legal request does not name this customer.");
      }
    }

    const row = await prisma.breakGlassGrant.create({
      data: {
        staffUserId,
        customerId,
        reason,
        incidentRef,
        legalRequestId,
        justification,
        startsAt: request.now,
        expiresAt,
        approvedById: approver.staffId,
        createdAt: request.now,
      },
    });
    return toBreakGlassGrant(row, request.now);
  }
}
