/**
 * Two API processes, each `node dist/main.js` on its own port, on one PostgreSQL database —
 * as a deployment behind a load balancer runs them. Each standalone process runs every
 * background job, so this is the hardest case: both deliver the outbox, both run the webhook
 * outbox, both advance the checkpoints. What must hold: a session or a failure counted
 * through one is seen by the other, and no email or webhook is sent twice. Waits are on
 * conditions with generous limits, never on times.
 */
import { randomUUID } from "node:crypto";
import { generateSigningKeyPem } from "@privet/db/checkpoints";
import { type Database, openDatabase } from "@privet/db/client";
import { type OpenTestDatabase, testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WINDOW_15_MINUTES } from "../http/rate-limit.js";
import { ApiClient } from "../test-support/api.js";
import { ApiProcess, eventually, PROCESS_WAIT_MS } from "../test-support/api-process.js";
import { createPartner, signInStaff, uniqueEmail } from "../test-support/fixtures.js";
import { graphql } from "../test-support/generated/gql.js";
import { startTestSmtp, type TestSmtp } from "../test-support/test-smtp.js";
import { DELIVER_NOW, DISABLE_ENDPOINT, endpointFor } from "../test-support/webhooks.js";

const postgres = testDatabases.find((kind) => kind.name === "postgres");
const PER_IP = 4;
const EMAILS = 150;
const WEBHOOKS = 40;

const SIGN_IN = graphql(`
  mutation TwoProcessesSignIn($e: String!, $p: String!) {
    signIn(email: $e, password: $p) { customer { id } }
  }
`);
const DELIVER_OUTBOX = graphql(`
  mutation TwoProcessesDeliverOutbox {
    deliverOutbox { configured attempted sent retrying failed }
  }
`);
const VERIFY = graphql(`
  query TwoProcessesVerification {
    auditVerification { auditLog { ok } consentLedger { ok } staffActions { ok } }
  }
`);

