import { verifyAuditLog, verifyStaffActionLog } from "@privet/db/audit";
import { verifyConsentLedger } from "@privet/db/ledger";
import { Authorized, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AuditVerification, toChainCheck } from "./audit-verification.type.js";

@Resolver()
export class AuditVerificationResolver {
  @Authorized()
  @Query(() => AuditVerification, {
    description:
      "Auditors, privacy and security officers: verifies the hash chains of the audit log, the consent ledger and the staff action log now, reporting each one's first broken link.",
  })
  async auditVerification(@Ctx() context: Context): Promise<AuditVerification> {
    const [auditLog, consentLedger, staffActions] = await Promise.all([
      verifyAuditLog(context.prisma),
      verifyConsentLedger(context.prisma),
      verifyStaffActionLog(context.prisma),
    ]);
    return Object.assign(new AuditVerification(), {
      auditLog: toChainCheck(auditLog),
      consentLedger: toChainCheck(consentLedger),
      staffActions: toChainCheck(staffActions),
      verifiedAt: new Date(),
    });
  }
}
