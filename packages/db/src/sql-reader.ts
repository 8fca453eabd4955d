/**
 * The read path's hand-written SQL, sent through a driver adapter connection of its own (as
 * the audit writer's inserts are) rather than through the Prisma client. Prisma stays the one
 * data model — the schema, the migrations, every write and nearly every read — but on the
 * hottest reads its per-statement work (the query compiler's planning, its WASM, argument and
 * result re-mapping) cost more CPU than the statement itself (bench/RESULTS.md, "The read path").
 * Each statement sent here is one the caller has written and checked by hand; its result
 * columns should be cast to text or integers in SQL, so the values are the same whichever
 * reader runs it (the Prisma-backed one below turns dates and uuids into other types).
 */
import type {
  ArgType,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { PrismaClient } from "./generated/prisma/client.js";

/** A statement's parameter: text, a whole number, a boolean, null, or a list of texts. */
export type SqlArg = string | number | boolean | null | readonly string[];

export interface SqlReader {
  /** Runs one statement ($1, $2… for `args`) and returns its rows keyed by column name. */
  query<Row extends Record<string, unknown>>(sql: string, args: readonly SqlArg[]): Promise<Row[]>;
  close(): Promise<void>;
}

function argType(arg: SqlArg): ArgType {
  if (Array.isArray(arg)) return { scalarType: "string", arity: "list" };
  if (typeof arg === "number")
    return { scalarType: Number.isInteger(arg) ? "int" : "float", arity: "scalar" };
  if (typeof arg === "boolean") return { scalarType: "boolean", arity: "scalar" };
  return { scalarType: "string", arity: "scalar" };
}

/** A reader on its own adapter connection, made on first use; `onQuery` sees every statement. */
export function createSqlReader(
  factory: SqlDriverAdapterFactory,
  options: { onQuery?: (sql: string) => void } = {},
): SqlReader {
  let adapter: Promise<SqlDriverAdapter> | undefined;
  return {
    async query<Row extends Record<string, unknown>>(sql: string, args: readonly SqlArg[]) {
      adapter ??= factory.connect();
      const connection = await adapter;
      options.onQuery?.(sql);
      const result = await connection.queryRaw({
        sql,
        args: args as unknown[],
        argTypes: args.map(argType),
      });
      const { columnNames, rows } = result;
      const width = columnNames.length;
      const objects = new Array<Row>(rows.length);
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r] as unknown[];
        const object: Record<string, unknown> = {};
        for (let c = 0; c < width; c++) object[columnNames[c] as string] = row[c];
        objects[r] = object as Row;
      }
      return objects;
    },
    async close() {
      const connection = await adapter;
      adapter = undefined;
      await connection?.dispose();
    },
  };
}

/**
 * A reader over a Prisma client's `$queryRawUnsafe`: for servers started on a client alone
 * (tests that count the client's statements). Same statements, same rows for text columns.
 */
export function prismaSqlReader(prisma: PrismaClient): SqlReader {
  return {
    query: (sql, args) => prisma.$queryRawUnsafe(sql, ...args),
    close: async () => {},
  };
}
