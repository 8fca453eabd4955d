import { existsSync } from "node:fs";
import { join } from "node:path";
import { paths } from "./paths.js";
import { parseMultiHostUrl } from "./pg/multi-host.js";

/**
 * Where the data lives: a PostgreSQL server when DATABASE_URL is set, otherwise the embedded
 * PGlite database in a local folder (PRIVET_DATA_DIR, default .privet-data/pglite), or in
 * memory when that folder is "memory://".
 */
export type DatabaseConfig =
  | { readonly kind: "postgres"; readonly url: string }
  | { readonly kind: "pglite"; readonly dataDir: string };

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(
        "DATABASE_URL must be a postgresql:// URL (unset it for the embedded database)",
      );
    }
    return { kind: "postgres", url };
  }
  return { kind: "pglite", dataDir: env.PRIVET_DATA_DIR?.trim() || paths.defaultDataDir };
}

/** A description of the target that is safe to print: never the password in a URL. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === "pglite") return `embedded PGlite (${config.dataDir})`;
  const multi = parseMultiHostUrl(config.url);
  if (multi) {
    const hosts = multi.hosts.map(({ host, port }) => `${host}:${port}`).join(",");
    return `PostgreSQL ${hosts}/${multi.config.database ?? ""} (the primary among them)`;
  }
  const url = new URL(config.url);
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

/**
 * Whether opening this database will create it: an embedded database in memory, or in a
 * folder PGlite has not initialised yet (no PG_VERSION). Read before opening, so that work
 * for a first start (the demo password's hash) can run while PGlite creates the database.
 */
export function isNewEmbeddedDatabase(config: DatabaseConfig): boolean {
  if (config.kind !== "pglite") return false;
  return config.dataDir === "memory://" || !existsSync(join(config.dataDir, "PG_VERSION"));
}
