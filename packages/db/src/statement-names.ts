/**
 * Names for the SQL reader's prepared statements on PostgreSQL. node-postgres prepares a
 * named statement once per connection and afterwards sends only its name and parameters, so
 * PostgreSQL skips parsing and analysing it, and after a few runs reuses a generic plan.
 *
 * Only the reader's statements are named: they are a small fixed set of hand-written texts.
 * The Prisma client's and the audit writer's statements vary (one text per number of rows),
 * and each name would hold a prepared statement on every pooled connection.
 *
 * A name is the text's SHA-256, so two texts never share one (node-postgres refuses a name
 * reused for a different text); the map spares hashing a text already named.
 */
import { createHash } from "node:crypto";
import type { SqlQuery } from "@prisma/driver-adapter-utils";

const names = new Map<string, string>();
/** A safety bound: past it, names are computed each time rather than kept. */
const MAX_KEPT = 1_000;

export function preparedStatementName(query: Pick<SqlQuery, "sql">): string {
  const known = names.get(query.sql);
  if (known !== undefined) return known;
  const name = `privet_${createHash("sha256").update(query.sql).digest("hex").slice(0, 32)}`;
  if (names.size < MAX_KEPT) names.set(query.sql, name);
  return name;
}
