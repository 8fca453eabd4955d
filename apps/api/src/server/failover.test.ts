/**
 * Privet on a pg_auto_failover cluster (scripts/ha) losing its primary: consents are written
 * and personal data read (each read audited) without pause while the primary's keeper and
 * PostgreSQL are killed with `kill -9`. Afterwards every write the API acknowledged — a consent
 * answered with data, a read answered with data (so its audit records had committed) — is on
 * the promoted standby, the chains verify through `npm run db:verify`'s own code, and every
 * request that failed meanwhile failed with a retryable 503. The time writes were unavailable
 * is printed (recorded in bench/RESULTS.md, "Failover").
 *
 * Skipped where pg_autoctl is not installed (CI installs it: .ci/run). Slow on purpose: with
 * start.sh's timeouts the monitor takes about 10 s to declare the primary gone and 20 s more to
 * promote (51 s with pg_auto_failover's defaults); timeouts are generous and nothing asserts a
 * duration. Ports and folder: PRIVET_HA_MONITOR_PORT / _NODE1_PORT / _NODE2_PORT and
 * PRIVET_HA_DIR, as for start.sh (test-support/ha-cluster.ts); PRIVET_HA_KEEP=1 keeps the
 * cluster's folder and logs after the run.
 */
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../test-support/api.js";
import { createPolicyVersion, registerCustomer, signInStaff } from "../test-support/fixtures.js";
import { graphql } from "../test-support/generated/gql.js";
import {
  clusterDatabase,
  type HaCluster,
  PG_AUTOCTL_INSTALLED,
  startHaCluster,
  waitFor,
} from "../test-support/ha-cluster.js";

const SET_CONSENT = graphql(`
  mutation FailoverSetsConsent($purpose: ConsentPurpose!, $state: ConsentState!) {
    setConsent(purpose: $purpose, state: $state) { state updatedAt }
  }
`);
const READ = graphql(`
  query FailoverReadsCustomer($id: ID!) @purpose(name: SUPPORT, ref: "T-16") {
    customer(id: $id) { name email }
  }
`);

const VERIFY_CLI = resolve(import.meta.dirname, "../../../../packages/db/dist/cli/verify.js");
const MINUTE = 60_000;

/** One request's outcome, as the client saw it. */
interface Outcome {
  readonly kind: "consent" | "read";
  readonly startedAt: number;
  readonly endedAt: number;
  readonly acknowledged: boolean;
  readonly status: number;
  readonly codes: string[];
  readonly retryable: boolean;
  /** Acknowledged consent: what must be in the ledger. */
  readonly consent?: { subjectId: string; state: string; occurredAt: string };
  /** Acknowledged read: the request whose access records must be in the audit log. */
  readonly requestId?: string;
}

const describeWithCluster = PG_AUTOCTL_INSTALLED ? describe : describe.skip;
if (!PG_AUTOCTL_INSTALLED) {
  console.warn(
    "failover.test.ts skipped: pg_autoctl is not installed (apt-get install postgresql-15-auto-failover)",
  );
}

