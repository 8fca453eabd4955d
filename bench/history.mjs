// History never slows a read. One PostgreSQL database, the real API over HTTP. Two customers:
// one named by 10 access records, one by 10,000 (written in bulk by SQL, but through the real
// insert triggers, so the chains and the history index AccessRecordSubject are filled as the
// API fills them). Each record reads five of the customer's fields and one of another
// person's, so even the small history fills a page of 50.
// Rounds alternate between the two customers; for each view we print the p50 latency and the
// 10,000/10 ratio (goal ≤ 1.5×; the console's customer view ≤ 100 ms p50 at 10,000):
//   - the portal's access log: first page (`accessLogPage`), and a later page (a cursor from
//     the middle of the history), and `accessLog(first: 200)` (the portal's query before it paged);
//   - the portal's access log as it reads now, one entry per access (`accesses`): first page, a
//     middle page, a page filtered to partners (none: one bounded stretch), and the summary;
//   - the console opening the customer (the console's OpenCustomer query, under SUPPORT);
//   - the audit trail narrowed to the customer (an auditor, first page, newest and oldest first).
// Then the data export (the whole log, page by page: linear by nature), as the GraphQL string
// and as the streamed GET /my-data-export, with time to first byte and the server's memory
// growth; and the cost of the audit write itself with the history index vs the GIN index it
// replaced.
//
//   npm run bench                  (PRIVET_BENCH_POSTGRES_URL: admin URL, default local server)
//   PRIVET_BENCH_QUICK=1           a short run (fewer rounds and inserts) to check it works
import { randomBytes } from "node:crypto";
import v8 from "node:v8";
import vm from "node:vm";
import { startServer } from "@privet/api/server";
import { accessRecordInsert, toAccessRecords } from "@privet/db/audit";
import { openDatabase } from "@privet/db/client";
import { hashPassword, THROWAWAY_PASSWORD_HASHING } from "@privet/db/passwords";
import pg from "pg";
import { benchApiConfig, createScratchDatabase } from "./support.mjs";

const QUICK = process.env.PRIVET_BENCH_QUICK === "1";
const ROUNDS = QUICK ? 3 : 10;
const REQUESTS_PER_ROUND = QUICK ? 5 : 10;
const INSERTS = QUICK ? 300 : 2000;
const SMALL = 10;
const LARGE = 10_000;
const PASSWORD = "bench-password-not-secret";
const OTHER = "0199a000-0000-7000-8000-0000000000ff";

const ENTRY = "id accessorKind staffRole processorName purpose reference categoryLabel occurredAt";
const PORTAL_PAGE = `query BenchAccessLogPage($first: Int!, $after: String) {
  me { id accessLogPage(first: $first, after: $after) { nodes { ${ENTRY} } pageInfo { endCursor hasNextPage } } }
}`;
// The portal's query before it paged (kept: API clients may still ask for 200 at once).
const PORTAL_LOG = `query BenchAccessLog { me { id accessLog(first: 200) { ${ENTRY} category underLegalRequest } } }`;
// The console's OpenCustomer (packages/client/src/console/customers.graphql).
const OPEN_CUSTOMER = `query BenchOpenCustomer($id: ID!) @purpose(name: SUPPORT, ref: "BENCH-1") {
  customer(id: $id) {
    id createdAt jurisdiction name email country
    sessions { id createdAt ipAddress browser os }
    paymentMethod { id brand last4 expiryMonth expiryYear }
    consents { purpose state updatedAt }
    heldRecords { id label content }
    accessLogPage(first: 50) { nodes { ${ENTRY} breakGlassReason } pageInfo { endCursor hasNextPage } }
  }
}`;
const AUDIT = `query BenchAudit($subjectId: ID!, $order: TimeOrder! = NEWEST_FIRST) {
  auditEvents(filter: { subjectId: $subjectId }, first: 50, order: $order) {
    nodes { id subjectId category fieldPath outcome occurredAt } pageInfo { endCursor hasNextPage }
  }
}`;
// The portal's log today: one entry per access, a filter, and the 30-day summary.
const ACCESS =
  "id accessorKind staffRole processorName purpose reference occurredAt categories refusedCategories";
