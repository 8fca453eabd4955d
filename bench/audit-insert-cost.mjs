// What the partner list's audit INSERT costs PostgreSQL, alone: one record of 100 subjects ×
// 5 fields (500 reads, as the read-path benchmark writes), sent serially on one connection,
// with the backend's CPU time read from /proc (server on this machine) and the wall time per
// statement. Variants isolate the parts: the per-subject history index trigger (and the same
// rows written by a row-level trigger), the size of `reads`, the commit's WAL flush, and
// several requests' records grouped in one INSERT (the AuditWriter's group commit). The
// variants marked "not for use" only measure; none is how Privet writes.
//
//   node bench/audit-insert-cost.mjs   (PRIVET_BENCH_DB_PREFIX, PRIVET_BENCH_POSTGRES_URL,
//                                       PRIVET_BENCH_INSERTS, PRIVET_BENCH_QUICK)
import { randomUUID } from "node:crypto";
import { accessRecordInsert, toAccessRecords } from "@privet/db/audit";
import { openDatabase } from "@privet/db/client";
import pg from "pg";
import { backendCpuMs, createScratchDatabase } from "./support.mjs";

// PRIVET_BENCH_INSERTS per variant (default 400; 40 with PRIVET_BENCH_QUICK=1: runs, measures
// nothing).
const N =
  process.env.PRIVET_BENCH_QUICK === "1" ? 40 : Number(process.env.PRIVET_BENCH_INSERTS ?? 400);
const FIELDS = [
  ["user.name", "name"],
  ["user.contact.email", "email"],
  ["user.contact.country", "country"],
  ["user.device.cookie_id", "pseudonymousId"],
  ["user.financial.card.last4", "cardLast4"],
];
const partner = randomUUID();
const subjects = Array.from({ length: 600 }, () => randomUUID());

/** One request's record: 100 of the 600 subjects (as pages of the list would), 5 fields each. */
function requestRecords(page) {
  const requestId = randomUUID();
  const events = [];
  for (let row = 0; row < 100; row++) {
    const subjectId = subjects[(page * 100 + row) % subjects.length];
    for (const [category, field] of FIELDS)
      events.push({
        subjectId,
        principalKind: "PARTNER",
        principalId: partner,
        purpose: "CROSS_BORDER_CONSOLIDATION",
        reference: "BENCH",
        category,
        fieldPath: `partnerSubjects.edges.${row}.node.${field}`,
        operationName: "Bench",
        requestId,
      });
  }
  return toAccessRecords(events);
}

/**
 * The same reads as a compact encoding would store them (each subject once, paths relative
 * to the list): only to measure what the size costs, never written by Privet.
 */
function compactReads(reads) {
  const subjects = [...new Set(reads.map((r) => r[0]))];
  return JSON.stringify({
    list: "partnerSubjects.edges",
    subjects,
    reads: reads.map(([s, c, f]) => [subjects.indexOf(s), c, f.split(".").slice(2).join(".")]),
  });
}

async function run(client, pid, label, { compact = false, group = 1 } = {}) {
  const statements = [];
  for (let i = 0; i < N / group; i++) {
    const records = [];
    for (let g = 0; g < group; g++) records.push(...requestRecords(i * group + g));
    const statement = accessRecordInsert(records);
    // `reads` is each row's 13th argument.
    if (compact)
      for (const [k, record] of records.entries())
        statement.args[k * 13 + 12] = compactReads(record.reads);
    statements.push(statement);
  }
  const bytes = statements[0].args.reduce((n, a) => n + (typeof a === "string" ? a.length : 0), 0);
  const cpuBefore = backendCpuMs(pid);
  const start = performance.now();
  for (const { sql, args } of statements) await client.query(sql, args);
  const wall = performance.now() - start;
  const cpu = backendCpuMs(pid) - cpuBefore;
  console.log(
    `| ${label} | ${(cpu / N).toFixed(2)} | ${(wall / N).toFixed(2)} | ${(bytes / group / 1024).toFixed(1)} |`,
  );
}

const scratch = await createScratchDatabase("audit_insert");
try {
  const db = await openDatabase({ kind: "postgres", url: scratch.url });
  await db.close();
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  const pid = (await client.query("SELECT pg_backend_pid() AS pid")).rows[0].pid;
  await run(client, pid, "warm-up");
  console.log(`\n${N} requests' records (100 subjects × 5 fields each), serial, one connection:`);
  console.log("| variant | backend CPU ms/request | wall ms/request | `reads` KB/request |");
  console.log("|---|---|---|---|");
  await run(client, pid, "as written today");
  await run(client, pid, "4 requests' records per INSERT (group commit)", { group: 4 });
  await run(client, pid, "8 requests' records per INSERT", { group: 8 });
  await run(client, pid, "`reads` ~1/3 the size (a compact encoding's saving)", { compact: true });
  await client.query("SET synchronous_commit = off");
  await run(client, pid, "no WAL flush wait at commit (synchronous_commit off: not for use)");
  await client.query("SET synchronous_commit = on");
  await client.query(`ALTER TABLE "AccessRecord" DISABLE TRIGGER "AccessRecord_subjects"`);
  await run(client, pid, "without the per-subject history index rows (not for use)");
  // The same index rows written by a row-level trigger: no transition table to fill.
  await client.query(`CREATE FUNCTION bench_subjects_per_row() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO "AccessRecordSubject" ("subjectId", "occurredAt", "recordId")
      SELECT DISTINCT s, NEW."occurredAt", NEW."id" FROM unnest(NEW."subjectIds") AS s WHERE s IS NOT NULL;
      RETURN NULL;
    END; $$`);
  await client.query(`CREATE TRIGGER bench_subjects_per_row AFTER INSERT ON "AccessRecord"
    FOR EACH ROW EXECUTE FUNCTION bench_subjects_per_row()`);
  await run(client, pid, "index rows by an AFTER ROW trigger instead of a transition table");
  await run(client, pid, "the same, 4 requests' records per INSERT", { group: 4 });
  await client.query(`DROP TRIGGER bench_subjects_per_row ON "AccessRecord"`);
  await client.query(`ALTER TABLE "AccessRecord" ENABLE TRIGGER "AccessRecord_subjects"`);
  await run(client, pid, "as written today (again)");
  await client.end();
} finally {
  await scratch.drop();
}
