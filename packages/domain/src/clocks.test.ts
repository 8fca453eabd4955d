/** Legal clocks. Every expected date is worked out by hand on a calendar, not computed. */
import { describe, expect, it } from "vitest";
import {
  breachIndividualNoticeDue,
  CALIFORNIA_AG_THRESHOLD,
  ccpaConfirmBy,
  ccpaDueDate,
  daysLeft,
  daysLeftInWords,
  EEA_COUNTRIES,
  gdprDueDate,
  isoDate,
  JURISDICTIONS,
  jurisdictionForCountry,
  optInRequestAllowedFrom,
  optOutHonourBy,
  privacyRequestDueDate,
  requiresAttorneyGeneralNotice,
} from "./clocks.js";

/** Midnight UTC of an ISO calendar date. */
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("gdprDueDate: one calendar month, month ends clamp", () => {
  it.each([
    ["2026-01-15", "2026-02-15"],
    ["2025-01-31", "2025-02-28"],
    ["2024-01-31", "2024-02-29"], // leap year
    ["2026-03-31", "2026-04-30"],
    ["2025-12-31", "2026-01-31"], // across the year end
    ["2026-02-28", "2026-03-28"],
    ["2024-02-29", "2024-03-29"],
    ["2100-01-31", "2100-02-28"], // divisible by 100, not by 400: not leap
    ["2000-01-31", "2000-02-29"], // divisible by 400: leap
  ])("received %s → due %s", (received, due) => {
    expect(gdprDueDate(d(received))).toEqual(d(due));
  });

  it.each([
    ["2025-10-15", "2026-01-15"],
    ["2025-11-30", "2026-02-28"],
    ["2023-11-30", "2024-02-29"],
    ["2026-01-31", "2026-04-30"], // three months from receipt, not two from Feb 28
    ["2099-11-30", "2100-02-28"],
  ])("extended: received %s → due %s", (received, due) => {
    expect(gdprDueDate(d(received), true)).toEqual(d(due));
  });

  it("uses the UTC calendar day of receipt and returns midnight UTC", () => {
    expect(gdprDueDate(new Date("2026-01-31T23:30:00Z"))).toEqual(d("2026-02-28"));
    expect(gdprDueDate(new Date("2026-01-31T23:30:00-05:00"))).toEqual(d("2026-03-01"));
  });
});

describe("ccpaConfirmBy: 10 business days", () => {
  it.each([
    ["2026-11-20", "2026-12-04"], // Friday
    ["2026-11-21", "2026-12-04"], // Saturday: counting starts Monday
    ["2026-11-22", "2026-12-04"], // Sunday
    ["2026-11-23", "2026-12-07"], // Monday
    ["2025-12-24", "2026-01-07"], // across the year end, no holidays given
  ])("received %s → confirm by %s", (received, due) => {
    expect(ccpaConfirmBy(d(received))).toEqual(d(due));
  });

  it("skips the holidays it is given", () => {
    // Thanksgiving 2026 (Thu 26) and the day after.
    expect(ccpaConfirmBy(d("2026-11-20"), ["2026-11-26", "2026-11-27"])).toEqual(d("2026-12-08"));
    // Christmas Day and New Year's Day.
    expect(ccpaConfirmBy(d("2025-12-24"), ["2025-12-25", "2026-01-01"])).toEqual(d("2026-01-09"));
  });

  it("a holiday on a weekend is not skipped twice", () => {
    expect(ccpaConfirmBy(d("2026-11-20"), ["2026-11-28"])).toEqual(d("2026-12-04"));
  });
});

describe("optOutHonourBy: 15 business days", () => {
  it.each([
    ["2026-11-20", "2026-12-11"], // Friday
    ["2026-11-21", "2026-12-11"], // Saturday
    ["2026-11-23", "2026-12-14"], // Monday
  ])("received %s → honour by %s", (received, due) => {
    expect(optOutHonourBy(d(received))).toEqual(d(due));
  });

  it("skips holidays", () => {
    expect(optOutHonourBy(d("2026-11-20"), ["2026-11-26"])).toEqual(d("2026-12-14"));
  });
});

describe("ccpaDueDate: 45 calendar days, 90 extended", () => {
  it.each([
    ["2025-12-01", "2026-01-15", "2026-03-01"],
    ["2025-11-20", "2026-01-04", "2026-02-18"],
    ["2024-01-20", "2024-03-05", "2024-04-19"], // through Feb 29
    ["2025-01-20", "2025-03-06", "2025-04-20"],
  ])("received %s → due %s, extended %s", (received, due, extended) => {
    expect(ccpaDueDate(d(received))).toEqual(d(due));
    expect(ccpaDueDate(d(received), true)).toEqual(d(extended));
  });
});

