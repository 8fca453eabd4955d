// The read path's speed, and what field-level privacy costs on it. One PostgreSQL database
// loaded with the demo data (600 customers); a forked process (read-path-servers.mjs) serves
// the same partner list three ways:
//   - bare: node:http + graphql-js `execute` + `pg`, one SQL statement, no privacy (the
//     baseline: what the rows cost without Privet's stack);
//   - enforced: Privet as it runs (decide() on every personal field, batched inputs, one
//     audit event per field read, written durably before the response);
//   - unenforced: Privet with enforcement switched off (a switch only this benchmark uses).
// This process only generates load (keep-alive node:http, N requests in flight), so its CPU
// is not counted against the servers. A partner lists 100 subjects with five personal fields;
// rounds alternate between the modes so drift hits all alike. It prints throughput ratios to
// the bare server at 1 and 8 in flight, enforced/unenforced p50 at 4 in flight, and SQL
// statements per request at 1, 10, 100 and 500 rows (the audit writer's counted too).
//
//   npm run bench              (PRIVET_BENCH_POSTGRES_URL: admin URL, default local server)
//   PRIVET_BENCH_SECONDS=5     seconds per measured round (default 5)
//   PRIVET_BENCH_ROUNDS=5      rounds per mode and concurrency (default 5)
//   PRIVET_BENCH_CONCURRENCY=1,4,8  in-flight levels to measure (default 1,4,8)
//   PRIVET_BENCH_PORT=4400     first of the three ports the servers use (default 4400)
//   PRIVET_BENCH_QUICK=1       one 1-second round each: checks that it works, measures nothing
//   PRIVET_BENCH_MODES=enforced  measure only these modes (default bare,enforced,unenforced)
//   PRIVET_BENCH_CPU_PROF=dir  the servers' process writes a CPU profile there (node --cpu-prof)
//   PRIVET_BENCH_DB_PREFIX=privet_bench_  prefix of the scratch database's name
// It also reports the PostgreSQL backends' CPU per request (from /proc, server on this machine).
import { fork } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { openDatabase } from "@privet/db/client";
import { seedDemoData } from "@privet/db/seed";
import pg from "pg";
import { createScratchDatabase } from "./support.mjs";

const QUICK = process.env.PRIVET_BENCH_QUICK === "1";
const SECONDS = QUICK ? 1 : Number(process.env.PRIVET_BENCH_SECONDS ?? 5);
const ROUNDS = QUICK ? 1 : Number(process.env.PRIVET_BENCH_ROUNDS ?? 5);
const LEVELS = (process.env.PRIVET_BENCH_CONCURRENCY ?? "1,4,8").split(",").map(Number);
const FIRST_PORT = Number(process.env.PRIVET_BENCH_PORT ?? 4400);
const ROW_COUNTS = [1, 10, 100, 500];
const MODES = (process.env.PRIVET_BENCH_MODES ?? "bare,enforced,unenforced").split(",");
const FIELDS = "name email country pseudonymousId cardLast4";
const QUERY = `query Bench($first: Int!) @purpose(name: CROSS_BORDER_CONSOLIDATION, ref: "BENCH") {
  partnerSubjects(first: $first) { edges { node { ${FIELDS} } } }
}`;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** One POST of the benchmark's query; resolves to the response text. */
function post(url, apiKey, first) {
  const body = JSON.stringify({ query: QUERY, variables: { first } });
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "apollo-require-preflight": "1",
          authorization: `Bearer ${apiKey}`,
        },
      },
      (res) => {
        const chunks = [];
        res.on("data", (chunk) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (res.statusCode !== 200 || text.includes('"errors"'))
            reject(new Error(`bench query failed (${res.statusCode}): ${text.slice(0, 300)}`));
          else resolve(text);
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * CPU time (ms) used so far by each PostgreSQL backend connected to the benchmark's database,
 * by pid, read from /proc (Linux, server on this machine; empty where it cannot be read). The
 * audit INSERT's hashing, trigger, index rows and commit run there, on the same cores as the
 * API.
 */
const TICK_MS = 10; // getconf CLK_TCK is 100 on Linux
let adminClient;
async function databaseCpuMs() {
  const byPid = new Map();
  if (!adminClient) return byPid;
  const { rows } = await adminClient.query(
    "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
    [database],
  );
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      byPid.set(pid, (Number(fields[11]) + Number(fields[12])) * TICK_MS); // utime, stime
    } catch {
      // A backend that ended since the query (or a server on another machine): not counted.
    }
  }
  return byPid;
}

