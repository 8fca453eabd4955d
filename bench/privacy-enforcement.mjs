// What field-level privacy costs. Starts the API twice in this process on one PostgreSQL
// database loaded with the demo data (600 customers): once with enforcement on (decide() on
// every personal field, batched inputs, one audit event per field read, stored as the
// request's access record and written before the response) and once with it off (a switch
// only this benchmark uses). A partner lists subjects with five personal fields; we measure
// requests per second and p50/p99 latency at 100 rows, and SQL statements per request at 1,
// 10, 100 and 500 rows (the audit writer's statements counted with the client's).
//
//   npm run bench            (PRIVET_BENCH_POSTGRES_URL: admin URL, default local server)
//   PRIVET_BENCH_SECONDS=5   seconds per measured round (default 5; 5 rounds per mode)
//   PRIVET_BENCH_CONCURRENCY=4  requests in flight (default 4)
import { createHash, randomBytes } from "node:crypto";
import { startServer } from "@privet/api/server";
import { openDatabase } from "@privet/db/client";
import { seedDemoData } from "@privet/db/seed";
import pg from "pg";

const ADMIN_URL =
  process.env.PRIVET_BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const SECONDS = Number(process.env.PRIVET_BENCH_SECONDS ?? 5);
const ROUNDS = 5;
const CONCURRENCY = Number(process.env.PRIVET_BENCH_CONCURRENCY ?? 4);
const ROW_COUNTS = [1, 10, 100, 500];
const FIELDS = "name email country pseudonymousId cardLast4";
const QUERY = `query Bench($first: Int!) @purpose(name: CROSS_BORDER_CONSOLIDATION, ref: "BENCH") {
  partnerSubjects(first: $first) { edges { node { ${FIELDS} } } }
}`;

async function admin(sql) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function post(url, apiKey, first) {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "apollo-require-preflight": "1",
      authorization: `Bearer ${apiKey}`,
    },
    body: JSON.stringify({ query: QUERY, variables: { first } }),
  });
  const body = await response.json();
  if (!body.data?.partnerSubjects)
    throw new Error(`bench query failed: ${JSON.stringify(body.errors)}`);
  return body;
}

/** Requests per second and latencies for `seconds`, CONCURRENCY requests in flight. */
async function measure(url, apiKey, first, seconds) {
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
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const database = `privet_bench_${randomBytes(4).toString("hex")}`;
await admin(`CREATE DATABASE "${database}"`);
const url = new URL(ADMIN_URL);
url.pathname = `/${database}`;
const dbConfig = { kind: "postgres", url: url.toString() };
let statements = 0;
const db = await openDatabase(dbConfig, { onQuery: () => statements++ });
const servers = [];
try {
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
    },
  });

  const config = {
    port: 0,
    host: "127.0.0.1",
    production: false,
    development: false,
    hashKey: randomBytes(32).toString("hex"),
    database: dbConfig,
    seedDemoData: false,
    trustProxy: 0,
    corsOrigins: [],
    attemptLimits: { perIp: 1000, registrationsPerIp: 1000, failuresBeforeDelay: 5, perDevice: 10 },
    smtpUrl: null,
    portalUrl: "http://localhost:5173",
    apiUrl: "http://localhost:4000",
    mailFrom: "Privet <no-reply@privet.localhost>",
    passwordHashing: { N: 2 ** 17, r: 8, p: 1 },
  };
  process.env.PRIVET_LOG = "silent";
  const modes = {
    enforced: await startServer({ ...db, config, privacyEnforced: true }),
    unenforced: await startServer({ ...db, config, privacyEnforced: false }),
  };
  servers.push(...Object.values(modes));

  // Statements per request, counted one request at a time after a warm-up.
  const perRequest = {};
  for (const [mode, server] of Object.entries(modes)) {
    perRequest[mode] = {};
    for (const first of ROW_COUNTS) {
      await post(server.url, apiKey, first);
      const before = statements;
      const body = await post(server.url, apiKey, first);
      perRequest[mode][first] = statements - before;
      const rows = body.data.partnerSubjects.edges.length;
      const redacted = (body.errors ?? []).length;
      if (rows !== first || redacted !== 0)
        throw new Error(`${mode}: ${rows} rows, ${redacted} redactions at first=${first}`);
    }
  }

  // Throughput at 100 rows: rounds alternate between the modes so drift hits both alike.
  for (const server of Object.values(modes)) await measure(server.url, apiKey, 100, 2);
  const runs = { enforced: [], unenforced: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [mode, server] of Object.entries(modes))
      runs[mode].push(await measure(server.url, apiKey, 100, SECONDS));
  }
  const summary = Object.fromEntries(
    Object.entries(runs).map(([mode, list]) => [
      mode,
      {
        rps: median(list.map((r) => r.rps)),
        p50: median(list.map((r) => r.p50)),
        p99: median(list.map((r) => r.p99)),
      },
    ]),
  );
  const ratio = summary.enforced.p50 / summary.unenforced.p50;

  const f = (n, d = 1) => n.toFixed(d);
  console.log(
    `\n| mode | req/s | p50 ms | p99 ms | statements/request at ${ROW_COUNTS.join(" / ")} rows |`,
  );
  console.log("|---|---|---|---|---|");
  for (const mode of ["unenforced", "enforced"]) {
    const s = summary[mode];
    console.log(
      `| ${mode} | ${f(s.rps)} | ${f(s.p50)} | ${f(s.p99)} | ${ROW_COUNTS.map((n) => perRequest[mode][n]).join(" / ")} |`,
    );
  }
  console.log(
    `\nenforced/unenforced p50 latency at 100 rows × 5 fields: ${f(ratio, 2)}× (goal ≤ 1.25×)`,
  );
  console.log(
    `throughput ratio (unenforced/enforced req/s): ${f(summary.unenforced.rps / summary.enforced.rps, 2)}×`,
  );
  console.log(
    `${ROUNDS} rounds × ${SECONDS}s per mode, ${CONCURRENCY} requests in flight, node ${process.version}`,
  );
} finally {
  for (const server of servers) await server.close();
  await db.close();
  await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
}
process.exit(0);
