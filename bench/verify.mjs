// Chain verification at scale: is a full re-verification linear, and what does
// auditVerification cost once the checkpoints are in place?
//
// In a fresh PostgreSQL database it appends audit records in bulk through the real insert
// trigger (it links and hashes each one: the chains are the product's own), across 50
// readers' chains, growing the log to each size in turn (100k, 300k, 1M). At each size:
// a full re-verification of every history (what `npm run db:verify` runs), timed; then the
// checkpoint job's run; then 1,000 new records and auditVerification's work (seal check +
// tail) from the checkpoints. Also 100k single-event consent chains (many small chains, the
// ledger's hash recomputed in SQL).
//
//   npm run bench                      (runs every benchmark; this one as `verify`)
//   PRIVET_BENCH_QUICK=1               sizes 20k and 60k only, to check that it works
//   PRIVET_BENCH_VERIFY_SIZES=100000,300000   choose the sizes
//   PRIVET_BENCH_POSTGRES_URL          admin URL (default the local server)
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import {
  advanceCheckpoints,
  generateSigningKeyPem,
  signerFromPrivateKey,
  verifyAllHistories,
  verifyFromCheckpoints,
} from "@privet/db/checkpoints";
import { openDatabase } from "@privet/db/client";
import pg from "pg";
import { createScratchDatabase } from "./support.mjs";

const QUICK = process.env.PRIVET_BENCH_QUICK === "1";
const SIZES = (
  process.env.PRIVET_BENCH_VERIFY_SIZES ?? (QUICK ? "20000,60000" : "100000,300000,1000000")
)
  .split(",")
  .map(Number);
const READERS = 50;
const SESSION_ROWS = 20_000;
const STATEMENT_ROWS = 2_000;
const TAIL = 1_000;
const CONSENT_SUBJECTS = QUICK ? 10_000 : 100_000;

const seconds = (ms) => (ms / 1000).toFixed(2);
const time = async (work) => {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
};

const scratch = await createScratchDatabase("verify");
const name = scratch.name;
const url = new URL(scratch.url);
const direct = new pg.Client({ connectionString: url.toString() });
const db = await openDatabase({ kind: "postgres", url: url.toString() });
await direct.connect();
const signer = signerFromPrivateKey(generateSigningKeyPem());
const readers = Array.from({ length: READERS }, () => randomUUID());

/**
 * `count` audit records, round-robin over the readers, through the product's insert trigger
 * (which links and hashes each one). In statements of 2,000 rows, on a new connection per
 * 20,000 after ANALYZE: a head updated thousands of times in one statement drags a long chain
 * of row versions, and the trigger's plans are cached per session (one made while the table
 * was small would scan it whole for every row).
 */
async function appendAuditRecords(count) {
  for (let done = 0; done < count; done += SESSION_ROWS) {
    await direct.query(`ANALYZE "AccessRecord"`);
    const session = new pg.Client({ connectionString: url.toString() });
    await session.connect();
    try {
      const rows = Math.min(SESSION_ROWS, count - done);
      for (let part = 0; part < rows; part += STATEMENT_ROWS) {
        await appendThroughTrigger(session, Math.min(STATEMENT_ROWS, rows - part));
      }
    } finally {
      await session.end();
    }
  }
}

async function appendThroughTrigger(client, count) {
  await client.query(
    `INSERT INTO "AccessRecord" ("id", "chain", "requestId", "principalKind", "principalId",
       "staffRole", "purpose", "reference", "operationName", "occurredAt", "subjectIds", "reads")
     SELECT gen_random_uuid(), 'STAFF:' || r.id, gen_random_uuid()::text, 'STAFF', r.id::uuid,
       'SUPPORT_AGENT', 'SUPPORT', 'T-' || g, 'Customer', now(), ARRAY[s.id],
       '[["' || s.id || '","user.contact.email","customer.email"]]'
     FROM generate_series(1, $1) g
     CROSS JOIN LATERAL (SELECT ($2::text[])[1 + (g - 1) % $3] AS id) r
     CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id) s`,
    [count, readers, READERS],
  );
}