describeWithCluster("a pg_auto_failover cluster losing its primary (kill -9)", () => {
  let cluster: HaCluster;
  let api: TestApi;
  beforeAll(async () => {
    cluster = await startHaCluster();
    api = await startTestApi(clusterDatabase(cluster.url));
    await createPolicyVersion(api.db.prisma);
  }, 6 * MINUTE);
  afterAll(async () => {
    await api?.close();
    await cluster?.stop();
  }, 3 * MINUTE);

  it(
    "loses no acknowledged consent or audited read, its chains verify, and failed requests were retryable 503s",
    async () => {
      const customers = await Promise.all([0, 1].map(() => signedInCustomer(api)));
      const staff = api.client();
      await signInStaff(api.db.prisma, staff, "SUPPORT_AGENT");

      const outcomes: Outcome[] = [];
      let running = true;
      const acknowledgedSince = (kind: Outcome["kind"], since: number) =>
        outcomes.filter((o) => o.kind === kind && o.acknowledged && o.startedAt >= since).length;

      const writers = customers.map(async ({ client, id }) => {
        let state: "GIVEN" | "WITHDRAWN" = "WITHDRAWN";
        let lastUpdatedAt: string | null = null;
        while (running) {
          const startedAt = Date.now();
          const result = await client.gql(SET_CONSENT, { purpose: "MARKETING", state });
          const updatedAt = result.data?.setConsent.updatedAt ?? null;
          const outcome = judged("consent", startedAt, result);
          outcomes.push({
            ...outcome,
            // Only a new ledger event counts as a write: the state it already has (after a
            // failed request that had committed) is answered without writing.
            acknowledged: outcome.acknowledged && updatedAt !== lastUpdatedAt,
            ...(updatedAt ? { consent: { subjectId: id, state, occurredAt: updatedAt } } : {}),
          });
          if (!updatedAt) {
            await pause(250);
            continue;
          }
          lastUpdatedAt = updatedAt;
          state = state === "GIVEN" ? "WITHDRAWN" : "GIVEN";
        }
      });
      const reader = (async () => {
        for (let i = 0; running; i++) {
          const subject = customers[i % customers.length];
          const startedAt = Date.now();
          const result = await staff.gql(READ, { id: subject?.id ?? "" });
          const outcome = judged("read", startedAt, result);
          const requestId = result.headers.get("x-request-id");
          outcomes.push({
            ...outcome,
            acknowledged: outcome.acknowledged && result.data?.customer?.email === subject?.email,
            ...(requestId && outcome.acknowledged ? { requestId } : {}),
          });
          if (!outcome.acknowledged) await pause(250);
        }
      })();

      try {
        await waitFor(
          "writes and reads before the kill",
          async () => acknowledgedSince("consent", 0) >= 20 && acknowledgedSince("read", 0) >= 20,
          2 * MINUTE,
        );
        const before = await cluster.nodes();
        const primary = before.find((node) => node.reportedState === "primary");
        const standby = before.find((node) => node.reportedState === "secondary");
        if (!primary || !standby)
          throw new Error(`no primary and secondary: ${JSON.stringify(before)}`);

        const killedAt = Date.now();
        const postmaster = await cluster.kill(primary.name);
        expect(postmaster).toBeGreaterThan(0);
        const promoted = await waitFor(
          `${standby.name} promoted`,
          async () => {
            const nodes = await cluster.nodes();
            const node = nodes.find((n) => n.name === standby.name);
            return node && ["wait_primary", "primary"].includes(node.reportedState)
              ? Date.now()
              : null;
          },
          5 * MINUTE,
        );
        // Keep writing until the pool has found the new primary for writes and reads alike.
        await waitFor(
          "writes and reads on the new primary",
          async () =>
            acknowledgedSince("consent", promoted) >= 20 &&
            acknowledgedSince("read", promoted) >= 20,
          3 * MINUTE,
        );
        running = false;
        await Promise.all([...writers, reader]);

        // The API's pool reconnected to the promoted standby on its own.
        const [where] = await api.db.prisma.$queryRawUnsafe<{ port: number; standby: boolean }[]>(
          "SELECT inet_server_port() AS port, pg_is_in_recovery() AS standby",
        );
        expect(where).toEqual({ port: standby.port, standby: false });

        // Every acknowledged consent is in the ledger on the new primary.
        const events = await api.db.prisma.consentEvent.findMany({
          where: { subjectId: { in: customers.map((c) => c.id) }, purpose: "MARKETING" },
          select: { subjectId: true, state: true, occurredAt: true },
        });
        const inLedger = new Set(
          events.map((e) => `${e.subjectId} ${e.state} ${e.occurredAt.toISOString()}`),
        );
        const acknowledgedConsents = outcomes.flatMap((o) => (o.consent ? [o.consent] : []));
        const missingConsents = acknowledgedConsents.filter(
          (c) => !inLedger.has(`${c.subjectId} ${c.state} ${new Date(c.occurredAt).toISOString()}`),
        );
        expect(missingConsents).toEqual([]);

        // Every acknowledged read has its access records in the audit log on the new primary.
        const readsAnswered = outcomes.filter((o) => o.kind === "read" && o.acknowledged);
        const acknowledgedReads = readsAnswered.flatMap((o) => (o.requestId ? [o.requestId] : []));
        expect(acknowledgedReads).toHaveLength(readsAnswered.length);
        const audited = await api.db.prisma.accessRecord.findMany({
          where: { requestId: { in: acknowledgedReads } },
          select: { requestId: true },
        });
        const auditedIds = new Set(audited.map((r) => r.requestId));
        expect(acknowledgedReads.filter((id) => !auditedIds.has(id))).toEqual([]);

        // Whatever failed, failed as a client can act on: a 503 that says to try again.
        const failed = outcomes.filter((o) => !o.acknowledged);
        const unclear = failed.filter(
          (o) =>
            o.status !== 503 ||
            !o.retryable ||
            !o.codes.every((c) => c === "DATABASE_UNAVAILABLE" || c === "AUDIT_UNAVAILABLE"),
        );
        expect(unclear).toEqual([]);

        // The chains verify, by `npm run db:verify`'s own code over the same multi-host URL.
        const verified = await promisify(execFile)("node", [VERIFY_CLI], {
          env: { ...process.env, DATABASE_URL: cluster.url },
          timeout: 3 * MINUTE,
        });
        expect(verified.stdout).not.toMatch(/BROKEN/);
        expect(verified.stdout).toMatch(/ok/);

        // Unavailable: the longest wait between two acknowledged requests of a kind, which spans
        // the failover (requests went on without pause all along).
        const longestGap = (kind: Outcome["kind"]) => {
          const acks = outcomes
            .filter((o) => o.kind === kind && o.acknowledged)
            .map((o) => o.endedAt)
            .sort((a, b) => a - b);
          return Math.max(...acks.slice(1).map((at, i) => at - (acks[i] ?? at)));
        };
        const seconds = (ms: number) => (ms / 1000).toFixed(1);
        console.log(
          [
            "Failover figures:",
            `  primary ${primary.name} killed (postmaster ${postmaster}); ${standby.name} promoted after ${seconds(promoted - killedAt)} s`,
            `  consent writes unavailable for ${seconds(longestGap("consent"))} s, audited reads for ${seconds(longestGap("read"))} s (longest wait between two acknowledged)`,
            `  acknowledged: ${acknowledgedConsents.length} consents, ${acknowledgedReads.length} audited reads; all on the new primary`,
            `  failed meanwhile: ${failed.length} requests, all 503 retryable (${[...new Set(failed.flatMap((o) => o.codes))].join(", ")})`,
          ].join("\n"),
        );
      } finally {
        running = false;
        await Promise.allSettled([...writers, reader]);
      }
    },
    15 * MINUTE,
  );
});

async function signedInCustomer(
  api: TestApi,
): Promise<{ client: ApiClient; id: string; email: string }> {
  const client = api.client();
  const { id, email } = await registerCustomer(client);
  return { client, id, email };
}

function judged(
  kind: Outcome["kind"],
  startedAt: number,
  result: Awaited<ReturnType<ApiClient["gql"]>>,
): Outcome {
  return {
    kind,
    startedAt,
    endedAt: Date.now(),
    acknowledged: result.status === 200 && result.errors.length === 0 && result.data !== null,
    status: result.status,
    codes: result.errors.map((e) => String(e.extensions?.code)),
    retryable:
      result.errors.length > 0 && result.errors.every((e) => e.extensions?.retryable === true),
  };
}

function pause(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