/**
 * The backends' CPU between two readings: per backend, so that one the pools closed while
 * idle does not take its whole past off the sum (a backend that ended during the interval
 * loses only its last moments; one that started counts from zero).
 */
function databaseCpuSince(before, after) {
  let ms = 0;
  for (const [pid, now] of after) ms += now - (before.get(pid) ?? 0);
  return ms;
}

/**
 * Requests per second, latencies, and the servers' CPU time per request (from the servers'
 * process: robust when other work shares the machine) for `seconds`, `inFlight` at a time;
 * and the PostgreSQL backends' CPU time per request over the same interval.
 */
async function measure(url, apiKey, first, seconds, inFlight) {
  const cpuBefore = await cpuMicros();
  const dbBefore = await databaseCpuMs();
  const statementsBefore = await statementCount();
  const latencies = [];
  const end = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const start = performance.now();
      await post(url, apiKey, first);
      latencies.push(performance.now() - start);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const cpuMs = ((await cpuMicros()) - cpuBefore) / 1000 / latencies.length;
  const dbCpuMs = databaseCpuSince(dbBefore, await databaseCpuMs()) / latencies.length;
  // Under load, fewer than one audit INSERT per request when the writer groups them.
  const statements = ((await statementCount()) - statementsBefore) / latencies.length;
  latencies.sort((a, b) => a - b);
  return {
    cpuMs,
    dbCpuMs,
    statements,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

const scratch = await createScratchDatabase("read_path");
const database = scratch.name;
const dbConfig = { kind: "postgres", url: scratch.url };
let child;
let cpuMicros;
let statementCount;
try {
  const db = await openDatabase(dbConfig);
  console.log(`database ${database}: seeding 600 customers…`);
  await seedDemoData(db.prisma, { customerCount: 600 });

  // A cloud-storage partner whose agreement covers the five fields under a legitimate
  // interest: every field is allowed, so every field is audited (the costly path).
  const processor = await db.prisma.processor.create({
    data: {
      name: "Bench Storage",
      kind: "CLOUD_STORAGE",
      region: "EU — Frankfurt",
      country: "DE",
      description: "benchmark",
    },
  });
  await db.prisma.processorAgreement.create({
    data: {
      processorId: processor.id,
      reference: "DPA-BENCH",
      purposes: ["CROSS_BORDER_CONSOLIDATION"],
      categories: [
        "user.name",
        "user.contact.email",
        "user.contact.country",
        "user.device.cookie_id",
        "user.financial.card.last4",
      ],
      signedAt: new Date("2026-01-01"),
      validFrom: new Date("2026-01-01"),
      validUntil: new Date("2099-01-01"),
    },
  });
  const apiKey = `pk_${randomBytes(32).toString("base64url")}`;
  await db.prisma.partnerApiKey.create({
    data: {
      processorId: processor.id,
      prefix: apiKey.slice(0, 10),
      label: "bench",
      keyHash: createHash("sha256").update(apiKey).digest("hex"),
      lastUsedAt: new Date(),
    },
  });
  await db.close();

  const profile = process.env.PRIVET_BENCH_CPU_PROF;
  child = fork(new URL("./read-path-servers.mjs", import.meta.url), {
    execArgv: profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [],
    env: {
      ...process.env,
      PRIVET_BENCH_SERVERS: JSON.stringify({
        databaseUrl: scratch.url,
        hashKey: randomBytes(32).toString("hex"),
        processorId: processor.id,
        ports: { bare: FIRST_PORT, enforced: FIRST_PORT + 1, unenforced: FIRST_PORT + 2 },
      }),
    },
  });
  const replies = [];
  const waiting = [];
  child.on("message", (message) => {
    const next = waiting.shift();
    if (next) next(message);
    else replies.push(message);
  });
  const reply = () =>
    new Promise((resolve) => (replies.length ? resolve(replies.shift()) : waiting.push(resolve)));
  const { urls } = await reply();
  adminClient = new pg.Client({ connectionString: scratch.url });
  await adminClient.connect();
  cpuMicros = async () => {
    child.send({ type: "cpu" });
    return (await reply()).micros;
  };
  statementCount = async () => {
    child.send({ type: "statements" });
    return (await reply()).count;
  };

  // Statements per request, one request at a time after a warm-up; and every mode must give
  // the same rows (the bare server's bytes are the reference).
  const perRequest = {};
  for (const mode of MODES) {
    perRequest[mode] = {};
    for (const first of ROW_COUNTS) {
      await post(urls[mode], apiKey, first);
      const before = await statementCount();
      const text = await post(urls[mode], apiKey, first);
      perRequest[mode][first] = (await statementCount()) - before;
      const body = JSON.parse(text);
      const rows = body.data.partnerSubjects.edges.length;
      if (rows !== first) throw new Error(`${mode}: ${rows} rows at first=${first}`);
      if (mode !== "bare" && first === 100 && urls.bare) {
        const bare = JSON.parse(await post(urls.bare, apiKey, first));
        if (JSON.stringify(bare.data) !== JSON.stringify(body.data))
          throw new Error(`${mode} and bare disagree at first=${first}`);
      }
    }
  }

  const f = (n, d = 1) => n.toFixed(d);
  const summaries = {};
  for (const inFlight of LEVELS) {
    for (const mode of MODES) await measure(urls[mode], apiKey, 100, QUICK ? 0.5 : 2, inFlight);
    const runs = Object.fromEntries(MODES.map((mode) => [mode, []]));
    // Rounds alternate between the modes, so drift on a shared machine hits all three alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of MODES)
        runs[mode].push(await measure(urls[mode], apiKey, 100, SECONDS, inFlight));
    }
    summaries[inFlight] = Object.fromEntries(
      MODES.map((mode) => [
        mode,
        {
          cpuMs: median(runs[mode].map((r) => r.cpuMs)),
          dbCpuMs: median(runs[mode].map((r) => r.dbCpuMs)),
          statements: median(runs[mode].map((r) => r.statements)),
          rps: median(runs[mode].map((r) => r.rps)),
          p50: median(runs[mode].map((r) => r.p50)),
          p99: median(runs[mode].map((r) => r.p99)),
        },
      ]),
    );
  }

  console.log(
    `\n| mode | in flight | req/s | × bare | p50 ms | p99 ms | server CPU ms/request | × bare (bare CPU ÷ CPU) | PostgreSQL CPU ms/request | statements/request under load | statements/request at ${ROW_COUNTS.join(" / ")} rows |`,
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const inFlight of LEVELS) {
    for (const mode of MODES) {
      const s = summaries[inFlight][mode];
      console.log(
        `| ${mode} | ${inFlight} | ${f(s.rps)} | ${f(s.rps / summaries[inFlight].bare?.rps, 2)} | ${f(s.p50)} | ${f(s.p99)} | ${f(s.cpuMs, 2)} | ${f(summaries[inFlight].bare?.cpuMs / s.cpuMs, 2)} | ${f(s.dbCpuMs, 2)} | ${f(s.statements, 2)} | ${ROW_COUNTS.map((n) => perRequest[mode][n]).join(" / ")} |`,
      );
    }
  }
  console.log("");
  for (const inFlight of LEVELS) {
    const s = summaries[inFlight];
    if (!s.bare || !s.enforced || !s.unenforced) continue;
    console.log(
      `${inFlight} in flight: enforced/bare throughput ${f(s.enforced.rps / s.bare.rps, 2)}×` +
        ` (goal ≥ 0.35× at 8), unenforced/bare ${f(s.unenforced.rps / s.bare.rps, 2)}×,` +
        ` enforced/unenforced p50 ${f(s.enforced.p50 / s.unenforced.p50, 2)}× (goal ≤ 1.10× at 4);` +
        ` by server CPU per request: enforced ${f(s.bare.cpuMs / s.enforced.cpuMs, 2)}× bare,` +
        ` unenforced ${f(s.bare.cpuMs / s.unenforced.cpuMs, 2)}× bare, enforced/unenforced ${f(s.enforced.cpuMs / s.unenforced.cpuMs, 2)}×`,
    );
  }
  const enforcedStatements = ROW_COUNTS.map((n) => perRequest.enforced?.[n]);
  console.log(
    `statements per request, enforced, at ${ROW_COUNTS.join(" / ")} rows: ${enforcedStatements.join(" / ")} (goal: constant, ≤ 4)`,
  );
  console.log(
    `${ROUNDS} rounds × ${SECONDS}s per mode and level, 100 rows × 5 fields, node ${process.version}${QUICK ? " (QUICK: not a measurement)" : ""}`,
  );
} finally {
  if (child) {
    child.send({ type: "close" });
    await new Promise((resolve) => child.once("exit", resolve));
  }
  agent.destroy();
  await adminClient?.end();
  await scratch.drop();
}
process.exit(0);
