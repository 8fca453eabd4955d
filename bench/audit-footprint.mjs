// The figures docs/scaling.md's arithmetic rests on, measured on one PostgreSQL database:
//   1. statements per request for the main operations (every statement the API sends for it,
//      the audit writer's included: an in-process server on a counting Prisma client, with no
//      SQL reader, so the reader's hand-written statements are counted as the same statements);
//   2. bytes on disk per audited field read: pg_total_relation_size (heap, TOAST, indexes) of
//      AccessRecord + AccessRecordSubject + AccessChainHead before and after a known number of
//      reads, for the two shapes of record — a partner list page (100 subjects × 5 fields, 500
//      reads per record) and a partner consentCheck (1 read per record);
//   3. bytes on disk per consent write (ConsentEvent, ConsentCurrent, ConsentChainHead,
//      WebhookEvent).
// Serial requests on one connection: nothing here is a speed figure.
//
//   node bench/audit-footprint.mjs   (PRIVET_BENCH_POSTGRES_URL, PRIVET_BENCH_DB_PREFIX,
//                                     PRIVET_BENCH_QUICK=1: a tenth of the requests)
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { startServer } from "@privet/api/server";
import { createAuditWriter } from "@privet/db/audit";
import { openDatabase, PrismaClient } from "@privet/db/client";
import { seedDemoData } from "@privet/db/seed";
import { benchApiConfig, createScratchDatabase } from "./support.mjs";

const QUICK = process.env.PRIVET_BENCH_QUICK === "1";
const CUSTOMERS = 200;
const COUNTED = QUICK ? 5 : 20;
const LIST_PAGES = QUICK ? 20 : 200;
const CHECKS = QUICK ? 200 : 2000;
const WRITES = QUICK ? 100 : 1000;

const FIELDS = "name email country pseudonymousId cardLast4";
const QUERIES = {
  banner: `query CookieBanner { cookieConsents { category description enabled required lockedByGpc state } privacySignals { gpc gpcHonoured } }`,
  portal: `query MyConsents { myConsents { purpose state permitted description legalBasis source updatedAt policyVersion } cookieConsents { category enabled required lockedByGpc state } }`,
  check: `query ConsentCheck($subject: ID!, $purpose: Purpose!) { consentCheck(subject: $subject, purpose: $purpose) { permitted state reason } }`,
  write: `mutation SetConsent($purpose: ConsentPurpose!, $state: ConsentState!) { setConsent(purpose: $purpose, state: $state) { purpose state } }`,
  list: `query Page($first: Int!, $after: String) @purpose(name: CROSS_BORDER_CONSOLIDATION, ref: "BENCH") { partnerSubjects(first: $first, after: $after) { edges { node { ${FIELDS} } } pageInfo { endCursor hasNextPage } } }`,
  ids: `query Ids @purpose(name: CROSS_BORDER_CONSOLIDATION, ref: "BENCH") { partnerSubjects(first: 200) { nodes { id } } }`,
};

async function post(url, query, variables, headers) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "apollo-require-preflight": "1", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const json = await response.json();
  if (json.errors?.length) throw new Error(JSON.stringify(json.errors).slice(0, 300));
  return json.data;
}

