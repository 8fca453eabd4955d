/**
 * The API's settings: every environment variable it reads, read once at start, checked, and
 * typed. A wrong value stops the process with a message that names the variable and what it
 * accepts — a limit that silently became NaN, or a proxy setting that trusted every client's
 * X-Forwarded-For, is worse than not starting. Messages quote the value given, except for
 * values that may be secret (PRIVET_SECRET, PRIVET_SIGNING_KEY, PRIVET_RECEIPT_SIGNING_KEY, SMTP_URL,
 * DATABASE_URL), which
 * are never printed.
 *
 * Two diagnostics are read where they act, not here, so that tests can switch them while the
 * process runs: PRIVET_LOG=silent (the logger) and PRIVET_DEBUG=1 (stack traces of start-up
 * failures). Their values are still checked here.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import {
  CheckpointKeyError,
  type CheckpointSigner,
  loadCheckpointSigner,
  RECEIPT_KEY_FILE,
} from "@privet/db/checkpoints";
import { type DatabaseConfig, databaseConfigFromEnv } from "@privet/db/client";
import {
  PASSWORD_HASHING,
  type ScryptParameters,
  THROWAWAY_PASSWORD_HASHING,
} from "@privet/db/passwords";

/**
 * Which proxies in front of the API may tell it the client's address (X-Forwarded-For):
 * a number of hops (0: none, the connection's address is the client's; 1: the address the one
 * proxy in front saw), or the proxies' own addresses and CIDR ranges. Never "everyone": then a
 * client would choose its own address, for rate limits and session records alike.
 */
export type TrustProxy = number | readonly string[];

/**
 * The keys every API process of one deployment must share: a process with another one would
 * make hashes, cookies, links, pseudonyms, sealed secrets and signatures the others cannot
 * check or read. server/deployment-keys.ts compares them on start with fingerprints the
 * deployment's first process recorded in the database.
 */
export const DEPLOYMENT_KEYS = [
  "PRIVET_SECRET",
  "PRIVET_SIGNING_KEY",
  "PRIVET_RECEIPT_SIGNING_KEY",
] as const;
export type DeploymentKeyName = (typeof DEPLOYMENT_KEYS)[number];

export interface AttemptLimits {
  /**
   * Failed sign-ins per IP address per 15 minutes (PRIVET_ATTEMPTS_PER_IP); also anonymous
   * support questions and newsletter sign-ups per IP, each counted on its own.
   */
  readonly perIp: number;
  /** Registrations per IP address per 15 minutes (PRIVET_REGISTRATIONS_PER_IP). */
  readonly registrationsPerIp: number;
  /**
   * Failed sign-ins an account takes from clients without its device cookie before each
   * further attempt must wait a doubling delay (PRIVET_FAILURES_BEFORE_DELAY).
   */
  readonly failuresBeforeDelay: number;
  /**
   * Failed sign-ins one device cookie may make per 15 minutes before the cookie itself is
   * locked out (PRIVET_DEVICE_FAILURES).
   */
  readonly perDevice: number;
}

