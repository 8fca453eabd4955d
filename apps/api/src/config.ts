/**
 * The API's settings, read once from the environment. Nothing here is printed except through
 * describe(), which leaves secrets out.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type DatabaseConfig, databaseConfigFromEnv } from "@privet/db/client";

export interface ApiConfig {
  readonly port: number;
  readonly host: string;
  readonly production: boolean;
  /** Key for the keyed hashes in the ledger and audit log (IP addresses). */
  readonly hashKey: string;
  readonly database: DatabaseConfig;
  /** Load the demo data into an empty database on start (the embedded default does). */
  readonly seedDemoData: boolean;
  /** Trust X-Forwarded-For from a proxy in front of the API. */
  readonly trustProxy: boolean;
  /** Origins allowed to call the API from a browser (the portal and console). */
  readonly corsOrigins: readonly string[];
  /** Sign-in and registration attempts allowed per 15 minutes. */
  readonly attemptLimits: { readonly perAccount: number; readonly perIp: number };
  /**
   * SMTP_URL (e.g. smtp://user:pass@mail.example.com:587): where the outbox is delivered.
   * Unset, mail stays in the outbox. May hold a password: never printed.
   */
  readonly smtpUrl?: string | null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const production = env.NODE_ENV === "production";
  const database = databaseConfigFromEnv(env);
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error("PORT must be a port number");
  return {
    port,
    host: env.HOST ?? "127.0.0.1",
    production,
    hashKey: env.PRIVET_SECRET?.trim() || developmentSecret(database, production),
    database,
    seedDemoData: env.PRIVET_SEED_DEMO ? env.PRIVET_SEED_DEMO === "1" : database.kind === "pglite",
    trustProxy: env.PRIVET_TRUST_PROXY === "1",
    corsOrigins: (env.PRIVET_CORS_ORIGINS ?? "http://localhost:5173,http://localhost:5174")
      .split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
    attemptLimits: { perAccount: 10, perIp: Number(env.PRIVET_ATTEMPTS_PER_IP ?? 50) },
    smtpUrl: env.SMTP_URL?.trim() || null,
  };
}

/**
 * Outside production a secret is made on first start and kept beside the embedded database, so
 * `npm start` needs no set-up; production must set PRIVET_SECRET.
 */
function developmentSecret(database: DatabaseConfig, production: boolean): string {
  if (production)
    throw new Error("PRIVET_SECRET must be set in production (32+ random characters)");
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
