/**
 * auditVerification over HTTP, answering from signed checkpoints: after the checkpoint job
 * ran it verifies only what was written since; checkpoints edited in the database (which
 * does not hold the signing key) are reported, not trusted. And the public key is served for
 * whoever checks an export.
 */
import { createPublicKey } from "node:crypto";
import { advanceCheckpoints, checkExport, verifierFromPublicKey } from "@privet/db/checkpoints";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { type AuditTrail, recordAuditTrail } from "../../test-support/audit-trail.js";
import { graphql } from "../../test-support/generated/gql.js";
import { startCheckpointJob } from "./public.js";

const VERIFY = graphql(`
  query CheckpointedVerification {
    auditVerification {
      auditLog { ok checked firstBroken { chain sequence problem entryId } }
      consentLedger { ok checked firstBroken { chain sequence problem entryId } }
      staffActions { ok checked firstBroken { chain sequence problem entryId } }
    }
  }
`);

const EXPORT = graphql(`
  query CheckpointExportFile {
    chainCheckpointExport { fileName content keyId }
  }
`);

describe.each(testDatabases)("checkpointed audit verification on $name", (kind) => {
  let api: TestApi;
  let trail: AuditTrail;
  beforeAll(async () => {
    api = await startTestApi(kind);
    trail = await recordAuditTrail(api);
  });
  afterAll(() => api?.close());

  it("serves the checkpoint key's public half as a JWK Set and as PEM", async () => {
    const base = api.url.replace(/\/graphql$/, "");
    const jwks = await fetch(`${base}/.well-known/privet-checkpoint-key`);
    expect(jwks.status).toBe(200);
    const { keys } = (await jwks.json()) as { keys: Record<string, string>[] };
    expect(keys).toEqual([
      expect.objectContaining({
        kty: "OKP",
        crv: "Ed25519",
        kid: api.config.checkpointSigner.keyId,
      }),
    ]);
    expect(keys[0]).not.toHaveProperty("d");
    const fromJwk = createPublicKey({ key: keys[0] as never, format: "jwk" });
    expect(verifierFromPublicKey(fromJwk).keyId).toBe(api.config.checkpointSigner.keyId);
    const pem = await fetch(`${base}/.well-known/privet-checkpoint-key?format=pem`);
    expect(await pem.text()).toBe(api.config.checkpointSigner.publicKeyPem);
  });

  it("exports the signed checkpoints to auditors, as a file whose signatures check out", async () => {
    await advanceCheckpoints(api.db.prisma, api.config.checkpointSigner);
    const result = await trail.auditor.gql(EXPORT);
    expect(result.errors).toEqual([]);
    const file = result.data?.chainCheckpointExport;
    expect(file?.fileName).toMatch(/^privet-checkpoints-.*\.json$/);
    expect(file?.keyId).toBe(api.config.checkpointSigner.keyId);
    const exported = checkExport(
      JSON.parse(file?.content ?? "null"),
      verifierFromPublicKey(api.config.checkpointSigner.publicKeyPem),
    );
    expect(exported.histories.map((h) => h.history)).toContain("AUDIT_LOG");

    const anonymous = await api.client().gql(EXPORT);
    expect(anonymous.errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("[P-12] answers from the checkpoints after the job ran, and reports checkpoints edited in the database", async () => {
    const job = startCheckpointJob({
      prisma: api.db.prisma,
      signer: api.config.checkpointSigner,
      enabled: false,
    });
    await job.runNow();
    await job.stop();
    const records = await api.db.prisma.accessRecord.count();
    const ok = await trail.auditor.gql(VERIFY);
    expect(ok.errors).toEqual([]);
    // The auditor's own reads were recorded after the checkpoint: the tail.
    expect(ok.data?.auditVerification.auditLog).toMatchObject({ ok: true, firstBroken: null });
    expect(ok.data?.auditVerification.auditLog.checked).toBeGreaterThanOrEqual(records);

    // A superuser moves a checkpoint: without the key, the seal no longer matches.
    await api.db.prisma.$executeRawUnsafe(
      `UPDATE "ChainCheckpoint" SET "sequence" = "sequence" - 1 WHERE "history" = 'AUDIT_LOG'`,
    );
    const forged = await trail.auditor.gql(VERIFY);
    expect(forged.data?.auditVerification.auditLog).toMatchObject({
      ok: false,
      firstBroken: { problem: "CHECKPOINT_UNTRUSTED" },
    });
    expect(forged.data?.auditVerification.consentLedger.ok).toBe(true);
    // The job refuses to re-seal it.
    const [audit] = await advanceCheckpoints(api.db.prisma, api.config.checkpointSigner);
    expect(audit?.result.ok).toBe(false);
  });
});
