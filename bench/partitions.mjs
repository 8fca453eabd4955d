// What partitioning the audit log by month costs (issue 16): the same audit INSERTs and the
// same full chain verification on two PostgreSQL databases, one migrated up to just before
// the `history_partitions` migration (one table) and one fully migrated with 24 past monthly
// partitions and 3 ahead (two years of retention: the insert trigger's look-up of the chain's
// newest entry and the verifier's range scans then probe 28 partitions' indexes). Rounds
// alternate between the two, so load on the machine falls on both alike; the ratio is the figure.
//
//   node bench/partitions.mjs   (PRIVET_BENCH_POSTGRES_URL, PRIVET_BENCH_DB_PREFIX,
//                                PRIVET_BENCH_ROUNDS, PRIVET_BENCH_QUICK)
import { randomUUID } from "node:crypto";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { accessRecordInsert, toAccessRecords, verifyAuditLog } from "@privet/db/audit";
import { openDatabase } from "@privet/db/client";
import { applyPendingMigrations } from "@privet/db/migrations";
import { ensureHistoryPartitions } from "@privet/db/retention";
import { openTestAdapter } from "@privet/db/testing";
import pg from "pg";
import { backendCpuMs, createScratchDatabase } from "./support.mjs";

const QUICK = process.env.PRIVET_BENCH_QUICK === "1";
const ROUNDS = Number(process.env.PRIVET_BENCH_ROUNDS ?? (QUICK ? 2 : 10));
const PER_ROUND = QUICK ? 50 : 300;
const READERS = Array.from({ length: 50 }, () => randomUUID());
const SUBJECTS = Array.from({ length: 600 }, () => randomUUID());
const MIGRATIONS = new URL("../prisma/migrations/", import.meta.url).pathname;

/** One request's record: a support agent's read of one customer's 5 fields. */
function oneCustomer(i) {
  const reader = READERS[i % READERS.length];
  return toAccessRecords(
    [
      "user.name",
      "user.contact.email",
      "user.contact.country",
      "user.contact.phone",
      "user.contact.address",
    ].map((category, f) => ({
      subjectId: SUBJECTS[i % SUBJECTS.length],
      principalKind: "STAFF",
      principalId: reader,
      staffRole: "SUPPORT_AGENT",
      purpose: "SUPPORT",
      reference: "T-1",
      category,
      fieldPath: `customer.field${f}`,
      operationName: "Bench",
      requestId: `r-${i}`,
    })),
  );
}

/**
 * The current verifier reads the archive anchors (none here); the old schema had no such
 * table, so the one-table database gets it empty, and verifies exactly as it did.
 */
const ANCHORS_TABLE = `CREATE TABLE "HistoryArchiveAnchor" ("history" TEXT NOT NULL, "chain" TEXT NOT NULL,
  "sequence" BIGINT NOT NULL, "hash" TEXT NOT NULL, "month" TEXT NOT NULL,
  PRIMARY KEY ("history", "chain"))`;

async function migratedBeforePartitions(url) {
  const names = (await readdir(MIGRATIONS)).filter((n) => /^\d{14}_/.test(n)).sort();
  const dir = await mkdtemp(join(tmpdir(), "privet-bench-migrations-"));
  for (const name of names) {
    if (name.endsWith("_history_partitions")) break;
    await cp(join(MIGRATIONS, name), join(dir, name), { recursive: true });
  }
  const { adapter, close } = await openTestAdapter({ kind: "postgres", url });
  try {
    await applyPendingMigrations(adapter, { migrationsDir: dir });
    await adapter.executeScript(ANCHORS_TABLE);
  } finally {
    await close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function connect(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const pid = (await client.query("SELECT pg_backend_pid() AS pid")).rows[0].pid;
  return { client, pid, cpu: 0, wall: 0, n: 0 };
}

async function insertRound(side, from) {
  const statements = Array.from({ length: PER_ROUND }, (_, k) =>
    accessRecordInsert(oneCustomer(from + k)),
  );
  const cpu = backendCpuMs(side.pid);
  const start = performance.now();
  for (const { sql, args } of statements) await side.client.query(sql, args);
  side.wall += performance.now() - start;
  side.cpu += backendCpuMs(side.pid) - cpu;
  side.n += PER_ROUND;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const before = await createScratchDatabase("partitions_before");
const after = await createScratchDatabase("partitions_after");
try {
  await migratedBeforePartitions(before.url);
  const migrated = await openDatabase({ kind: "postgres", url: after.url });
  const twoYearsAgo = new Date();
  twoYearsAgo.setUTCMonth(twoYearsAgo.getUTCMonth() - 24);
  await ensureHistoryPartitions(migrated.prisma, { from: twoYearsAgo });
  const [{ partitions }] = await migrated.prisma.$queryRaw`
    SELECT count(*)::int AS "partitions" FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
    WHERE p.relname = 'AccessRecord'`;
  await migrated.close();

  const sides = { before: await connect(before.url), after: await connect(after.url) };
  // Warm-up, then rounds alternating which side goes first.
  await insertRound(sides.before, 0);
  await insertRound(sides.after, 0);
  for (const side of Object.values(sides)) Object.assign(side, { cpu: 0, wall: 0, n: 0 });
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? ["before", "after"] : ["after", "before"];
    for (const name of order) await insertRound(sides[name], (round + 1) * PER_ROUND);
  }
  const per = (side, key) => side[key] / side.n;
  console.log(
    `\nAudit INSERT, one request's record (1 customer × 5 fields), ${sides.after.n} per side, serial, one connection:`,
  );
  console.log(
    `| | one table | ${partitions} partitions (24 months back, 3 ahead, default) | ratio |`,
  );
  console.log("|---|---|---|---|");
  for (const [label, key] of [
    ["backend CPU ms/insert", "cpu"],
    ["wall ms/insert", "wall"],
  ]) {
    const a = per(sides.before, key);
    const b = per(sides.after, key);
    console.log(`| ${label} | ${a.toFixed(3)} | ${b.toFixed(3)} | ${(b / a).toFixed(2)}× |`);
  }
  for (const side of Object.values(sides)) await side.client.end();

  // Full verification of the same entries (warm-up + rounds), alternating, 3 times each.
  const dbs = {
    before: await openDatabase({ kind: "postgres", url: before.url }, { migrate: false }),
    after: await openDatabase({ kind: "postgres", url: after.url }, { migrate: false }),
  };
  const times = { before: [], after: [] };
  let checked = 0;
  for (let i = 0; i < 3; i++) {
    for (const name of i % 2 === 0 ? ["before", "after"] : ["after", "before"]) {
      const start = performance.now();
      const result = await verifyAuditLog(dbs[name].prisma);
      times[name].push(performance.now() - start);
      if (!result.ok) throw new Error(`${name}: the audit log does not verify`);
      checked = result.checked;
    }
  }
  const a = median(times.before);
  const b = median(times.after);
  console.log(
    `\nFull verification of the audit log (${checked} records in ${READERS.length} chains), median of 3:`,
  );
  console.log(
    `| one table | ${a.toFixed(0)} ms | ${partitions} partitions | ${b.toFixed(0)} ms | ratio | ${(b / a).toFixed(2)}× |`,
  );
  for (const db of Object.values(dbs)) await db.close();
} finally {
  await before.drop();
  await after.drop();
}