describe.runIf(postgres)("two API processes on one PostgreSQL database", () => {
  let testDb: OpenTestDatabase;
  let db: Database;
  let smtp: TestSmtp;
  const urls: string[] = [];
  const processes: ApiProcess[] = [];
  const queued: string[] = [];

  beforeAll(async () => {
    testDb = await (postgres as NonNullable<typeof postgres>).open();
    if (testDb.config.kind !== "postgres") throw new Error("expected PostgreSQL");
    db = await openDatabase(testDb.config);
    smtp = await startTestSmtp();
    // Waiting before the processes start, so their first delivery runs race for it.
    queued.push(...(await queueEmails(db, EMAILS)));
    const env = {
      DATABASE_URL: testDb.config.url,
      // Standalone processes, as separate hosts would run them (not one process's workers).
      PRIVET_WORKERS: "1",
      // Every process of one deployment shares these (docs/scaling.md).
      PRIVET_SECRET: randomUUID().repeat(2),
      PRIVET_SIGNING_KEY: generateSigningKeyPem(),
      PRIVET_RECEIPT_SIGNING_KEY: generateSigningKeyPem(),
      SMTP_URL: smtp.url,
      PRIVET_ATTEMPTS_PER_IP: String(PER_IP),
      // The tests name the client's address in X-Forwarded-For, as one proxy would.
      PRIVET_TRUST_PROXY: "1",
    };
    const started = await Promise.all([ApiProcess.start(env), ApiProcess.start(env)]);
    for (const { api, url } of started) {
      processes.push(api);
      urls.push(url);
    }
  }, PROCESS_WAIT_MS * 2);

  afterAll(async () => {
    await Promise.all(processes.map((api) => api.stop()));
    await smtp?.close();
    await db?.close();
    await testDb?.drop();
  }, PROCESS_WAIT_MS * 2);

  /** One browser, signed in through the first process, sending to `url`. */
  const sameBrowserOn = (browser: ApiClient, url: string) => {
    const other = new ApiClient(url, { "x-forwarded-for": "198.51.100.1" });
    for (const [name, value] of browser.cookies) other.cookies.set(name, value);
    return other;
  };

  it(
    "failures spread over both processes spend one per-IP budget",
    async () => {
      // A fixed window could end between two attempts: then the count starts again, so the
      // round is repeated from a fresh address.
      for (let round = 0; ; round++) {
        const address = `203.0.113.${10 + round}`;
        const windowAtStart = Math.floor(Date.now() / WINDOW_15_MINUTES);
        const outcomes: string[] = [];
        for (let n = 0; n <= PER_IP; n++) {
          const client = new ApiClient(urls[n % 2] as string, { "x-forwarded-for": address });
          // A different unknown email each time: only the address's budget is shared.
          const result = await client.gql(SIGN_IN, {
            e: uniqueEmail("guess"),
            p: "wrong-password",
          });
          outcomes.push(String(result.errors[0]?.extensions?.code));
        }
        if (Math.floor(Date.now() / WINDOW_15_MINUTES) !== windowAtStart && round < 2) continue;
        expect(outcomes).toEqual([
          ...Array.from({ length: PER_IP }, () => "INVALID_CREDENTIALS"),
          "RATE_LIMITED",
        ]);
        // The other process refuses the address too.
        const other = new ApiClient(urls[(PER_IP + 1) % 2] as string, {
          "x-forwarded-for": address,
        });
        const refused = await other.gql(SIGN_IN, { e: uniqueEmail("guess"), p: "wrong-password" });
        expect(refused.errors[0]?.extensions?.code).toBe("RATE_LIMITED");
        return;
      }
    },
    PROCESS_WAIT_MS,
  );

  it(
    "a staff session made through one process works on the other, and the outbox is sent once though both deliver at once",
    async () => {
      const [first = "", second = ""] = urls;
      const officer = new ApiClient(first, { "x-forwarded-for": "198.51.100.1" });
      await signInStaff(db.prisma, officer, "PRIVACY_OFFICER");
      const onSecond = sameBrowserOn(officer, second);
      // Both processes' timers are delivering too (SMTP_URL is set): four runs at once.
      const reports = await Promise.all([
        officer.gql(DELIVER_OUTBOX),
        onSecond.gql(DELIVER_OUTBOX),
      ]);
      for (const report of reports) expect(report.errors).toEqual([]);
      await eventually("every queued email sent", async () => {
        const sent = await db.prisma.outboxEmail.count({
          where: { toAddress: { in: queued }, status: "SENT" },
        });
        return sent === EMAILS;
      });
      // Nothing is left to claim, so nothing can still be on its way: count what arrived.
      const again = await onSecond.gql(DELIVER_OUTBOX);
      expect(again.data?.deliverOutbox.attempted).toBe(0);
      const received = smtp.messages.flatMap((mail) => mail.to).filter((to) => queued.includes(to));
      expect(received).toHaveLength(EMAILS);
      expect(new Set(received).size).toBe(EMAILS);
    },
    PROCESS_WAIT_MS * 2,
  );

  it(
    "webhook events are fanned out and delivered once while both processes run the webhook outbox",
    async () => {
      const [first = "", second = ""] = urls;
      const admin = new ApiClient(first, { "x-forwarded-for": "198.51.100.1" });
      await signInStaff(db.prisma, admin, "ADMINISTRATOR");
      const { processor } = await createPartner(db.prisma, {
        purposes: ["MARKETING"],
        categories: ["user.contact.email"],
      });
      const endpoint = await endpointFor(admin, processor.id);
      await db.prisma.webhookEvent.createMany({
        data: Array.from({ length: WEBHOOKS }, () => ({
          type: "consent.withdrawn",
          customerId: randomUUID(),
          purpose: "MARKETING" as const,
          occurredAt: new Date(),
        })),
      });
      const onSecond = sameBrowserOn(admin, second);
      const runs = await Promise.all([
        admin.gql(DELIVER_NOW),
        onSecond.gql(DELIVER_NOW),
        admin.gql(DELIVER_NOW),
        onSecond.gql(DELIVER_NOW),
      ]);
      for (const run of runs) expect(run.errors).toEqual([]);
      await eventually("every event delivered", async () => {
        const pending = await db.prisma.webhookDelivery.count({
          where: { endpointId: endpoint.id, status: { not: "DELIVERED" } },
        });
        const all = await db.prisma.webhookDelivery.count({ where: { endpointId: endpoint.id } });
        return all === WEBHOOKS && pending === 0;
      });
      const ids = endpoint.receiver.received.map((r) => r.id);
      expect(ids).toHaveLength(WEBHOOKS);
      expect(new Set(ids).size).toBe(WEBHOOKS);
      expect(endpoint.receiver.received.every((r) => r.verified)).toBe(true);
      const attempts = await db.prisma.webhookDelivery.findMany({
        where: { endpointId: endpoint.id },
        select: { attempts: true },
      });
      expect(attempts.every((row) => row.attempts === 1)).toBe(true);
      await admin.gql(DISABLE_ENDPOINT, { id: endpoint.id });
      await endpoint.receiver.stop();
    },
    PROCESS_WAIT_MS * 2,
  );

  it(
    "both processes' checkpoint jobs leave one seal that holds, and neither logs an error",
    async () => {
      // Each process's job first runs a minute after its start; both started together.
      await eventually("the audit log sealed", async () => {
        const seals = await db.prisma.chainCheckpointSeal.count({
          where: { history: "AUDIT_LOG" },
        });
        return seals === 1;
      });
      const auditor = new ApiClient(urls[0] as string, { "x-forwarded-for": "198.51.100.1" });
      await signInStaff(db.prisma, auditor, "AUDITOR");
      for (const url of urls) {
        const result = await sameBrowserOn(auditor, url).gql(VERIFY);
        expect(result.data?.auditVerification).toEqual({
          auditLog: { ok: true },
          consentLedger: { ok: true },
          staffActions: { ok: true },
        });
      }
      expect(processes.flatMap((api) => api.errors())).toEqual([]);
    },
    PROCESS_WAIT_MS * 2,
  );
});

/** `count` pending emails to fresh addresses, as the outbox holds them; returns the addresses. */
async function queueEmails(db: Database, count: number): Promise<string[]> {
  const addresses = Array.from({ length: count }, () => `processes.${randomUUID()}@example.com`);
  await db.prisma.outboxEmail.createMany({
    data: addresses.map((toAddress) => ({
      kind: "POLICY_NOTICE" as const,
      toAddress,
      subject: "Our privacy policy changes",
      textBody: "…",
      status: "PENDING" as const,
    })),
  });
  return addresses;
}