const ACCESSES = `query BenchAccesses($first: Int!, $after: String, $filter: AccessFilter) {
  me { id accesses(first: $first, after: $after, filter: $filter) { nodes { ${ACCESS} } pageInfo { endCursor hasNextPage } } }
}`;
const ACCESS_SUMMARY = `query BenchAccessSummary {
  me { id accessSummary { days staffReads partnerReads partners { id name reads } complete } }
}`;
const EXPORT = "query BenchExport { myDataExport }";

/** A browser: a cookie jar and GraphQL over POST. */
class Client {
  cookies = new Map();
  constructor(url) {
    this.url = url;
  }
  async gql(query, variables = {}) {
    const response = await fetch(this.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "apollo-require-preflight": "1",
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      },
      body: JSON.stringify({ query, variables }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const body = await response.json();
    if (body.errors?.length) throw new Error(`bench query failed: ${JSON.stringify(body.errors)}`);
    return body.data;
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const scratch = await createScratchDatabase("history");
const database = scratch.name;
const dbConfig = { kind: "postgres", url: scratch.url };
const db = await openDatabase(dbConfig);
const sql = new pg.Client({ connectionString: scratch.url });
await sql.connect();
let server;
try {
  process.env.PRIVET_LOG = "silent";
  server = await startServer({
    ...db,
    config: benchApiConfig(dbConfig, {
      attemptLimits: {
        perIp: 100000,
        registrationsPerIp: 1000,
        failuresBeforeDelay: 5,
        perDevice: 1000,
      },
      passwordHashing: THROWAWAY_PASSWORD_HASHING,
    }),
    privacyEnforced: true,
  });

  // Two customers, registered (and signed in) through the API.
  const customers = {};
  for (const [label, records] of [
    ["10", SMALL],
    ["10000", LARGE],
  ]) {
    const client = new Client(server.url);
    const data = await client.gql(
      `mutation BenchRegister($input: RegisterInput!) { register(input: $input) { customer { id } } }`,
      {
        input: {
          name: `Bench Person ${label}`,
          email: `bench.${label}.${randomBytes(3).toString("hex")}@example.com`,
          password: PASSWORD,
          country: "US",
          region: "CA",
        },
      },
    );
    customers[label] = { client, id: data.register.customer.id, records };
  }
  // Staff, signed in through the API: a support agent (the console) and an auditor.
  const passwordHash = await hashPassword(PASSWORD, THROWAWAY_PASSWORD_HASHING);
  const staff = {};
  for (const role of ["SUPPORT_AGENT", "AUDITOR"]) {
    const email = `bench.${role.toLowerCase()}.${randomBytes(3).toString("hex")}@example.com`;
    const user = await db.prisma.staffUser.create({
      data: { name: `Bench ${role}`, email, role, passwordHash },
    });
    const client = new Client(server.url);
    await client.gql(
      `mutation BenchStaffSignIn($email: String!, $password: String!) { staffSignIn(email: $email, password: $password) { id } }`,
      { email, password: PASSWORD },
    );
    staff[role] = { client, id: user.id };
  }

  // The histories: one INSERT per customer through the real triggers (chain + history index),
  // a minute apart each, ending a day ago; the small customer's records interleave in time.
  const reader = staff.SUPPORT_AGENT.id;
  const grown = performance.now();
  for (const { id, records } of Object.values(customers)) {
    await sql.query(
      `INSERT INTO "AccessRecord" ("id", "chain", "requestId", "principalKind", "principalId",
         "staffRole", "purpose", "reference", "operationName", "occurredAt", "subjectIds", "reads")
       SELECT (lpad(to_hex((extract(epoch FROM t) * 1000)::bigint), 12, '0') || '7'
               || substr(md5(random()::text), 1, 3) || '8' || substr(md5(random()::text), 1, 15))::uuid,
              'STAFF:' || $1, 'bench-' || g, 'STAFF', $1::uuid, 'SUPPORT_AGENT', 'SUPPORT',
              'T-' || g, 'OpenCustomer', t, ARRAY[$2::uuid, $3::uuid],
              json_build_array(json_build_array($2::text, 'user.name', 'customer.name'),
                               json_build_array($2::text, 'user.contact.email', 'customer.email'),
                               json_build_array($2::text, 'user.contact.country', 'customer.country'),
                               json_build_array($2::text, 'user.device.cookie_id', 'customer.cookieIds'),
                               json_build_array($2::text, 'user.financial.card.last4', 'customer.paymentMethod.last4'),
                               json_build_array($3::text, 'user.name', 'customer.name'))::text
       FROM generate_series(1, $4::int) g,
            LATERAL (SELECT now() - interval '1 day' - interval '1 minute' * ($4::int - g)) AS x(t)`,
      [reader, id, OTHER, records],
    );
  }
  await sql.query("ANALYZE");
  const indexRows = (
    await sql.query(
      `SELECT "subjectId"::text AS id, count(*)::int AS n FROM "AccessRecordSubject" GROUP BY 1`,
    )
  ).rows;
  console.log(
    `database ${database}: histories written in ${((performance.now() - grown) / 1000).toFixed(1)} s; index rows per subject: ${indexRows
      .map((r) => `${r.n}`)
      .join(", ")}`,
  );

  // A cursor from the middle of each history (walked with large pages; a cursor does not
  // depend on the page size it came from).
  for (const customer of Object.values(customers)) {
    const events = customer.records * 5;
    let after = null;
    let seen = 0;
    const target = Math.max(10, Math.floor(events / 2));
    while (seen < target) {
      const first = Math.min(500, target - seen);
      const data = await customer.client.gql(PORTAL_PAGE, { first, after });
      seen += data.me.accessLogPage.nodes.length;
      after = data.me.accessLogPage.pageInfo.endCursor;
    }
    customer.middle = after;
    // And one from the middle of the accesses (one per record).
    after = null;
    let records = 0;
    const half = Math.floor(customer.records / 2);
    while (records < half) {
      const first = Math.min(200, half - records);
      const data = await customer.client.gql(ACCESSES, { first, after });
      records += data.me.accesses.nodes.length;
      after = data.me.accesses.pageInfo.endCursor;
    }
    customer.middleAccess = after;
  }

  const views = {
    "portal access log, first page (50)": (c) => c.client.gql(PORTAL_PAGE, { first: 50 }),
    "portal access log, a middle page (20)": async (c) => {
      const data = await c.client.gql(PORTAL_PAGE, { first: 20, after: c.middle });
      if (data.me.accessLogPage.nodes.length !== 20) throw new Error("middle page not full");
    },
    "portal accessLog(first: 200) (50 events at 10 records)": (c) => c.client.gql(PORTAL_LOG),
    "portal accesses, first page (50 accesses)": (c) => c.client.gql(ACCESSES, { first: 50 }),
    "portal accesses, a middle page (5)": async (c) => {
      const data = await c.client.gql(ACCESSES, { first: 5, after: c.middleAccess });
      if (data.me.accesses.nodes.length !== 5) throw new Error("middle access page not full");
    },
    // No partner ever read these customers: the page scans its bounded stretch and stops.
    "portal accesses, filtered to partners (none: one bounded stretch)": (c) =>
      c.client.gql(ACCESSES, { first: 50, filter: { who: "PARTNER" } }),
    "portal access summary (30 days; all 10,000 are in it: capped at 1,000)": (c) =>
      c.client.gql(ACCESS_SUMMARY),
    "audit trail narrowed to the customer (50)": (c) =>
      staff.AUDITOR.client.gql(AUDIT, { subjectId: c.id }),
    "audit trail narrowed to the customer, oldest first (50)": (c) =>
      staff.AUDITOR.client.gql(AUDIT, { subjectId: c.id, order: "OLDEST_FIRST" }),
    // Last: each open is itself a read of the customer, so it adds a record to their history
    // (the small history ends at 10 + ~100 records).
    "console opens the customer": (c) =>
      staff.SUPPORT_AGENT.client.gql(OPEN_CUSTOMER, { id: c.id }),
  };
  const samples = Object.fromEntries(
    Object.keys(views).map((view) => [view, { 10: [], 10000: [] }]),
  );
  for (const [view, run] of Object.entries(views)) {
    for (const customer of Object.values(customers)) await run(customer); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      for (const [label, customer] of Object.entries(customers)) {
        for (let i = 0; i < REQUESTS_PER_ROUND; i++) {
          samples[view][label].push(await timed(() => run(customer)));
        }
      }
    }
  }
  const f = (n, d = 1) => n.toFixed(d);
  console.log(`\n| view | p50 ms at ${SMALL} records | p50 ms at ${LARGE} records | ratio |`);
  console.log("|---|---|---|---|");
  for (const view of Object.keys(views)) {
    const small = median(samples[view][10]);
    const large = median(samples[view][10000]);
    console.log(`| ${view} | ${f(small)} | ${f(large)} | ${f(large / small, 2)}× |`);
  }

  // The data export reads the whole log (50,000 events at 10,000 records), page by page, two
  // ways: the GraphQL string (built whole in memory) and the streamed download
  // (GET /my-data-export, written as it is read). Each response is read chunk by chunk and
  // dropped, so what grows is the server's memory (it runs in this process): the peak of live
  // heap + external memory over the level just before, sampled every 20 ms after a full GC (a
  // transient peak between samples is missed: a floor). Timed rounds alternate; the memory
  // runs come after, one per export and customer.
  const exportUrl = new URL("/my-data-export", server.url).href;
  const cookieOf = (c) => [...c.client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const exportModes = {
    "myDataExport (GraphQL string)": (c) =>
      fetch(server.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "apollo-require-preflight": "1",
          cookie: cookieOf(c),
        },
        body: JSON.stringify({ query: EXPORT }),
      }),
    "GET /my-data-export (streamed)": (c) =>
      fetch(exportUrl, { headers: { "apollo-require-preflight": "1", cookie: cookieOf(c) } }),
  };
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc");
  const memory = () => {
    const { heapUsed, external } = process.memoryUsage();
    return heapUsed + external;
  };
  /** One export read to the end; with `sampleMemory`, the live memory's peak growth too. */
  const exportOnce = async (run, customer, sampleMemory) => {
    gc();
    const base = memory();
    let peak = base;
    // A full GC before each sample, so a sample is what is live (retained), not garbage not
    // yet collected: too slow to time by, so the memory runs are separate from the timed ones.
    const sampler = sampleMemory
      ? setInterval(() => {
          gc();
          peak = Math.max(peak, memory());
        }, 20)
      : null;
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const response = await run(customer);
    if (response.status !== 200) throw new Error(`export: HTTP ${response.status}`);
    let firstByte;
    let bytes = 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      firstByte ??= performance.now() - start;
      bytes += value.byteLength;
    }
    const total = performance.now() - start;
    const { user, system } = process.cpuUsage(cpuBefore);
    if (sampler) clearInterval(sampler);
    return { total, firstByte, bytes, cpu: (user + system) / 1000, grown: peak - base };
  };
  const exportSamples = {};
  for (const mode of Object.keys(exportModes)) exportSamples[mode] = { 10: [], 10000: [] };
  for (let round = 0; round < (QUICK ? 2 : 4); round++) {
    for (const [mode, run] of Object.entries(exportModes)) {
      for (const [label, customer] of Object.entries(customers)) {
        exportSamples[mode][label].push(await exportOnce(run, customer, false));
      }
    }
  }
  const exportMemory = {};
  for (const [mode, run] of Object.entries(exportModes)) {
    exportMemory[mode] = {};
    for (const [label, customer] of Object.entries(customers)) {
      exportMemory[mode][label] = (await exportOnce(run, customer, true)).grown;
    }
  }
  const MiB = 1024 * 1024;
  console.log(
    "\n| data export | records (events) | p50 total ms | p50 first byte ms | p50 CPU ms (this process: server and client) | MiB sent | peak live memory growth, MiB |",
  );
  console.log("|---|---|---|---|---|---|---|");
  for (const mode of Object.keys(exportModes)) {
    for (const [label, customer] of Object.entries(customers)) {
      const runs = exportSamples[mode][label];
      console.log(
        `| ${mode} | ${label} (${customer.records * 5}) | ${f(median(runs.map((r) => r.total)), 0)} | ${f(median(runs.map((r) => r.firstByte)), 0)} | ${f(median(runs.map((r) => r.cpu)), 0)} | ${f(runs[0].bytes / MiB, 1)} | ${f(exportMemory[mode][label] / MiB, 1)} |`,
      );
    }
  }

