/**
 * The audit writer: how the API writes a request's access records before the response
 * leaves. It sends the same INSERT as recordAccessEvents, but through a driver adapter
 * connection of its own rather than the Prisma client: an audit write then neither waits
 * behind the request's queries for a pooled connection nor pays the ORM's per-statement work
 * (about half of the write's CPU time for a 500-field record, measured in bench/RESULTS.md).
 *
 * Group commit: one INSERT is in flight at a time; the records of every request that asks to
 * write while it runs wait and then go together in the next INSERT. A reader's records form
 * one hash chain whose head the database locks until the statement commits, so concurrent
 * requests of one reader used to queue behind each other's lock and commit (WAL flush) one by
 * one; grouped, they pay one head lock, one trigger pass over the subjects, one commit. A
 * lone request is sent at once (no timer, no added wait). Each caller's promise settles only
 * when the statement carrying its records has committed, so no response leaves before its
 * records are durable; if that statement fails, nothing in it is written (one statement) and
 * every caller in the group gets the same error.
 */
import type {
  ArgType,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { type AccessRecordInput, accessRecordInsert } from "./record-access-events.js";

export interface AuditWriter {
  /**
   * Writes the records, durably, in one statement (possibly shared with other callers'
   * records); resolves to the number of events once they are committed.
   */
  write(records: readonly AccessRecordInput[]): Promise<number>;
  /**
   * Whether the writer can write now (the API's /ready): connects if it has not yet, and asks
   * its connection for `SELECT 1`. Rejects once closed, or when the connection fails.
   */
  check(): Promise<void>;
  close(): Promise<void>;
}

export interface AuditWriterOptions {
  readonly onQuery?: (sql: string) => void;
  /**
   * At most this many records in one INSERT (13 parameters each, far below PostgreSQL's
   * 65,535); more waiting are sent in the next. Default 200.
   */
  readonly maxRecordsPerStatement?: number;
}

const TEXT: ArgType = { scalarType: "string", arity: "scalar" };
const TEXT_LIST: ArgType = { scalarType: "string", arity: "list" };

/** One caller's records waiting for the statement that will carry them. */
interface Waiting {
  readonly records: readonly AccessRecordInput[];
  readonly events: number;
  readonly resolve: (events: number) => void;
  readonly reject: (error: unknown) => void;
}

export function createAuditWriter(
  factory: SqlDriverAdapterFactory,
  options: AuditWriterOptions = {},
): AuditWriter {
  const maxRecords = options.maxRecordsPerStatement ?? 200;
  // Connected on first use: tools that open the database and never audit pay nothing.
  let adapter: Promise<SqlDriverAdapter> | undefined;
  let queue: Waiting[] = [];
  /** Whether the loop that sends the queue is running; set and cleared synchronously. */
  let running = false;
  /** That loop, for close() to wait on. */
  let flushing: Promise<void> = Promise.resolve();
  let closed = false;

  function connection(): Promise<SqlDriverAdapter> {
    // A failed connection attempt fails this group only: the next group tries again.
    adapter ??= factory.connect().catch((error: unknown) => {
      adapter = undefined;
      throw error;
    });
    return adapter;
  }

  async function send(records: readonly AccessRecordInput[]): Promise<void> {
    const { sql, args } = accessRecordInsert(records);
    const open = await connection();
    options.onQuery?.(sql);
    await open.executeRaw({
      sql,
      args,
      argTypes: args.map((arg) => (Array.isArray(arg) ? TEXT_LIST : TEXT)),
    });
  }

  /** The callers whose records fit in one statement, in arrival order (the chain's order). */
  function takeGroup(): Waiting[] {
    let count = 0;
    let taken = 0;
    for (const waiting of queue) {
      if (taken > 0 && count + waiting.records.length > maxRecords) break;
      count += waiting.records.length;
      taken++;
    }
    const group = queue.slice(0, taken);
    queue = queue.slice(taken);
    return group;
  }

  async function flush(): Promise<void> {
    try {
      while (queue.length > 0) {
        const group = takeGroup();
        try {
          await send(group.flatMap((waiting) => waiting.records));
        } catch (error) {
          for (const waiting of group) waiting.reject(error);
          continue;
        }
        for (const waiting of group) waiting.resolve(waiting.events);
      }
    } finally {
      // Cleared in the same tick as the empty queue was seen: a write that comes after it
      // starts a new loop, never waits on one that has ended.
      running = false;
    }
  }

  return {
    write(records) {
      const nonEmpty = records.filter((record) => record.reads.length > 0);
      if (nonEmpty.length === 0) return Promise.resolve(0);
      const events = nonEmpty.reduce((sum, record) => sum + record.reads.length, 0);
      const written = new Promise<number>((resolve, reject) => {
        queue.push({ records: nonEmpty, events, resolve, reject });
      });
      // The first writer sends at once; later ones ride on the loop already running.
      if (!running) {
        running = true;
        flushing = flush();
      }
      return written;
    },
    async check() {
      if (closed) throw new Error("the audit writer is closed");
      await (await connection()).queryRaw({ sql: "SELECT 1", args: [], argTypes: [] });
    },
    async close() {
      closed = true;
      await flushing;
      const connection = await adapter?.catch(() => undefined);
      adapter = undefined;
      await connection?.dispose();
    },
  };
}