export interface ApiConfig {
  readonly port: number;
  readonly host: string;
  /** NODE_ENV=production: Secure cookies, no introspection, PRIVET_SECRET required. */
  readonly production: boolean;
  /**
   * PRIVET_SIGNING_KEY: the Ed25519 key (PKCS#8 PEM) that signs the hash chains' checkpoints;
   * without it, a key file made on first start beside the embedded database
   * (checkpoint-key.pem). Never stored in the database: a superuser there cannot forge a
   * checkpoint. Its public half is served at /.well-known/privet-checkpoint-key.
   */
  readonly checkpointSigner: CheckpointSigner;
  /**
   * PRIVET_RECEIPT_SIGNING_KEY: the Ed25519 key (PKCS#8 PEM) that signs consent receipts (a
   * compact JWS, EdDSA); without it, receipt-key.pem made on first start beside the checkpoint
   * key. Its public half is served at /.well-known/jwks.json: set it in production, and keep
   * it, or receipts already handed out no longer verify against the served key.
   */
  readonly receiptSigner: CheckpointSigner;
  /**
   * PRIVET_KEY_ROTATION: the deployment keys (comma-separated names of DEPLOYMENT_KEYS) this
   * process may record anew when they differ from the fingerprints in the database: a
   * deliberate rotation, set on one process for one start. Empty: a key that differs stops the
   * start (server/deployment-keys.ts).
   */
  readonly keyRotation: readonly DeploymentKeyName[];
  /** NODE_ENV=development: stack traces of unexpected errors in responses. */
  readonly development: boolean;
  /**
   * PRIVET_SECRET: the key for keyed hashes (IP addresses in the ledger and audit log, attempt
   * counters), unsubscribe tokens and device cookies.
   */
  readonly hashKey: string;
  readonly database: DatabaseConfig;
  /** Load the demo data into an empty database on start (the embedded default does). */
  readonly seedDemoData: boolean;
  readonly trustProxy: TrustProxy;
  /** Origins allowed to call the API from a browser (the portal and console). */
  readonly corsOrigins: readonly string[];
  /**
   * PRIVET_EMBED_ORIGINS: the company's other sites that may load the embeddable cookie banner
   * (apps/embed) and record its choices through /embed/consents — without cookies, by the
   * visitor id the banner keeps. Empty by default: no site may.
   */
  readonly embedOrigins: readonly string[];
  /**
   * PRIVET_WEBHOOK_PRIVATE_ADDRESSES (refuse | allow): whether webhooks may go to loopback,
   * private and link-local addresses (modules/webhooks/webhook-destination.ts). Refused in
   * production by default, where such a URL would reach inside the company's network.
   */
  readonly webhookPrivateAddresses: "refuse" | "allow";
  readonly attemptLimits: AttemptLimits;
  /**
   * SMTP_URL (e.g. smtp://user:pass@mail.example.com:587): where the outbox is delivered.
   * Unset, mail stays in the outbox. May hold a password: never printed.
   */
  readonly smtpUrl?: string | null;
  /** PRIVET_PORTAL_URL: the portal's address, for links in emails (no trailing slash). */
  readonly portalUrl: string;
  /** PRIVET_API_URL: the API's public address, for one-click unsubscribe links. */
  readonly apiUrl: string;
  /** PRIVET_CONSOLE_URL: the console's address, for staff invitations and password resets. */
  readonly consoleUrl: string;
  /**
   * PRIVET_STAFF_IDLE_MINUTES: a staff session unused this long ends (a working day by
   * default), whatever its absolute lifetime left.
   */
  readonly staffIdleMs: number;
  /** PRIVET_MAIL_FROM: the sender of every email. */
  readonly mailFrom: string;
  /**
   * PRIVET_CONTACT_EMAIL: the address the policy tells people to write to (P-19), shown on the
   * portal's contact page. Keep it the address the policy in force names.
   */
  readonly contactEmail: string;
  /**
   * The scrypt parameters new password hashes are made with: OWASP's (PASSWORD_HASHING).
   * PRIVET_FAST_PASSWORD_HASHING=1 gives cheap ones to a database that lives only in memory
   * (the browser suite registers hundreds of customers); tests pass them directly.
   */
  readonly passwordHashing: ScryptParameters;
  /**
   * PRIVET_SERVE_FRONT_ENDS=1 (production mode, `npm run start:production`): the API process
   * also serves the built portal and console, each on its own port (PRIVET_PORTAL_PORT,
   * PRIVET_CONSOLE_PORT), with their /graphql handled in-process (server/front-ends.ts).
   * Absent: the front ends are served elsewhere (`npm start` runs `vite preview`).
   */
  readonly frontEnds?: { readonly portalPort: number; readonly consolePort: number };
  /**
   * PRIVET_WORKERS: how many API processes serve the port (node:cluster; server/cluster.ts).
   * One per core on PostgreSQL by default; always 1 on the embedded database, whose folder (or
   * memory) belongs to one process.
   */
  readonly workers: number;
}

/** Every problem with the settings, one line each; the process prints them and stops. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      problems.length === 1
        ? (problems[0] ?? "")
        : `${problems.length} settings are wrong:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "ConfigError";
  }
}

export const DEFAULTS = {
  port: 4000,
  host: "127.0.0.1",
  corsOrigins: ["http://localhost:5173", "http://localhost:5174"],
  portalUrl: "http://localhost:5173",
  consoleUrl: "http://localhost:5174",
  /** A working day: 8 hours. */
  staffIdleMinutes: 480,
  apiUrl: "http://localhost:4000",
  mailFrom: "Privet <no-reply@privet.localhost>",
  contactEmail: "privacy@privet.example",
  attemptLimits: { perIp: 50, registrationsPerIp: 20, failuresBeforeDelay: 5, perDevice: 10 },
} as const;

