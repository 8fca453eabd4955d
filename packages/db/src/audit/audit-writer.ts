/**
 * The audit writer: how the API writes a request's access records before the response
 * leaves. It sends the same single INSERT as recordAccessEvents, but through a driver
 * adapter connection of its own rather than the Prisma client: an audit write then neither
 * waits behind the request's queries for a pooled connection nor pays the ORM's
 * per-statement work (about half of the write's CPU time for a 500-field record, measured
 * in bench/RESULTS.md). One statement, so all of a request's records are written or none.
 */
import type {
  ArgType,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { type AccessRecordInput, accessRecordInsert } from "./record-access-events.js";

export interface AuditWriter {
  /** Writes the records, durably, in one statement; resolves to the number of events. */
  write(records: readonly AccessRecordInput[]): Promise<number>;
  close(): Promise<void>;
}

const TEXT: ArgType = { scalarType: "string", arity: "scalar" };
const TEXT_LIST: ArgType = { scalarType: "string", arity: "list" };

export function createAuditWriter(
  factory: SqlDriverAdapterFactory,
  options: { onQuery?: (sql: string) => void } = {},
): AuditWriter {
  // Connected on first use: tools that open the database and never audit pay nothing.
  let adapter: Promise<SqlDriverAdapter> | undefined;
  return {
    async write(records) {
      const nonEmpty = records.filter((record) => record.reads.length > 0);
      if (nonEmpty.length === 0) return 0;
      const { sql, args } = accessRecordInsert(nonEmpty);
      adapter ??= factory.connect();
      const connection = await adapter;
      options.onQuery?.(sql);
      await connection.executeRaw({
        sql,
        args,
        argTypes: args.map((arg) => (Array.isArray(arg) ? TEXT_LIST : TEXT)),
      });
      return nonEmpty.reduce((events, record) => events + record.reads.length, 0);
    },
    async close() {
      const connection = await adapter;
      adapter = undefined;
      await connection?.dispose();
    },
  };
}
