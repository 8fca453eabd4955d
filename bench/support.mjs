// What the benchmarks share: a scratch PostgreSQL database of their own, and the API's
// settings for a server started in-process. The settings are built in one place so that a new
// required setting breaks every benchmark's start the same way, here, rather than one at a time.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { generateSigningKeyPem, signerFromPrivateKey } from "@privet/db/checkpoints";
import pg from "pg";

export const ADMIN_URL =
  process.env.PRIVET_BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function admin(sql) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A new empty database `<prefix><label>_<random>`; `drop()` removes it. The prefix
 * (PRIVET_BENCH_DB_PREFIX, default `privet_bench_`) lets runs sharing one server tell their
 * scratch databases apart.
 */
export async function createScratchDatabase(label) {
  const prefix = process.env.PRIVET_BENCH_DB_PREFIX ?? "privet_bench_";
  const name = `${prefix}${label}_${randomBytes(4).toString("hex")}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** The API's settings (apps/api/src/config.ts, ApiConfig) for a benchmark's own server. */
export function benchApiConfig(database, overrides = {}) {
  return {
    port: 0,
    host: "127.0.0.1",
    production: false,
    development: false,
    hashKey: randomBytes(32).toString("hex"),
    database,
    seedDemoData: false,
    trustProxy: 0,
    corsOrigins: [],
    attemptLimits: { perIp: 1000, registrationsPerIp: 1000, failuresBeforeDelay: 5, perDevice: 10 },
    smtpUrl: null,
    portalUrl: "http://localhost:5173",
    apiUrl: "http://localhost:4000",
    consoleUrl: "http://localhost:5174",
    staffIdleMs: 8 * 60 * 60 * 1000,
    mailFrom: "Privet <no-reply@privet.localhost>",
    passwordHashing: { N: 2 ** 17, r: 8, p: 1 },
    workers: 1,
    checkpointSigner: signerFromPrivateKey(generateSigningKeyPem()),
    receiptSigner: signerFromPrivateKey(generateSigningKeyPem()),
    ...overrides,
  };
}

/**
 * CPU time (user + system, ms) a PostgreSQL backend on this machine has used so far, from
 * /proc: the server's share of a statement, which the client's wall time mixes with the wire.
 */
export function backendCpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