const MAX_PROXY_HOPS = 10;
const PROXY_NAMES = ["loopback", "linklocal", "uniquelocal"];
const SECRET_MIN_LENGTH = 32;
const MAX_WORKERS = 64;

/** A value as it may be quoted in a message: short, with control characters escaped. */
function quoted(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const problems: string[] = [];
  /** A variable's value, trimmed; unset and empty are the same (not set). */
  const read = (name: string): string | undefined => env[name]?.trim() || undefined;

  const wholeNumber = (name: string, min: number, max: number, fallback: number): number => {
    const value = read(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got ${quoted(value)})`);
      return fallback;
    }
    return Number(value);
  };

  const oneOf = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const value = read(name);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      problems.push(`${name} must be ${orList(allowed)} (got ${quoted(value)})`);
      return undefined;
    }
    return value as T;
  };

  const httpUrl = (name: string, fallback: string): string => {
    const value = read(name);
    if (value === undefined) return fallback;
    const url = parseUrl(value);
    if (!url || !/^https?:$/.test(url.protocol) || url.username || url.search || url.hash) {
      problems.push(
        `${name} must be an http:// or https:// address such as https://privacy.example.com (got ${quoted(value)})`,
      );
      return fallback;
    }
    return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
  };

  const nodeEnv = oneOf("NODE_ENV", ["production", "development", "test"]);
  const production = nodeEnv === "production";

  let database: DatabaseConfig = { kind: "pglite", dataDir: "memory://" };
  try {
    database = databaseConfigFromEnv(env);
  } catch (error) {
    // databaseConfigFromEnv's messages name the variable and never quote the URL.
    problems.push((error as Error).message);
  }

  const port = wholeNumber("PORT", 0, 65535, DEFAULTS.port);

  const host = read("HOST") ?? DEFAULTS.host;
  if (!/^[A-Za-z0-9.:_-]+$/.test(host)) {
    problems.push(
      `HOST must be an IP address or host name to listen on, such as 127.0.0.1 or 0.0.0.0 (got ${quoted(host)})`,
    );
  }

  const secret = read("PRIVET_SECRET");
  if (secret !== undefined && secret.length < SECRET_MIN_LENGTH) {
    problems.push(
      `PRIVET_SECRET must be at least ${SECRET_MIN_LENGTH} characters, e.g. from \`openssl rand -hex 32\` (the value given is not printed)`,
    );
  } else if (secret === undefined && production) {
    problems.push(
      `PRIVET_SECRET must be set in production: at least ${SECRET_MIN_LENGTH} random characters, e.g. from \`openssl rand -hex 32\``,
    );
  }

  let checkpointSigner: CheckpointSigner | null = null;
  try {
    checkpointSigner = loadCheckpointSigner(database, read("PRIVET_SIGNING_KEY"));
  } catch (error) {
    if (!(error instanceof CheckpointKeyError)) throw error;
    problems.push(
      "PRIVET_SIGNING_KEY must be an Ed25519 private key in PKCS#8 PEM, e.g. from `openssl genpkey -algorithm ed25519` (the value given is not printed)",
    );
  }

  let receiptSigner: CheckpointSigner | null = null;
  try {
    receiptSigner = loadCheckpointSigner(
      database,
      read("PRIVET_RECEIPT_SIGNING_KEY"),
      RECEIPT_KEY_FILE,
    );
  } catch (error) {
    if (!(error instanceof CheckpointKeyError)) throw error;
    problems.push(
      "PRIVET_RECEIPT_SIGNING_KEY must be an Ed25519 private key in PKCS#8 PEM, e.g. from `openssl genpkey -algorithm ed25519` (the value given is not printed)",
    );
  }

  const keyRotation = parseKeyRotation(read("PRIVET_KEY_ROTATION"), problems);

  const seedDemo = oneOf("PRIVET_SEED_DEMO", ["0", "1"]);
  const trustProxy = parseTrustProxy(read("PRIVET_TRUST_PROXY"), problems);
  const corsOrigins = parseOrigins("PRIVET_CORS_ORIGINS", env, DEFAULTS.corsOrigins, problems);
  const embedOrigins = parseOrigins("PRIVET_EMBED_ORIGINS", env, [], problems);
  const webhookPrivateAddresses =
    oneOf("PRIVET_WEBHOOK_PRIVATE_ADDRESSES", ["refuse", "allow"]) ??
    (production ? "refuse" : "allow");

  const attemptLimits: AttemptLimits = {
    perIp: wholeNumber("PRIVET_ATTEMPTS_PER_IP", 1, 10_000, DEFAULTS.attemptLimits.perIp),
    registrationsPerIp: wholeNumber(
      "PRIVET_REGISTRATIONS_PER_IP",
      1,
      10_000,
      DEFAULTS.attemptLimits.registrationsPerIp,
    ),
    failuresBeforeDelay: wholeNumber(
      "PRIVET_FAILURES_BEFORE_DELAY",
      1,
      100,
      DEFAULTS.attemptLimits.failuresBeforeDelay,
    ),
    perDevice: wholeNumber("PRIVET_DEVICE_FAILURES", 1, 1000, DEFAULTS.attemptLimits.perDevice),
  };

  const smtpUrl = read("SMTP_URL") ?? null;
  if (smtpUrl !== null && !/^smtps?:$/.test(parseUrl(smtpUrl)?.protocol ?? "")) {
    problems.push(
      "SMTP_URL must be an smtp:// or smtps:// URL such as smtp://user:password@mail.example.com:587 (the value given is not printed: it may hold a password)",
    );
  }

  const mailFrom = read("PRIVET_MAIL_FROM") ?? DEFAULTS.mailFrom;
  if (
    !/^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/.test(
      mailFrom,
    )
  ) {
    problems.push(
      `PRIVET_MAIL_FROM must be an email address, alone or as Name <address> (got ${quoted(mailFrom)})`,
    );
  }

  const contactEmail = read("PRIVET_CONTACT_EMAIL") ?? DEFAULTS.contactEmail;
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(contactEmail)) {
    problems.push(`PRIVET_CONTACT_EMAIL must be an email address (got ${quoted(contactEmail)})`);
  }

  const portalUrl = httpUrl("PRIVET_PORTAL_URL", DEFAULTS.portalUrl);
  const apiUrl = httpUrl("PRIVET_API_URL", DEFAULTS.apiUrl);
  const consoleUrl = httpUrl("PRIVET_CONSOLE_URL", DEFAULTS.consoleUrl);
  const staffIdleMinutes = wholeNumber(
    "PRIVET_STAFF_IDLE_MINUTES",
    5,
    7 * 24 * 60,
    DEFAULTS.staffIdleMinutes,
  );
  const fastHashing = oneOf("PRIVET_FAST_PASSWORD_HASHING", ["0", "1"]) === "1";
  const throwaway = database.kind === "pglite" && database.dataDir === "memory://";
  if (fastHashing && (production || !throwaway)) {
    problems.push(
      "PRIVET_FAST_PASSWORD_HASHING=1 is accepted only with PRIVET_DATA_DIR=memory:// outside production: its cheap hashes are for a database that dies with the process (tests)",
    );
  }
  const workers = wholeNumber(
    "PRIVET_WORKERS",
    1,
    MAX_WORKERS,
    database.kind === "postgres" ? Math.min(availableParallelism(), MAX_WORKERS) : 1,
  );
  if (database.kind === "pglite" && workers > 1) {
    problems.push(
      `PRIVET_WORKERS must be 1 (or unset) on the embedded database: one process owns its folder; set DATABASE_URL to run several workers (got ${quoted(read("PRIVET_WORKERS") ?? "")})`,
    );
  }
  const serveFrontEnds = oneOf("PRIVET_SERVE_FRONT_ENDS", ["0", "1"]) === "1";
  const frontEnds = serveFrontEnds
    ? {
        portalPort: wholeNumber("PRIVET_PORTAL_PORT", 0, 65535, 5173),
        consolePort: wholeNumber("PRIVET_CONSOLE_PORT", 0, 65535, 5174),
      }
    : undefined;
  oneOf("PRIVET_LOG", ["silent"]);
  oneOf("PRIVET_DEBUG", ["0", "1"]);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host,
    production,
    development: nodeEnv === "development",
    hashKey: secret ?? developmentSecret(database),
    checkpointSigner: checkpointSigner as CheckpointSigner,
    receiptSigner: receiptSigner as CheckpointSigner,
    keyRotation,
    database,
    seedDemoData: seedDemo ? seedDemo === "1" : database.kind === "pglite",
    trustProxy,
    corsOrigins,
    embedOrigins,
    webhookPrivateAddresses,
    attemptLimits,
    smtpUrl,
    portalUrl,
    apiUrl,
    consoleUrl,
    staffIdleMs: staffIdleMinutes * 60_000,
    mailFrom,
    contactEmail,
    passwordHashing: fastHashing ? THROWAWAY_PASSWORD_HASHING : PASSWORD_HASHING,
    workers,
    ...(frontEnds ? { frontEnds } : {}),
  };
}