/** Sessions for the seeded customers, visitors with cookies, a partner reading 5 categories. */
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
      name: "Bench Storage",
      kind: "CLOUD_STORAGE",
      region: "EU",
      country: "DE",
      description: "benchmark",
    },
  });
  await prisma.processorAgreement.create({
    data: {
      processorId: processor.id,
      reference: "DPA-BENCH",
      purposes: ["CROSS_BORDER_CONSOLIDATION", "MARKETING"],
      categories: [
        "user.name",
        "user.contact.email",
        "user.contact.country",
        "user.financial.card.last4",
        "user.device.cookie_id",
      ],
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

// A partitioned table (the audit log and its subject index, by month) holds no rows itself:
// its size is its partitions' (pg_partition_tree lists a plain table alone, so both kinds work).
async function sizeOf(prisma, tables) {
  const [row] = await prisma.$queryRawUnsafe(
    `SELECT (${tables
      .map(
        (t) =>
          `(SELECT COALESCE(sum(pg_total_relation_size(relid)), 0) FROM pg_partition_tree('"${t}"'))`,
      )
      .join(" + ")})::bigint AS bytes`,
  );
  return Number(row.bytes);
}

async function countOf(prisma, table) {
  const [row] = await prisma.$queryRawUnsafe(`SELECT count(*)::bigint AS n FROM "${table}"`);
  return Number(row.n);
}

const AUDIT_TABLES = ["AccessRecord", "AccessRecordSubject", "AccessChainHead"];
const LEDGER_TABLES = ["ConsentEvent", "ConsentCurrent", "ConsentChainHead", "WebhookEvent"];

const scratch = await createScratchDatabase("footprint");
let server;
let audit;
let counting;
let db;
try {
  db = await openDatabase({ kind: "postgres", url: scratch.url });
  await seedDemoData(db.prisma, { customerCount: CUSTOMERS });
  const { sessions, visitors, apiKey } = await prepare(db.prisma);

  let statements = 0;
  counting = new PrismaClient({
    adapter: db.adapterFactory,
    log: [{ emit: "event", level: "query" }],
  });
  counting.$on("query", () => {
    statements++;
  });
  audit = createAuditWriter(db.adapterFactory, {
    onQuery: () => {
      statements++;
    },
  });
  const config = benchApiConfig({ kind: "postgres", url: scratch.url });
  server = await startServer({ prisma: counting, audit, config });
  const url = server.url;
  const customer = (i) => ({ cookie: `privet_session=${sessions[i % sessions.length]}` });
  const visitor = (i) => ({ cookie: `privet_visitor=${visitors[i % visitors.length]}` });
  const partner = { authorization: `Bearer ${apiKey}` };
  const subjects = (await post(url, QUERIES.ids, {}, partner)).partnerSubjects.nodes.map(
    (n) => n.id,
  );
  // Each customer starts with a MARKETING choice, so the reads find a row.
  for (let i = 0; i < sessions.length; i++) {
    await post(url, QUERIES.write, { purpose: "MARKETING", state: "GIVEN" }, customer(i));
  }

  const marketing = sessions.map(() => "GIVEN");
  // 1. Statements per request.
  const operations = {
    "banner (visitor's cookie choices)": (i) => post(url, QUERIES.banner, {}, visitor(i)),
    "portal consents (customer)": (i) => post(url, QUERIES.portal, {}, customer(i)),
    "partner consentCheck (audited)": (i) =>
      post(
        url,
        QUERIES.check,
        { subject: subjects[i % subjects.length], purpose: "MARKETING" },
        partner,
      ),
    "setConsent (ledger append)": (i) => {
      // Always the other state than the customer's current one: every call appends an event.
      const c = i % sessions.length;
      marketing[c] = marketing[c] === "GIVEN" ? "WITHDRAWN" : "GIVEN";
      return post(url, QUERIES.write, { purpose: "MARKETING", state: marketing[c] }, customer(c));
    },
    "partner list, 100 subjects × 5 fields (audited)": () =>
      post(url, QUERIES.list, { first: 100 }, partner),
  };
  console.log("| operation | statements per request |\n|---|---|");
  for (const [name, run] of Object.entries(operations)) {
    for (let i = 0; i < 3; i++) await run(1000 + i); // warm: first use of a key, a plan
    const before = statements;
    for (let i = 0; i < COUNTED; i++) await run(i);
    console.log(`| ${name} | ${((statements - before) / COUNTED).toFixed(2)} |`);
  }

  // 2. Audit bytes per field read.
  console.log(
    "\n| audited reads | records | field reads | bytes on disk | bytes per field read | bytes per record |\n|---|---|---|---|---|---|",
  );
  const auditShape = async (label, requests, readsPerRequest, run) => {
    const records = await countOf(db.prisma, "AccessRecord");
    const before = await sizeOf(db.prisma, AUDIT_TABLES);
    for (let i = 0; i < requests; i++) await run(i);
    const added = (await countOf(db.prisma, "AccessRecord")) - records;
    const bytes = (await sizeOf(db.prisma, AUDIT_TABLES)) - before;
    const reads = requests * readsPerRequest;
    console.log(
      `| ${label} | ${added} | ${reads} | ${bytes} | ${(bytes / reads).toFixed(1)} | ${(bytes / added).toFixed(0)} |`,
    );
  };
  let cursor = null;
  await auditShape("partner list pages, 100 subjects × 5 fields", LIST_PAGES, 500, async () => {
    const page = await post(url, QUERIES.list, { first: 100, after: cursor }, partner);
    cursor = page.partnerSubjects.pageInfo.hasNextPage
      ? page.partnerSubjects.pageInfo.endCursor
      : null;
  });
  await auditShape("partner consentCheck, 1 field", CHECKS, 1, (i) =>
    operations["partner consentCheck (audited)"](i),
  );

  // 3. Ledger bytes per consent write.
  const events = await countOf(db.prisma, "ConsentEvent");
  const ledgerBefore = await sizeOf(db.prisma, LEDGER_TABLES);
  for (let i = 0; i < WRITES; i++) await operations["setConsent (ledger append)"](i);
  const written = (await countOf(db.prisma, "ConsentEvent")) - events;
  const ledgerBytes = (await sizeOf(db.prisma, LEDGER_TABLES)) - ledgerBefore;
  console.log(
    `\n| consent writes | events | bytes on disk (${LEDGER_TABLES.join(", ")}) | bytes per write |\n|---|---|---|---|\n| setConsent over ${CUSTOMERS} customers | ${written} | ${ledgerBytes} | ${(ledgerBytes / written).toFixed(0)} |`,
  );
} finally {
  await server?.close();
  await audit?.close();
  await counting?.$disconnect();
  await db?.close();
  await scratch.drop();
}
