/**
 * One database session for the migration runner, taken from a Prisma driver adapter.
 *
 * Why not just the adapter's own methods: both adapters we ship have an `executeScript` that
 * cannot run migrations safely (checked with @prisma/adapter-pg 7.10.0 and
 * pglite-prisma-adapter 0.7.2):
 * - @prisma/adapter-pg splits the script on every ";" and sends the pieces one by one, to any
 *   connection of its pool. A function or trigger body (`$$ … ; … $$`) breaks, and a failing
 *   migration is left half applied.
 * - pglite-prisma-adapter does not await PGlite's `exec`: the promise resolves before the SQL
 *   ran, and an error surfaces as an unhandled rejection instead of failing the migration.
 * So for those two adapters we go to the driver underneath (`underlyingDriver()` gives
 * adapter-pg's pool; the PGlite adapter keeps its PGlite as `client`) and send each script
 * whole over the simple-query protocol, as Prisma's schema engine does: PostgreSQL then runs
 * it in one implicit transaction, so a failing migration changes nothing. On PostgreSQL we
 * also pin one pooled connection, because an advisory lock belongs to the session that took
 * it. Any other adapter falls back to its public API (see `adapterSession`).
 */
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { describeError, MigrationError } from "./errors.js";

export type Row = Record<string, unknown>;

