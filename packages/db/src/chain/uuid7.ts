import { randomUUID } from "node:crypto";

/**
 * A UUID version 7 (time-ordered), the same kind Prisma's `@default(uuid(7))` makes, for rows
 * inserted with raw SQL where the client's default does not apply. Built on randomUUID (which
 * draws from a cached entropy pool: an audit batch makes hundreds of these per request).
 */
export function uuid7(now = Date.now()): string {
  const random = randomUUID().replace(/-/g, "");
  const time = now.toString(16).padStart(12, "0").slice(-12);
  // Version 7 in the 13th digit; randomUUID's variant bits (10xx) already sit in the 17th.
  const hex = `${time}7${random.slice(13)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
