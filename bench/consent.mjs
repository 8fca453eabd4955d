// Consent at internet scale. On a fresh PostgreSQL database, starts the built API
// (`node apps/api/dist/main.js`) with PRIVET_WORKERS processes and measures, at 16 requests in
// flight, the consent reads every page view makes:
//   - banner:  an anonymous visitor's cookie choices (the portal's CookieBanner query);
//   - portal:  a signed-in customer's consents (myConsents + cookieConsents);
//   - centre:  the portal's whole consent centre (ConsentCentre: also the history and signals);
//   - check:   a partner's consentCheck(subject, purpose) (decided and audited);
// then consent writes per second (setConsent, alternating states so every call is a new ledger
// event), and the staleness test: 1,000 times, write a consent through one worker and at once
// read it back through a different worker (X-Privet-Worker tells them apart), through the
// portal's read and the partner's check, counting stale answers (must be 0).
//
//   npm run bench                (runs every benchmark; this one is `npm run consent -w @privet/bench`)
//   PRIVET_BENCH_POSTGRES_URL    admin URL (default the local server)
//   PRIVET_BENCH_WORKERS=2       API processes (default 2)
//   PRIVET_BENCH_SECONDS=5       seconds per round (PRIVET_BENCH_ROUNDS=3 rounds per read, alternating)
//   PRIVET_BENCH_QUICK=1         1-second rounds, 100 staleness round trips: checks it works
//   PRIVET_BENCH_ONLY=banner,check  only these reads (and no writes or staleness test);
//                                 `write` and `staleness` name those two parts
//   PRIVET_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"  flags for the API processes
//   PRIVET_BENCH_API_MAIN        the API's entry point (default apps/api/dist/main.js)
//   PRIVET_BENCH_COMPARE=path    also start this other build's main.js (port + 1) on the same
//                                database and measure every read round on both, alternating:
//                                rows "(B)" are its. On a busy machine, A/B within one run.
//   PRIVET_BENCH_DB_PREFIX       the scratch database's name prefix (default privet_bench_)
//
// The load generator runs in this process, on the same machine (and cores) as the API and
// PostgreSQL: its CPU is taken from theirs.
import { spawn } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { fileURLToPath } from "node:url";
import { openDatabase } from "@privet/db/client";
import { seedDemoData } from "@privet/db/seed";
import pg from "pg";
import { ADMIN_URL, createScratchDatabase } from "./support.mjs";

const QUICK = process.env.PRIVET_BENCH_QUICK === "1";
const SECONDS = Number(process.env.PRIVET_BENCH_SECONDS ?? (QUICK ? 1 : 5));
const ROUNDS = Number(process.env.PRIVET_BENCH_ROUNDS ?? (QUICK ? 1 : 3));
const WORKERS = Number(process.env.PRIVET_BENCH_WORKERS ?? 2);
const IN_FLIGHT = 16;
const ROUND_TRIPS = QUICK ? 100 : 1000;
const CUSTOMERS = 200;
// PRIVET_BENCH_API_MAIN: another build of the API (an A/B comparison against a copy of dist/).
const MAIN =
  process.env.PRIVET_BENCH_API_MAIN ??
  fileURLToPath(new URL("../apps/api/dist/main.js", import.meta.url));

const QUERIES = {
  banner: `query CookieBanner { cookieConsents { category description enabled required lockedByGpc state } privacySignals { gpc gpcHonoured } }`,
  portal: `query MyConsents { myConsents { purpose state permitted description legalBasis source updatedAt policyVersion } cookieConsents { category enabled required lockedByGpc state } }`,
  centre: `query ConsentCentre {
    myConsents { purpose state permitted description legalBasis source updatedAt policyVersion }
    cookieConsents { category description enabled required lockedByGpc state purpose }
    consentHistory { id purpose state source occurredAt policyVersion jurisdiction }
    privacySignals { gpc gpcHonoured dnt dntRecorded } }`,
  check: `query ConsentCheck($subject: ID!, $purpose: Purpose!) { consentCheck(subject: $subject, purpose: $purpose) { permitted state reason } }`,
  write: `mutation SetConsent($purpose: ConsentPurpose!, $state: ConsentState!) { setConsent(purpose: $purpose, state: $state) { purpose state } }`,
  subjects: `query Subjects @purpose(name: MARKETING, ref: "BENCH") { partnerSubjects(first: 500) { nodes { id } } }`,
};

