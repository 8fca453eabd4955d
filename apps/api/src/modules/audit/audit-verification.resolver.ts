import { verifyAuditLog } from "@privet/db/audit";
import { verifyConsentLedger } from "@privet/db/ledger";
import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { requireStaff } from "../staff/require-staff.js";
import { AUDIT_ROLES } from "./audit-roles.js";
import { AuditVerification, toChainCheck } from "./audit-verification.type.js";

@Resolver()
export class AuditVerificationResolver {
  @Query(() => AuditVerification, {
    description:
      "Auditors, privacy and security officers: verifies the audit log's and the consent ledger's hash chains now, reporting each one's first broken link.",
  })
  async auditVerification(@Ctx() context: Context): Promise<AuditVerification> {
    requireStaff(context, AUDIT_ROLES);
    const [auditLog, consentLedger] = await Promise.all([
      verifyAuditLog(context.prisma),
      verifyConsentLedger(context.prisma),
    ]);
    return Object.assign(new AuditVerification(), {
      auditLog: toChainCheck(auditLog),
      consentLedger: toChainCheck(consentLedger),
      verifiedAt: new Date(),
    });
  }
}
