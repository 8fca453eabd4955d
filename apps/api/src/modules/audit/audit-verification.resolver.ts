import { verifyFromCheckpoints } from "@privet/db/checkpoints";
import { Authorized, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { ArchivedMonth } from "./archived-month.type.js";
import { AuditVerification, toChainCheck } from "./audit-verification.type.js";

@Resolver()
export class AuditVerificationResolver {
  @Authorized()
  @Query(() => AuditVerification, {
    description:
      "Auditors, privacy and security officers: verifies the hash chains of the audit log, the consent ledger and the staff action log, reporting each one's first broken link. Answers from the signed checkpoints (kept by a background job; a checkpoint whose signature fails is reported as CHECKPOINT_UNTRUSTED) and verifies only the entries written since; `npm run db:verify` re-verifies everything from the start, the consent projection included. Months archived to files (`npm run db:archive`) are listed; each chain is verified from where its archived part ends.",
  })
  async auditVerification(@Ctx() context: Context): Promise<AuditVerification> {
    const results = await verifyFromCheckpoints(context.prisma, context.config.checkpointSigner);
    const archived = await context.prisma.historyArchive.findMany({
      orderBy: [{ month: "asc" }, { history: "asc" }],
    });
    return Object.assign(new AuditVerification(), {
      archivedMonths: archived.map((row) =>
        Object.assign(new ArchivedMonth(), {
          history: row.history as ArchivedMonth["history"],
          month: row.month,
          entries: Number(row.entries),
          sha256: row.sha256,
          archivedAt: row.archivedAt,
        }),
      ),
      auditLog: toChainCheck(results.AUDIT_LOG),
      consentLedger: toChainCheck(results.CONSENT_LEDGER),
      staffActions: toChainCheck(results.STAFF_ACTIONS),
      verifiedAt: new Date(),
    });
  }
}