describe("optInRequestAllowedFrom: 12 months after the opt-out", () => {
  it.each([
    ["2026-03-15", "2027-03-15"],
    ["2024-02-29", "2025-02-28"],
    ["2023-02-28", "2024-02-28"],
    ["2025-12-31", "2026-12-31"],
  ])("opted out %s → may ask again from %s", (optedOut, allowed) => {
    expect(optInRequestAllowedFrom(d(optedOut))).toEqual(d(allowed));
  });
});

describe("breach notices", () => {
  it.each([
    ["2026-12-15", "2027-01-14"],
    ["2024-02-10", "2024-03-11"],
  ])("discovered %s → notify individuals by %s", (discovered, due) => {
    expect(breachIndividualNoticeDue(d(discovered))).toEqual(d(due));
  });

  it("[P-17] the Attorney General notice is required only above 500 California residents", () => {
    expect(CALIFORNIA_AG_THRESHOLD).toBe(500);
    expect(requiresAttorneyGeneralNotice(0)).toBe(false);
    expect(requiresAttorneyGeneralNotice(499)).toBe(false);
    expect(requiresAttorneyGeneralNotice(500)).toBe(false);
    expect(requiresAttorneyGeneralNotice(501)).toBe(true);
    expect(requiresAttorneyGeneralNotice(10_000)).toBe(true);
  });
});

describe("privacyRequestDueDate", () => {
  it.each([
    ["GDPR", false, "2025-02-28"],
    ["CCPA", false, "2025-03-17"],
    ["OTHER", false, "2025-02-28"], // the stricter GDPR rule
    ["GDPR", true, "2025-04-30"],
    ["CCPA", true, "2025-05-01"],
    ["OTHER", true, "2025-04-30"],
  ] as const)("%s (extended: %s), received 2025-01-31 → %s", (jurisdiction, extended, due) => {
    expect(privacyRequestDueDate(jurisdiction, d("2025-01-31"), extended)).toEqual(d(due));
  });

  it("covers every jurisdiction", () => {
    expect(JURISDICTIONS).toEqual(["GDPR", "CCPA", "OTHER"]);
  });
});

describe("daysLeft: whole calendar days", () => {
  it.each([
    ["2026-02-28", "2026-02-20T23:59:00Z", 8],
    ["2026-02-28", "2026-02-28T00:00:00Z", 0],
    ["2026-02-28", "2026-02-28T23:59:59Z", 0], // still the due day
    ["2026-02-28", "2026-03-01T00:00:00Z", -1],
    ["2026-02-28", "2026-03-02T00:00:01Z", -2], // overdue
    ["2024-03-01", "2024-02-28T12:00:00Z", 2], // leap day in between
    ["2026-01-04", "2025-12-30T08:00:00Z", 5], // across the year end
    ["2026-11-02", "2026-10-20T12:00:00Z", 13], // across a (non-UTC) DST change
  ])("due %s, now %s → %i", (due, now, expected) => {
    expect(daysLeft(d(due), new Date(now))).toBe(expected);
  });
});

describe("daysLeftInWords: a deadline as people say it", () => {
  it.each([
    [3, "3 days left"],
    [1, "1 day left"],
    [0, "due today"],
    [-1, "1 day overdue"],
    [-42, "42 days overdue"],
  ])("%i → %s", (days, words) => {
    expect(daysLeftInWords(days)).toBe(words);
  });
});

describe("jurisdictionForCountry", () => {
  it.each([
    ["FR", undefined, "GDPR"],
    ["de", undefined, "GDPR"], // case-insensitive
    [" IE ", undefined, "GDPR"],
    ["NO", undefined, "GDPR"], // EEA, not EU
    ["IS", undefined, "GDPR"],
    ["LI", undefined, "GDPR"],
    ["GR", undefined, "GDPR"],
    ["EL", undefined, "GDPR"], // the EU's code for Greece
    ["GB", undefined, "GDPR"], // UK GDPR
    ["UK", undefined, "GDPR"],
    ["CH", undefined, "GDPR"], // Swiss FADP
    ["US", undefined, "CCPA"],
    ["US", "CA", "CCPA"],
    ["US", "TX", "CCPA"], // the policy governs under California law
    ["CA", undefined, "OTHER"], // Canada, not California
    ["BR", undefined, "OTHER"],
    ["JP", undefined, "OTHER"],
    ["TR", undefined, "OTHER"],
  ] as const)("%s / %s → %s", (country, region, expected) => {
    expect(jurisdictionForCountry(country, region)).toBe(expected);
  });

  it("lists the 30 EEA states once each", () => {
    expect(EEA_COUNTRIES).toHaveLength(30);
    expect(new Set(EEA_COUNTRIES).size).toBe(30);
    expect(EEA_COUNTRIES).not.toContain("GB");
    expect(EEA_COUNTRIES).not.toContain("CH");
  });
});

describe("isoDate", () => {
  it("formats the UTC calendar date", () => {
    expect(isoDate(new Date("2026-02-28T23:59:59Z"))).toBe("2026-02-28");
  });
});
