/**
 * Prisma's schema engine as WebAssembly (@prisma/schema-engine-wasm), so migrations can be
 * made without the native engine binary that `prisma migrate` downloads. The engine works
 * through a driver adapter; we give it PGlite in memory for both its main and its shadow
 * database, so making a migration needs no database server and leaves nothing behind.
 *
 * The package is a devDependency: it is imported lazily here, so code that only applies
 * migrations (the API at start-up) never loads it.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { MigrationError } from "./errors.js";
import { sendingScriptsWhole } from "./session.js";

export type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";

type Runtime = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

let lastPanic: string | undefined;
let runtime: Promise<Runtime> | undefined;

/**
 * Loads and starts the WASM once per process. Importing the package root fails on Node 20
 * (it imports a `.wasm` file as a module), so we import the JS glue and instantiate the
 * binary ourselves, with the glue as its import object.
 */
function loadRuntime(): Promise<Runtime> {
  runtime ??= (async () => {
    // The WASM reports a Rust panic through this global before it aborts; it must exist first.
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
      set_message(message: string) {
        lastPanic = message;
      },
    };
    const glue: Runtime = await import("@prisma/schema-engine-wasm/schema_engine_bg").catch(
      (error: unknown) => {
        throw new MigrationError(
          "Making or checking migrations needs @prisma/schema-engine-wasm, a devDependency of " +
            `@privet/db: run npm install in a development checkout. (${String(error)})`,
          { cause: error },
        );
      },
    );
    const require = createRequire(import.meta.url);
    const wasmPath = join(
      dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
      "schema_engine_bg.wasm",
    );
    const { instance } = await wasmApi().instantiate(await readFile(wasmPath), {
      "./schema_engine_bg.js": glue,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  // A failed load should be retried by the next caller, not cached.
  runtime.catch(() => {
    runtime = undefined;
  });
  return runtime;
}

/** The bit of the WebAssembly API we use (this package's TypeScript libs do not declare it). */
interface WasmApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const wasmApi = () => (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/**
 * A fresh empty PGlite. Most of PGlite's start-up is initdb (1–2 s), so the first one is
 * dumped right after start and later ones (the shadow database of the next diff, the next
 * test…) start from that dump in a few hundred milliseconds.
 */
let template: Promise<Blob> | undefined;
async function freshPGlite(): Promise<PGlite> {
  const dump = template && (await template.catch(() => undefined));
  const pglite = dump ? new PGlite({ loadDataDir: dump }) : new PGlite();
  await pglite.waitReady;
  if (!dump) template = pglite.dumpDataDir("none");
  return pglite;
}

/**
 * A driver-adapter factory over throw-away in-memory PGlite databases. It remembers every
 * PGlite it opens: neither `engine.free()` nor the PGlite adapter's `dispose()` closes them.
 */
function inMemoryPGliteFactory(): {
  factory: SqlMigrationAwareDriverAdapterFactory;
  closeAll: () => Promise<void>;
} {
  const opened: Promise<PGlite>[] = [];
  const open = async (): Promise<SqlDriverAdapter> => {
    const pglite = freshPGlite();
    opened.push(pglite);
    return new PrismaPGlite(await pglite).connect();
  };
  return {
    factory: {
      provider: "postgres",
      adapterName: "pglite-prisma-adapter",
      // The engine opens its main database even for a diff (it asks for the version).
      connect: open,
      connectToShadowDb: open,
    },
    closeAll: async () => {
      const all = await Promise.allSettled(opened.splice(0));
      await Promise.allSettled(
        all.map((result) => (result.status === "fulfilled" ? result.value.close() : undefined)),
      );
    },
  };
}

/**
 * Runs `fn` with a fresh schema engine over in-memory PGlite, then frees the engine and
 * closes every database it opened. Errors come out with their real cause.
 */
export async function withSchemaEngine<T>(
  schema: { path: string; content: string },
  fn: (engine: SchemaEngine) => Promise<T>,
  options: {
    /**
     * The databases to work on instead of in-memory PGlite (e.g. to run the engine's own
     * `applyMigrations` against a real database). The adapters the engine opens from it are
     * disposed at the end; the factory itself stays the caller's.
     */
    factory?: SqlMigrationAwareDriverAdapterFactory;
  } = {},
): Promise<T> {
  const glue = await loadRuntime();
  const databases = options.factory
    ? { factory: options.factory, closeAll: async () => {} }
    : inMemoryPGliteFactory();
  const { factory, disposeAll } = forTheEngine(databases.factory);
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  let engine: SchemaEngine | undefined;
  try {
    lastPanic = undefined;
    engine = await glue.SchemaEngine.new(
      { datamodels: [[schema.path, schema.content]] },
      // The engine's own log lines (JSON); only useful when debugging.
      (line: string) => {
        if (process.env.PRIVET_DEBUG === "1") console.error(`[schema-engine] ${line}`);
      },
      bound,
    );
    return await fn(engine);
  } catch (error) {
    throw explainEngineError(error, bound.errorRegistry);
  } finally {
    engine?.free();
    await disposeAll();
    await databases.closeAll();
  }
}

/**
 * The factory as the engine gets it:
 * - each adapter's `executeScript` sends the script whole and awaits it
 *   (`sendingScriptsWhole`): through the adapters' own, a function body or a comment with a
 *   ";" breaks on adapter-pg, and a script that fails on PGlite (say, on the shadow database)
 *   becomes an unhandled rejection that kills the process instead of an engine error;
 * - the adapters it opens are remembered and disposed at the end, which the engine does not
 *   do. On PostgreSQL that matters: the engine holds Prisma's advisory lock on a pooled
 *   connection until the connection closes.
 */
function forTheEngine(inner: SqlMigrationAwareDriverAdapterFactory): {
  factory: SqlMigrationAwareDriverAdapterFactory;
  disposeAll: () => Promise<void>;
} {
  const opened: SqlDriverAdapter[] = [];
  const track = async (adapter: Promise<SqlDriverAdapter>) => {
    const ready = await adapter;
    opened.push(ready);
    return sendingScriptsWhole(ready);
  };
  return {
    factory: {
      provider: inner.provider,
      adapterName: inner.adapterName,
      connect: () => track(inner.connect()),
      connectToShadowDb: () => track(inner.connectToShadowDb()),
    },
    disposeAll: async () => {
      await Promise.allSettled(opened.splice(0).map((adapter) => adapter.dispose()));
    },
  };
}

/**
 * The engine's errors, made readable: it reports failures of the adapter as "External error
 * id#N" while the error itself waits in the bound factory's registry; a panic leaves its
 * message in PRISMA_WASM_PANIC_REGISTRY; and a Rust backtrace follows the message. These are
 * errors for the person making a migration (mostly: a migration that does not replay on the
 * shadow database), so they become MigrationErrors; the original stays as `cause`.
 */
function explainEngineError(
  error: unknown,
  registry: { consumeError(id: number): { error: unknown } | undefined },
): Error {
  if (error instanceof MigrationError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const message = raw
    // The backtrace: "   0: schema_engine_wasm::…" and its "at …" lines.
    .replace(/\n\s+\d+: [\s\S]*$/, "")
    .replace(/External error id#(\d+)/g, (whole, id: string) => {
      const record = registry.consumeError(Number(id));
      return record ? errorText(record.error) : whole;
    })
    .replace(/\s+\n/g, "\n")
    .trim();
  const panic = lastPanic ? `\nThe schema engine panicked: ${lastPanic}` : "";
  return new MigrationError(`Prisma schema engine: ${message}${panic}`, { cause: error });
}

function errorText(error: unknown): string {
  if (error && typeof error === "object") {
    const { message, cause } = error as { message?: unknown; cause?: unknown };
    const original = (cause as { originalMessage?: unknown } | undefined)?.originalMessage;
    if (typeof original === "string") return original;
    if (typeof message === "string" && message) return message;
    if (cause) return JSON.stringify(cause);
  }
  return String(error);
}