export interface MigrationSession {
  /** How SQL reaches the database; tests and logs use it. */
  readonly via: "pg" | "pglite" | "adapter";
  /** One statement with $1… parameters; rows as objects. */
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** A whole migration script (any number of statements). */
  executeScript(script: string): Promise<void>;
  /**
   * Runs `fn` while holding a lock that other sessions on the same database respect. `onWait`
   * is called once if the lock is busy.
   */
  withLock<T>(options: LockOptions, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface LockOptions {
  readonly timeoutMs: number;
  readonly onWait?: () => void;
}

/**
 * The key of Prisma's own migration lock (`SELECT pg_advisory_lock(72707369)` in its schema
 * engine): using the same one keeps our runner and a real `prisma migrate deploy` from
 * migrating the same database at the same time. Advisory locks are per database.
 */
export const PRISMA_ADVISORY_LOCK_KEY = 72707369;
const LOCK_POLL_MS = 200;

interface PgClientLike {
  query(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  release(error?: Error | boolean): void;
}
interface PgPoolLike {
  connect(): Promise<PgClientLike>;
}
interface PGliteLike {
  query(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  exec(sql: string): Promise<unknown>;
}

export async function openMigrationSession(adapter: SqlDriverAdapter): Promise<MigrationSession> {
  const pool = pgPoolOf(adapter);
  if (pool) return pgSession(await pool.connect());
  const pglite = pgliteOf(adapter);
  if (pglite) return pgliteSession(pglite);
  return adapterSession(adapter);
}

function pgPoolOf(adapter: SqlDriverAdapter): PgPoolLike | undefined {
  if (adapter.adapterName !== "@prisma/adapter-pg") return undefined;
  const driver = (adapter as { underlyingDriver?: () => unknown }).underlyingDriver?.();
  return driver && typeof (driver as PgPoolLike).connect === "function"
    ? (driver as PgPoolLike)
    : undefined;
}

function pgliteOf(adapter: SqlDriverAdapter): PGliteLike | undefined {
  if (adapter.adapterName !== "pglite-prisma-adapter") return undefined;
  const client = (adapter as { client?: Partial<PGliteLike> }).client;
  return client && typeof client.exec === "function" && typeof client.query === "function"
    ? (client as PGliteLike)
    : undefined;
}

function pgSession(client: PgClientLike): MigrationSession {
  let broken: Error | undefined;
  const run = async (sql: string, params?: readonly unknown[]) => {
    try {
      return (await client.query(sql, params ? [...params] : undefined)).rows;
    } catch (error) {
      // A dropped connection must not go back to the pool; an error the server reported
      // (it has a severity) leaves the connection usable.
      if (!(error as { severity?: unknown }).severity) broken = error as Error;
      throw error;
    }
  };
  return {
    via: "pg",
    query: run,
    // No parameters: node-postgres uses the simple-query protocol, so the whole script goes
    // in one message and runs as one implicit transaction.
    executeScript: async (script) => void (await run(script)),
    async withLock(options, fn) {
      await pollForLock(
        async () =>
          (await run("SELECT pg_try_advisory_lock($1) AS locked", [PRISMA_ADVISORY_LOCK_KEY]))[0]
            ?.locked === true,
        options,
      );
      try {
        return await fn();
      } finally {
        // If the connection died the lock died with it; otherwise give it back now. Should
        // that fail, the connection is destroyed instead of pooled, which also frees the lock.
        if (!broken) {
          await run("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]).catch(
            (error: unknown) => {
              broken = error as Error;
            },
          );
        }
      }
    },
    async close() {
      client.release(broken ?? false);
    },
  };
}

/** Runs queued on one PGlite instance, in call order (see `withLock` below). */
const pgliteQueues = new WeakMap<object, Promise<unknown>>();

function pgliteSession(pglite: PGliteLike): MigrationSession {
  return {
    via: "pglite",
    query: async (sql, params) => (await pglite.query(sql, params ? [...params] : [])).rows,
    executeScript: async (script) => void (await pglite.exec(script)),
    // PGlite serves one process (its folder is locked to it, see lock/data-dir-lock.ts): no
    // other process can race us. Two runs in this process on the same instance would interleave their queries
    // and both apply the same migration, so they take turns instead.
    withLock: (_options, fn) => {
      const turn = (pgliteQueues.get(pglite) ?? Promise.resolve()).then(fn);
      pgliteQueues.set(
        pglite,
        turn.catch(() => {}),
      );
      return turn;
    },
    // The PGlite instance belongs to whoever opened the adapter factory: not ours to close.
    close: async () => {},
  };
}

/**
 * Any other adapter: its public API, so its `executeScript` and its caveats, and no lock (a
 * session-level lock needs one pinned connection, which the API does not promise, and holding
 * a transaction open instead would deadlock an adapter with a single connection). The runner
 * warns when it ends up here.
 */
function adapterSession(adapter: SqlDriverAdapter): MigrationSession {
  return {
    via: "adapter",
    async query(sql, params = []) {
      const result = await adapter.queryRaw({
        sql,
        args: [...params],
        argTypes: params.map((value) => ({
          scalarType: typeof value === "number" ? "int" : "string",
          arity: "scalar",
        })),
      });
      return result.rows.map((values) =>
        Object.fromEntries(result.columnNames.map((column, i) => [column, values[i]])),
      );
    },
    executeScript: (script) => adapter.executeScript(script),
    withLock: (_options, fn) => fn(),
    close: async () => {},
  };
}

/**
 * The same adapter, except that `executeScript` sends each script whole and waits for it
 * (through a migration session, as above). Given to Prisma's WASM schema engine, this makes
 * it run scripts the way its native build does, on either adapter.
 */
export function sendingScriptsWhole(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return Object.assign(Object.create(adapter) as SqlDriverAdapter, {
    async executeScript(script: string) {
      const session = await openMigrationSession(adapter);
      try {
        await session.executeScript(script);
      } finally {
        await session.close();
      }
    },
  });
}

/**
 * Polls a try-lock rather than blocking in `pg_advisory_lock`, so the wait has a limit and
 * the person watching is told why nothing happens.
 */
async function pollForLock(tryLock: () => Promise<boolean>, options: LockOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let told = false;
  for (;;) {
    let locked: boolean;
    try {
      locked = await tryLock();
    } catch (error) {
      throw new Error(`Could not take the migration lock: ${describeError(error)}`, {
        cause: error,
      });
    }
    if (locked) return;
    if (Date.now() >= deadline) {
      throw new MigrationError(
        `Timed out after ${options.timeoutMs} ms waiting for the migration lock ` +
          `(pg_advisory_lock(${PRISMA_ADVISORY_LOCK_KEY})): another process is applying ` +
          "migrations to this database, or a session still holds the lock.",
      );
    }
    if (!told) {
      told = true;
      options.onWait?.();
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}