function orList(values: readonly string[]): string {
  return values.length === 1
    ? `${values[0]} or unset`
    : `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * PRIVET_TRUST_PROXY: unset or 0 for none; a hop count (1 = one proxy in front: the client is
 * the address that proxy appended to X-Forwarded-For, whatever the client wrote before it); or
 * the proxies' addresses and CIDR ranges (Express's loopback, linklocal and uniquelocal too).
 * "true", "all" and /0 ranges would let any client choose its address, and are refused.
 */
function parseTrustProxy(value: string | undefined, problems: string[]): TrustProxy {
  if (value === undefined) return 0;
  const accepts = `the number of proxies in front of the API (0 to ${MAX_PROXY_HOPS}) or a comma-separated list of their addresses or CIDR ranges, such as 1 or 10.0.0.0/8,loopback; trusting every X-Forwarded-For is not an option`;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops <= MAX_PROXY_HOPS) return hops;
    problems.push(`PRIVET_TRUST_PROXY must be ${accepts} (got ${quoted(value)})`);
    return 0;
  }
  const entries = value.split(",").map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isProxyAddress(entry));
  if (entries.length === 0 || bad.length > 0) {
    problems.push(`PRIVET_TRUST_PROXY must be ${accepts} (got ${quoted(value)})`);
    return 0;
  }
  return entries;
}

/** PRIVET_KEY_ROTATION: unset for none, or key names separated by commas. */
function parseKeyRotation(value: string | undefined, problems: string[]): DeploymentKeyName[] {
  if (value === undefined) return [];
  const names = value
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const known = (name: string): name is DeploymentKeyName =>
    (DEPLOYMENT_KEYS as readonly string[]).includes(name);
  if (names.length === 0 || !names.every(known)) {
    problems.push(
      `PRIVET_KEY_ROTATION must name one or more of ${DEPLOYMENT_KEYS.join(", ")}, separated by commas: the keys to record anew (got ${quoted(value)})`,
    );
    return [];
  }
  return DEPLOYMENT_KEYS.filter((name) => names.includes(name));
}

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  // A /0 range is every address: the same as trusting everyone.
  return (
    /^\d+$/.test(prefix) && Number(prefix) >= 1 && Number(prefix) <= (version === 4 ? 32 : 128)
  );
}

function parseOrigins(
  name: "PRIVET_CORS_ORIGINS" | "PRIVET_EMBED_ORIGINS",
  env: NodeJS.ProcessEnv,
  fallback: readonly string[],
  problems: string[],
): string[] {
  const value = env[name];
  if (value === undefined) return [...fallback];
  const origins = value
    .split(",")
    .map((origin) => origin.trim().replace(/\/$/, ""))
    .filter(Boolean);
  for (const origin of origins) {
    const url = parseUrl(origin);
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin) {
      problems.push(
        `${name} must be a comma-separated list of origins (scheme, host and port, no path) such as https://portal.example.com (got ${quoted(origin)})`,
      );
    }
  }
  return origins;
}

/**
 * Outside production a secret is made on first start and kept beside the embedded database, so
 * `npm start` needs no set-up; production must set PRIVET_SECRET (checked above).
 */
function developmentSecret(database: DatabaseConfig): string {
  if (database.kind === "pglite" && database.dataDir === "memory://") {
    return randomBytes(32).toString("hex");
  }
  const folder =
    database.kind === "pglite" ? dirname(database.dataDir.replace(/\/$/, "")) : ".privet-data";
  const file = join(folder, "secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(folder, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