const keepAlive = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

/** One GraphQL POST. `fresh`: a new connection, so the cluster may hand it to another worker. */
function post(origin, query, variables, headers, fresh = false) {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = request(
      `${origin}/graphql`,
      {
        method: "POST",
        agent: fresh ? false : keepAlive,
        headers: {
          "content-type": "application/json",
          "apollo-require-preflight": "1",
          "content-length": Buffer.byteLength(body),
          ...(fresh ? { connection: "close" } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on("data", (chunk) => chunks.push(chunk));
        res.on("end", () => {
          const json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          if (json.errors?.length) {
            reject(new Error(`${res.statusCode}: ${JSON.stringify(json.errors).slice(0, 300)}`));
            return;
          }
          resolve({ data: json.data, worker: res.headers["x-privet-worker"] });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const TICK_MS = 10; // /proc's clock ticks (USER_HZ = 100 on Linux)

/** CPU milliseconds used so far by a process (user + system), or 0 once it is gone. */
function cpuOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/**
 * CPU so far of the API's processes (the primary and its workers) and of the database's
 * backends, by pid: a backend that ends mid-round (the pool closing an idle connection) must
 * not subtract its whole life from the round, so rounds compare pid by pid (cpuUsed).
 */
const watched = { apiPid: 0, database: "" };
async function cpuNow() {
  const api = new Map([[watched.apiPid, cpuOf(watched.apiPid)]]);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ")[1]);
      if (ppid === watched.apiPid) api.set(Number(entry), cpuOf(entry));
    } catch {}
  }
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  const backends = await client.query("SELECT pid FROM pg_stat_activity WHERE datname = $1", [
    watched.database,
  ]);
  await client.end();
  const usage = process.cpuUsage();
  return {
    api,
    pg: new Map(backends.rows.map((row) => [row.pid, cpuOf(row.pid)])),
    load: new Map([[0, (usage.user + usage.system) / 1000]]),
  };
}

/** CPU used between two snapshots: pids in both by difference, new ones whole. */
function cpuUsed(before, after) {
  let sum = 0;
  for (const [pid, now] of after) sum += now - (before.get(pid) ?? 0);
  return sum;
}

/** Requests per second and latencies over `seconds`, IN_FLIGHT at a time; `next(i)` makes one. */
async function measure(seconds, next) {
  const before = await cpuNow();
  const latencies = [];
  const end = performance.now() + seconds * 1000;
  let n = 0;
  const lane = async () => {
    while (performance.now() < end) {
      const start = performance.now();
      await next(n++);
      latencies.push(performance.now() - start);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  const elapsed = (performance.now() - started) / 1000;
  const after = await cpuNow();
  const per = (key) => cpuUsed(before[key], after[key]) / latencies.length;
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpu: { api: per("api"), pg: per("pg"), load: per("load") },
  };
}

// One secret for every API started, so partner pseudonyms are the same on both of a comparison.
const SECRET = randomBytes(32).toString("hex");

function startApi(databaseUrl, main = MAIN, portOffset = 0) {
  const nodeArgs = (process.env.PRIVET_BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const port = process.env.PRIVET_BENCH_PORT
    ? String(Number(process.env.PRIVET_BENCH_PORT) + portOffset)
    : "0";
  const child = spawn(process.execPath, [...nodeArgs, main], {
    env: {
      PATH: process.env.PATH ?? "",
      DATABASE_URL: databaseUrl,
      PRIVET_WORKERS: String(WORKERS),
      PORT: port,
      PRIVET_SECRET: SECRET,
      PRIVET_LOG: "silent",
      // Every bench client is 127.0.0.1; the per-IP budgets are not what is measured.
      PRIVET_ATTEMPTS_PER_IP: "10000",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const ready = out.match(/Privet API ready: (\S+)/);
      if (ready) resolve({ child, origin: new URL(ready[1]).origin });
    });
    child.once("exit", (code) => reject(new Error(`the API exited (${code}):\n${out}`)));
  });
}

/** Customers with sessions, visitors with cookies, a partner with a MARKETING agreement. */
async function prepare(prisma) {
  const customers = await prisma.customer.findMany({
    where: { erasedAt: null },
    select: { id: true },
    take: CUSTOMERS,
  });
  const sessions = [];
  const visitors = [];
  for (const { id } of customers) {
    const token = randomBytes(32).toString("base64url");
    sessions.push(token);
    await prisma.session.create({
      data: {
        tokenHash: createHash("sha256").update(token).digest("hex"),
        customerId: id,
        ipAddress: "127.0.0.1",
        userAgent: "bench",
        browser: "bench",
        os: "bench",
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const cookieId = randomBytes(32).toString("base64url");
    visitors.push(cookieId);
    await prisma.visitor.create({ data: { id: randomUUID(), cookieId } });
  }
  const processor = await prisma.processor.create({
    data: {
      name: "Bench Mailer",
      kind: "EMAIL_SERVICE",
      region: "EU",
      country: "DE",
      description: "benchmark",
    },
  });
  await prisma.processorAgreement.create({
    data: {
      processorId: processor.id,
      reference: "DPA-BENCH",
      purposes: ["MARKETING"],
      categories: ["user.name", "user.contact.email"],
      signedAt: new Date("2026-01-01"),
      validFrom: new Date("2026-01-01"),
      validUntil: new Date("2099-01-01"),
    },
  });
  const apiKey = `pk_${randomBytes(32).toString("base64url")}`;
  await prisma.partnerApiKey.create({
    data: {
      processorId: processor.id,
      prefix: apiKey.slice(0, 10),
      label: "bench",
      keyHash: createHash("sha256").update(apiKey).digest("hex"),
    },
  });
  return { sessions, visitors, apiKey };
}

const f = (n, d = 1) => n.toFixed(d);

const scratch = await createScratchDatabase("consent");
const database = scratch.name;
const url = new URL(scratch.url);
let api;
let apiB;
try {
  const db = await openDatabase({ kind: "postgres", url: url.toString() });
  console.log(`database ${database}: seeding ${CUSTOMERS} customers…`);
  await seedDemoData(db.prisma, { customerCount: CUSTOMERS });
  const { sessions, visitors, apiKey } = await prepare(db.prisma);
  await db.close();

  api = await startApi(url.toString());
  watched.apiPid = api.child.pid;
  watched.database = database;
  const { origin } = api;
  const customer = (i) => ({ cookie: `privet_session=${sessions[i % sessions.length]}` });
  const visitor = (i) => ({ cookie: `privet_visitor=${visitors[i % visitors.length]}` });
  const partner = { authorization: `Bearer ${apiKey}` };
  const subjects = (
    await post(origin, QUERIES.subjects, {}, partner)
  ).data.partnerSubjects.nodes.map((node) => node.id);
  // Each customer starts with a MARKETING choice, so the reads find a row.
  await Promise.all(
    sessions.map((_, i) =>
      post(origin, QUERIES.write, { purpose: "MARKETING", state: "GIVEN" }, customer(i)),
    ),
  );

  const readsOf = (at) => ({
    banner: (i) => post(at, QUERIES.banner, {}, visitor(i)),
    portal: (i) => post(at, QUERIES.portal, {}, customer(i)),
    centre: (i) => post(at, QUERIES.centre, {}, customer(i)),
    check: (i) =>
      post(
        at,
        QUERIES.check,
        { subject: subjects[i % subjects.length], purpose: "MARKETING" },
        partner,
      ),
  });
  const reads = readsOf(origin);
  const only = process.env.PRIVET_BENCH_ONLY?.split(",");
  if (only) for (const name of Object.keys(reads)) if (!only.includes(name)) delete reads[name];
  // The builds measured: this one, and with PRIVET_BENCH_COMPARE another, round by round.
  const builds = [{ label: "", pid: api.child.pid, reads }];
  if (process.env.PRIVET_BENCH_COMPARE) {
    apiB = await startApi(url.toString(), process.env.PRIVET_BENCH_COMPARE, 1);
    const readsB = readsOf(apiB.origin);
    builds.push({
      label: " (B)",
      pid: apiB.child.pid,
      reads: Object.fromEntries(Object.keys(reads).map((name) => [name, readsB[name]])),
    });
  }
  for (const build of builds) {
    watched.apiPid = build.pid;
    for (const next of Object.values(build.reads)) await measure(QUICK ? 0.5 : 2, next);
  }
  const runs = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of Object.keys(reads)) {
      for (const build of builds) {
        watched.apiPid = build.pid;
        const row = `${name}${build.label}`;
        runs[row] ??= [];
        runs[row].push(await measure(SECONDS, build.reads[name]));
      }
    }
  }
  watched.apiPid = api.child.pid;

  const states = sessions.map(() => "GIVEN");
  const writes = [];
  const stale = { portal: 0, check: 0 };
  let sameWorkerAnswers = 0;
  if (!only || only.includes("write")) {
    // Writes: every call flips its customer's choice, so each is a new ledger event.
    for (let round = 0; round < ROUNDS; round++) {
      writes.push(
        await measure(SECONDS, (i) => {
          const who = i % sessions.length;
          states[who] = states[who] === "GIVEN" ? "WITHDRAWN" : "GIVEN";
          return post(
            origin,
            QUERIES.write,
            { purpose: "MARKETING", state: states[who] },
            customer(who),
          );
        }),
      );
    }
  }
  if (!only || only.includes("staleness")) {
    // Staleness: write through one worker, read back at once through another.
    for (let n = 0; n < ROUND_TRIPS; n++) {
      const who = n % sessions.length;
      states[who] = states[who] === "GIVEN" ? "WITHDRAWN" : "GIVEN";
      const written = await post(
        origin,
        QUERIES.write,
        { purpose: "MARKETING", state: states[who] },
        customer(who),
        true,
      );
      const other = async (query, variables, headers) => {
        for (;;) {
          const answer = await post(origin, query, variables, headers, true);
          if (WORKERS === 1 || answer.worker !== written.worker) return answer.data;
          sameWorkerAnswers++;
        }
      };
      const portal = await other(QUERIES.portal, {}, customer(who));
      const marketing = portal.myConsents.find((c) => c.purpose === "MARKETING");
      if (marketing.state !== states[who]) stale.portal++;
      const check = await other(
        QUERIES.check,
        { subject: subjects[who], purpose: "MARKETING" },
        partner,
      );
      if (
        check.consentCheck.state !== states[who] ||
        check.consentCheck.permitted !== (states[who] === "GIVEN")
      )
        stale.check++;
    }
  }

  console.log(
    `\nPRIVET_WORKERS=${WORKERS}, ${IN_FLIGHT} in flight, median of ${ROUNDS} rounds of ${SECONDS} s` +
      " (CPU: milliseconds per request in the API processes, the PostgreSQL backends, this load generator):\n",
  );
  console.log(
    "| read or write | req/s | p50 ms | p99 ms | CPU ms/request API / PostgreSQL / load |",
  );
  console.log("|---|---|---|---|---|");
  const rows = [...Object.entries(runs)];
  if (writes.length > 0) rows.push(["write (setConsent)", writes]);
  for (const [name, list] of rows) {
    const m = (pick) => median(list.map(pick));
    console.log(
      `| ${name} | ${f(m((r) => r.rps))} | ${f(m((r) => r.p50))} | ${f(m((r) => r.p99))} | ` +
        `${f(
          m((r) => r.cpu.api),
          2,
        )} / ${f(
          m((r) => r.cpu.pg),
          2,
        )} / ${f(
          m((r) => r.cpu.load),
          2,
        )} |`,
    );
  }
  if (!only || only.includes("staleness")) {
    console.log(
      `\nstaleness: ${ROUND_TRIPS} writes each read back through another worker: ` +
        `${stale.portal} stale portal reads, ${stale.check} stale partner checks ` +
        `(${sameWorkerAnswers} answers from the writing worker skipped)`,
    );
    if (stale.portal + stale.check > 0) process.exitCode = 1;
  }
} finally {
  for (const started of [api, apiB]) {
    if (!started) continue;
    const exited = new Promise((resolve) => started.child.once("exit", resolve));
    started.child.kill("SIGTERM");
    await exited;
  }
  keepAlive.destroy();
  await scratch.drop();
}
