/**
 * Legal clocks: the deadlines privacy law sets for requests, opt-outs and breach notices.
 *
 * Every function is pure and works on UTC calendar days: an input instant is reduced to its
 * UTC calendar date, and every result is midnight UTC at the start of the due day. A deadline
 * is met by acting at any time on that day. Working in whole UTC days keeps the arithmetic
 * free of daylight-saving shifts and of the server's time zone.
 */

export const JURISDICTIONS = ["GDPR", "CCPA", "OTHER"] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

const MS_PER_DAY = 86_400_000;

// ── Calendar helpers ────────────────────────────────────────────────────────────────────

/** Midnight UTC of the calendar day `date` falls on (UTC). */
export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** The UTC calendar date as "YYYY-MM-DD". */
export function isoDate(date: Date): string {
  return startOfUtcDay(date).toISOString().slice(0, 10);
}

export function addCalendarDays(date: Date, days: number): Date {
  const day = startOfUtcDay(date);
  // Date.UTC normalises day overflow (Jan 32 → Feb 1) across months and years.
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + days));
}

/**
 * The same day number `months` later; when that month is shorter, its last day
 * (Jan 31 + 1 month → Feb 28, or Feb 29 in a leap year).
 */
export function addMonthsClamped(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  // Day 0 of the following month is the last day of the target month.
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)));
}

function isWeekend(date: Date): boolean {
  const weekday = date.getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * The `days`-th business day after `date` (the day of `date` itself does not count).
 * A business day is Monday to Friday. There is no built-in holiday calendar: which holidays
 * count depends on the business, so callers pass them as ISO dates ("YYYY-MM-DD").
 */
export function addBusinessDays(date: Date, days: number, holidays: readonly string[] = []): Date {
  const skip = new Set(holidays);
  let day = startOfUtcDay(date);
  let counted = 0;
  while (counted < days) {
    day = addCalendarDays(day, 1);
    if (!isWeekend(day) && !skip.has(isoDate(day))) counted++;
  }
  return day;
}

/** Whole calendar days from `now` until `due`: 0 on the due day, negative when overdue. */
export function daysLeft(due: Date, now: Date): number {
  return Math.round((startOfUtcDay(due).getTime() - startOfUtcDay(now).getTime()) / MS_PER_DAY);
}

/**
 * A deadline's days left (as `daysLeft` counts them) in words people read: "3 days left",
 * "1 day left", "due today", "1 day overdue", "42 days overdue" — never "-42 days left".
 */
export function daysLeftInWords(days: number): string {
  if (days === 0) return "due today";
  const count = Math.abs(days);
  const unit = count === 1 ? "day" : "days";
  return days > 0 ? `${count} ${unit} left` : `${count} ${unit} overdue`;
}

// ── GDPR (Art. 12(3)) ───────────────────────────────────────────────────────────────────

/**
 * GDPR: answer within one month of receipt; extendable by two further months, so the
 * extended deadline is three months after receipt (counted from receipt, not from the first
 * deadline: Jan 31 → Apr 30, not Apr 28).
 */
export function gdprDueDate(received: Date, extended = false): Date {
  return addMonthsClamped(received, extended ? 3 : 1);
}

// ── CCPA / CPRA (Cal. Code Regs. tit. 11, §§ 7021, 7026, Civ. Code § 1798.135) ──────────

/** CCPA: confirm receipt of a request to know, delete or correct within 10 business days. */
export function ccpaConfirmBy(received: Date, holidays: readonly string[] = []): Date {
  return addBusinessDays(received, 10, holidays);
}

/** CCPA: respond within 45 calendar days; one extension of 45 more (90 in total). */
export function ccpaDueDate(received: Date, extended = false): Date {
  return addCalendarDays(received, extended ? 90 : 45);
}

/** CCPA: honour an opt-out of sale or sharing no later than 15 business days after receipt. */
export function optOutHonourBy(received: Date, holidays: readonly string[] = []): Date {
  return addBusinessDays(received, 15, holidays);
}

/** CCPA: after an opt-out, wait at least 12 months before asking the person to opt back in. */
export function optInRequestAllowedFrom(optedOutAt: Date): Date {
  return addMonthsClamped(optedOutAt, 12);
}

// ── Breach notification (P-17) ──────────────────────────────────────────────────────────

/**
 * Notice to affected individuals. California requires it "in the most expedient time possible
 * and without unreasonable delay" without a number of days; several states cap it at 30 days,
 * and Privet uses that cap as its ceiling everywhere.
 */
export function breachIndividualNoticeDue(discoveredAt: Date): Date {
  return addCalendarDays(discoveredAt, 30);
}

/** Cal. Civ. Code § 1798.82(f): a sample notice goes to the Attorney General above this. */
export const CALIFORNIA_AG_THRESHOLD = 500;

/** True when more than 500 California residents were notified (exactly 500 is not enough). */
export function requiresAttorneyGeneralNotice(californiaResidentsAffected: number): boolean {
  return californiaResidentsAffected > CALIFORNIA_AG_THRESHOLD;
}

// ── Jurisdiction ────────────────────────────────────────────────────────────────────────

/** EEA member states (the 27 EU states, Iceland, Liechtenstein, Norway), ISO 3166-1 alpha-2. */
// biome-ignore format: a dense table reads better than one code per line
export const EEA_COUNTRIES = [
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
  "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
  "IS", "LI", "NO",
] as const;

/** Outside the EEA but under the GDPR or an equivalent (UK GDPR, Swiss FADP). */
const GDPR_EQUIVALENT_COUNTRIES: readonly string[] = ["GB", "CH"];

/**
 * Which deadline regime applies to a person, from the country recorded at registration.
 * EEA, UK and Switzerland → GDPR. US → CCPA: the policy governs under California law, so every
 * state maps to it; `region` (an ISO 3166-2 subdivision such as "CA") is accepted for callers
 * that record it but does not change the answer today. Anything else → OTHER.
 */
export function jurisdictionForCountry(countryCode: string, _region?: string): Jurisdiction {
  const code = countryCode.trim().toUpperCase();
  // Common non-ISO spellings: "UK" for GB, and the EU's own "EL" for Greece.
  const iso = code === "UK" ? "GB" : code === "EL" ? "GR" : code;
  if ((EEA_COUNTRIES as readonly string[]).includes(iso)) return "GDPR";
  if (GDPR_EQUIVALENT_COUNTRIES.includes(iso)) return "GDPR";
  if (iso === "US") return "CCPA";
  return "OTHER";
}

/**
 * The deadline for a privacy request (access, deletion, correction) under a jurisdiction.
 * OTHER uses the GDPR rule as the stricter default: one month is always shorter than 45 days
 * (extended, three months and 90 days differ by at most two days).
 */
export function privacyRequestDueDate(
  jurisdiction: Jurisdiction,
  received: Date,
  extended = false,
): Date {
  switch (jurisdiction) {
    case "CCPA":
      return ccpaDueDate(received, extended);
    case "GDPR":
    case "OTHER":
      return gdprDueDate(received, extended);
  }
}