/** One consent event per subject, hashed by the ledger's own SQL function (as the writer would). */
async function appendConsentChains(count) {
  await direct.query(
    `INSERT INTO "ConsentEvent" ("id", "subjectKind", "subjectId", "sequence", "purpose", "state",
       "source", "evidence", "occurredAt", "previousHash", "hash")
     SELECT e."id", e."subjectKind", e."subjectId", e."sequence", e."purpose", e."state",
       e."source", e."evidence", e."occurredAt", e."previousHash", "privet_consent_event_hash"(e)
     FROM (
       SELECT (gen_random_uuid(), 'CUSTOMER', gen_random_uuid(), 1, 'MARKETING', 'GIVEN', 'BANNER',
         NULL, NULL, NULL, '{"banner":"v3"}'::jsonb, date_trunc('milliseconds', now()), NULL, '')::"ConsentEvent" AS e
       FROM generate_series(1, $1)
     ) x, LATERAL (SELECT (x.e).*) e`,
    [count],
  );
}

const rows = [];
try {
  console.log(`Chain verification benchmark: PostgreSQL ${name}, ${READERS} readers' audit chains`);
  const consentSetup = await time(() => appendConsentChains(CONSENT_SUBJECTS));
  console.log(
    `  ${CONSENT_SUBJECTS.toLocaleString("en")} consent chains (one event each) in ${seconds(consentSetup.ms)} s`,
  );
  let total = 0;
  for (const size of SIZES) {
    const setup = await time(() => appendAuditRecords(size - total));
    await direct.query(`VACUUM ANALYZE "AccessRecord"`);
    total = size;
    await direct.query(`VACUUM ANALYZE "AccessRecord"`);
    // Each history's share, from the progress callbacks (they run in order).
    const finishedAt = {};
    const fullStarted = performance.now();
    const full = await time(() =>
      verifyAllHistories(db.prisma, {
        onProgress: (history) => {
          finishedAt[history] = performance.now();
        },
      }),
    );
    const auditMs = (finishedAt.AUDIT_LOG ?? fullStarted) - fullStarted;
    const consentMs =
      (finishedAt.CONSENT_LEDGER ?? fullStarted) - (finishedAt.AUDIT_LOG ?? fullStarted);
    if (!full.result.AUDIT_LOG.ok || !full.result.CONSENT_LEDGER.ok) {
      throw new Error(`verification failed: ${JSON.stringify(full.result)}`);
    }
    const advance = await time(() => advanceCheckpoints(db.prisma, signer));
    // The tail through the real trigger, as requests write it.
    await appendThroughTrigger(direct, TAIL);
    total += TAIL;
    const incremental = await time(() => verifyFromCheckpoints(db.prisma, signer));
    if (!incremental.result.AUDIT_LOG.ok) throw new Error("incremental verification failed");
    const entries = size + CONSENT_SUBJECTS;
    const row = {
      audit: size,
      entries,
      setupS: seconds(setup.ms),
      fullS: seconds(full.ms),
      usPerEntry: ((full.ms * 1000) / entries).toFixed(1),
      auditS: seconds(auditMs),
      auditUs: ((auditMs * 1000) / size).toFixed(1),
      consentS: seconds(consentMs),
      advanceS: seconds(advance.ms),
      tailMs: incremental.ms.toFixed(0),
    };
    rows.push(row);
    console.log(
      `  ${size.toLocaleString("en")} audit records (+${CONSENT_SUBJECTS.toLocaleString("en")} consent events): appended in ${row.setupS} s; full re-verification ${row.fullS} s (${row.usPerEntry} µs/entry; audit log ${row.auditS} s = ${row.auditUs} µs/record, consent ledger ${row.consentS} s); checkpoint run ${row.advanceS} s; auditVerification with ${TAIL} new records ${row.tailMs} ms`,
    );
  }
  console.log(
    "\n| audit records | entries verified | full re-verification | µs per entry | of which audit log (µs/record) | consent ledger | checkpoint run | auditVerification (checkpoint + 1,000 new) |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  for (const row of rows) {
    console.log(
      `| ${row.audit.toLocaleString("en")} | ${row.entries.toLocaleString("en")} | ${row.fullS} s | ${row.usPerEntry} | ${row.auditS} s (${row.auditUs}) | ${row.consentS} s | ${row.advanceS} s | ${row.tailMs} ms |`,
    );
  }
} finally {
  await db.close();
  await direct.end();
  await scratch.drop();
}
