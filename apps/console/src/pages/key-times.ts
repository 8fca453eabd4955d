/**
 * A partner key's times in words, as staff read them in the processor registry: when it was
 * last used ("3 minutes ago", "never"), and until when it works.
 */
import { formatDateTime } from "@privet/ui/format";

const RELATIVE = new Intl.RelativeTimeFormat("en", { numeric: "always" });

const STEPS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "just now", "3 minutes ago", "2 days ago"; "never" for a key never used. */
export function lastUsedInWords(iso: string | null, now: Date = new Date()): string {
  if (!iso) return "never";
  const seconds = Math.max(0, (now.getTime() - new Date(iso).getTime()) / 1000);
  for (const [unit, size] of STEPS) {
    if (seconds >= size) return RELATIVE.format(-Math.floor(seconds / size), unit);
  }
  return "just now";
}

/** Until when a key works, in words: "no expiry", "expires 7 Dec 2026, 12:00", "expired …". */
export function expiryInWords(iso: string | null, now: Date = new Date()): string {
  if (!iso) return "no expiry";
  return new Date(iso) <= now ? `expired ${formatDateTime(iso)}` : `expires ${formatDateTime(iso)}`;
}

/** The purposes agreed by a processor's agreements in force at `now`. */
export function purposesInForce<P extends string>(
  agreements: ReadonlyArray<{
    readonly purposes: readonly P[];
    readonly validFrom: string;
    readonly validUntil: string;
    readonly terminatedAt: string | null;
  }>,
  now: Date = new Date(),
): P[] {
  const inForce = agreements.filter(
    (a) => !a.terminatedAt && new Date(a.validFrom) <= now && now < new Date(a.validUntil),
  );
  return [...new Set(inForce.flatMap((a) => a.purposes))];
}
