/**
 * Whether an error means "the database cannot be reached just now" — a failover under way, a
 * primary that died, a server restarting — rather than a fault in the request or the code. The
 * API answers these with a retryable DATABASE_UNAVAILABLE (503) instead of a 500: the same
 * request sent again a few seconds later reaches the new primary.
 *
 * Errors arrive in several wrappings (node-postgres's own, Prisma's driver-adapter error with
 * the original in `cause`, Prisma's request errors with it in `meta.driverAdapterError`), so
 * the chain is walked and each link is judged by its code, kind or message.
 */

/** SQLSTATEs of a connection that broke or a server that cannot take writes now. */
const SQLSTATES = new Set([
  "57P01", // admin_shutdown: the server was stopped under the connection
  "57P02", // crash_shutdown: another backend crashed; the server restarts
  "57P03", // cannot_connect_now: the server is starting or shutting down
  "25006", // read_only_sql_transaction: a write reached a node that is now a standby
]);

/** Socket errors, our own NoPrimaryError, and Prisma's codes for an unreachable server. */
const CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "DATABASE_UNAVAILABLE",
  "P1001", // can't reach database server
  "P1002", // database server timed out
  "P1017", // server has closed the connection
]);

/** The driver adapter's kinds for the same (@prisma/adapter-pg, convertDriverError). */
const KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);

/** node-postgres's messages when a connection ends under a query or cannot be opened. */
const MESSAGES =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|No PostgreSQL primary|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|cannot execute \w+ in a read-only transaction/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const link = pending.pop();
    if (link === null || typeof link !== "object" || seen.has(link)) continue;
    seen.add(link);
    const { code, kind, originalCode, message, cause, meta, originalError } = link as Record<
      string,
      unknown
    >;
    for (const value of [code, originalCode]) {
      if (typeof value !== "string") continue;
      if (CODES.has(value) || SQLSTATES.has(value) || value.startsWith("08")) return true;
    }
    if (typeof kind === "string" && KINDS.has(kind)) return true;
    if (typeof message === "string" && MESSAGES.test(message)) return true;
    pending.push(
      cause,
      originalError,
      (meta as { driverAdapterError?: unknown })?.driverAdapterError,
    );
  }
  return false;
}