  // The audit write's cost, the history index (trigger + its key) vs the GIN index it
  // replaced, on this same table: the API's own INSERT (accessRecordInsert), one statement
  // each, autocommit, alternating rounds; 1 subject × 5 fields (the console) and 100 subjects
  // × 5 fields (a partner list page).
  const fields = [
    ["user.name", "name"],
    ["user.contact.email", "email"],
    ["user.contact.country", "country"],
    ["user.device.cookie_id", "pseudonymousId"],
    ["user.financial.card.last4", "cardLast4"],
  ];
  const subjects = Array.from({ length: 100 }, () => crypto.randomUUID());
  const write = (count) => {
    const inputs = subjects.slice(0, count).flatMap((subjectId) =>
      fields.map(([category, field]) => ({
        subjectId,
        principalKind: "STAFF",
        principalId: reader,
        staffRole: "SUPPORT_AGENT",
        purpose: "SUPPORT",
        category,
        fieldPath: `partnerSubjects.${field}`,
        requestId: randomBytes(8).toString("hex"),
        operationName: "Bench",
      })),
    );
    const requestId = inputs[0].requestId;
    for (const input of inputs) input.requestId = requestId;
    return accessRecordInsert(toAccessRecords(inputs));
  };
  const modes = {
    "history index": async () => {
      await sql.query(`DROP INDEX IF EXISTS "AccessRecord_subjectIds_gin_bench"`);
      await sql.query(`ALTER TABLE "AccessRecord" ENABLE TRIGGER "AccessRecord_subjects"`);
    },
    "GIN (before)": async () => {
      await sql.query(`ALTER TABLE "AccessRecord" DISABLE TRIGGER "AccessRecord_subjects"`);
      await sql.query(
        `CREATE INDEX IF NOT EXISTS "AccessRecord_subjectIds_gin_bench" ON "AccessRecord" USING GIN ("subjectIds")`,
      );
    },
  };
  const insertSamples = {};
  for (const mode of Object.keys(modes)) insertSamples[mode] = { 1: [], 100: [] };
  for (let round = 0; round < 4; round++) {
    for (const [mode, prepare] of Object.entries(modes)) {
      await prepare();
      for (const count of [1, 100]) {
        for (let i = 0; i < INSERTS / 4; i++) {
          const { sql: text, args } = write(count);
          insertSamples[mode][count].push(await timed(() => sql.query(text, args)));
        }
      }
    }
  }
  await modes["history index"]();
  console.log(
    "\n| audit write (one INSERT, autocommit) | p50 ms, 1 subject × 5 fields | p50 ms, 100 subjects × 5 fields |",
  );
  console.log("|---|---|---|");
  for (const mode of Object.keys(modes)) {
    console.log(
      `| ${mode} | ${f(median(insertSamples[mode][1]), 3)} | ${f(median(insertSamples[mode][100]), 3)} |`,
    );
  }
  console.log(
    `\n${ROUNDS} rounds × ${REQUESTS_PER_ROUND} requests per view and customer, one in flight; ${INSERTS} inserts per mode and shape; node ${process.version}`,
  );
} finally {
  await server?.close();
  await sql.end();
  await db.close();
  await scratch.drop();
}
process.exit(0);
