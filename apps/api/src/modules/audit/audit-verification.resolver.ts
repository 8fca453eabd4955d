import { verifyFromCheckpoints } from "@privet/db/checkpoints";
import { Authorized, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AuditVerification, toChainCheck } from "./audit-verification.type.js";

@Resolver()
export class AuditVerificationResolver {
  @Authorized()
  @Query(() => AuditVerification, {
    description:
      "Auditors, privacy and security officers: verifies the hash chains of the audit log, the consent ledger and the staff action log, reporting each one's first broken link. Answers from the signed checkpoints (kept by a background job; a checkpoint whose signature fails is reported as CHECKPOINT_UNTRUSTED) and verifies only the entries written since; `npm run db:verify` re-verifies everything from the start, the consent projection included.",
  })
  async auditVerification(@Ctx() context: Context): Promise<AuditVerification> {
    const results = await verifyFromCheckpoints(context.prisma, context.config.checkpointSigner);
    return Object.assign(new AuditVerification(), {
      auditLog: toChainCheck(results.AUDIT_LOG),
      consentLedger: toChainCheck(results.CONSENT_LEDGER),
      staffActions: toChainCheck(results.STAFF_ACTIONS),
      verifiedAt: new Date(),
    });
  }
}
