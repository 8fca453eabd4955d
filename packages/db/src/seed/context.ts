/**
 * What every part of the seed shares: the demo constants, the fixed clock, the running counts
 * of rows created, and the one password hash all demo accounts use.
 */
import { hashPassword } from "../auth/password.js";
import type { PrismaClient } from "../generated/prisma/client.js";

/** The one password of every demo account, staff and customers alike. */
export const DEMO_PASSWORD = "privet-demo";

/** The demo customer a newcomer signs in as (password DEMO_PASSWORD). */
export const DEMO_CUSTOMER_EMAIL = "demo.customer@example.com";

/** How many customers the demo dataset holds, the demo customer included. */
export const DEMO_CUSTOMER_COUNT = 200;

/**
 * The dataset's "now". Every seeded date is fixed and at or before this instant, so the content
 * is the same whenever the seed runs (Date.now() is never consulted).
 */
export const SEED_NOW = new Date("2026-11-20T12:00:00.000Z");

export const SEEDED_TABLES = [
  "staffUsers",
  "policyVersions",
  "processors",
  "processorAgreements",
  "customers",
  "paymentMethods",
  "customerHeldRecords",
  "newsletterSubscribers",
  "consentEvents",
  "sessions",
  "visitors",
  "navigationEvents",
  "legalRequests",
  "legalRequestSubjects",
  "breakGlassGrants",
  "accessEvents",
  "breachIncidents",
  "privacyRequests",
  "supportRequests",
] as const;
export type SeededTable = (typeof SEEDED_TABLES)[number];

/** Rows per table. */
export type SeedCounts = Record<SeededTable, number>;

export function zeroCounts(): SeedCounts {
  return Object.fromEntries(SEEDED_TABLES.map((table) => [table, 0])) as SeedCounts;
}

export interface SeedContext {
  readonly prisma: PrismaClient;
  readonly log: (line: string) => void;
  /** Rows created in this run, by table. */
  readonly created: SeedCounts;
  /** The scrypt hash of DEMO_PASSWORD, computed once (scrypt is deliberately slow). */
  passwordHash(): Promise<string>;
}

/**
 * Starts hashing DEMO_PASSWORD (scrypt at the production cost, ~0.5 s in libuv's thread pool).
 * The API calls this before opening a new database, so the hash is made while PGlite creates
 * it, and hands the promise to seedDemoData.
 */
export function hashDemoPassword(): Promise<string> {
  return hashPassword(DEMO_PASSWORD);
}

/**
 * `passwordHash`: a hash of DEMO_PASSWORD already under way, if the caller started one. Every
 * demo account, staff and customers, gets this one hash (one salt): acceptable for demo
 * accounts that share one published password anyway, and it saves a deliberately slow scrypt
 * per account.
 */
export function createContext(
  prisma: PrismaClient,
  log: (line: string) => void,
  passwordHash?: Promise<string>,
): SeedContext {
  let hash: Promise<string> | undefined = passwordHash;
  return {
    prisma,
    log,
    created: zeroCounts(),
    passwordHash() {
      hash ??= hashDemoPassword();
      return hash;
    },
  };
}

/** Splits a list into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
