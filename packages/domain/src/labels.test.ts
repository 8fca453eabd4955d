import { describe, expect, it } from "vitest";
import { CONSENT_SOURCES, CONSENT_STATES, COOKIE_CATEGORIES } from "./consent.js";
import { DENY_REASONS, denyReasonInBrief, explainDenyReason, isDenyReason } from "./decide.js";
import {
  BREAK_GLASS_REASON_LABELS,
  breakGlassReasonLabel,
  CONSENT_SOURCE_LABELS,
  CONSENT_SOURCE_STAFF_LABELS,
  CONSENT_STATE_LABELS,
  COOKIE_CATEGORY_LABELS,
  consentSourceLabel,
  consentSourceLabelForStaff,
  consentStateLabel,
  cookieCategoryLabel,
  humanize,
  inWords,
  PROCESSOR_KIND_LABELS,
  PURPOSE_LABELS,
  processorKindLabel,
  purposeLabel,
  roleLabel,
  STAFF_ROLE_LABELS,
} from "./labels.js";
import { BREAK_GLASS_REASONS, PROCESSOR_KINDS, STAFF_ROLES } from "./principals.js";
import { PURPOSES } from "./purposes.js";

describe("humanize and inWords: a constant in words", () => {
  it("turns a constant into a label, and into words for the middle of a sentence", () => {
    expect(humanize("MARKETING")).toBe("Marketing");
    expect(humanize("CROSS_BORDER_CONSOLIDATION")).toBe("Cross border consolidation");
    expect(inWords("CROSS_BORDER_CONSOLIDATION")).toBe("cross border consolidation");
    expect(inWords("Support agent")).toBe("support agent");
    expect(humanize("")).toBe("");
  });
});

describe("labels for the domain's constants", () => {
  it("has words for every purpose, role, consent state and source, cookie category, processor kind and break-glass reason", () => {
    const tables: Array<[readonly string[], Readonly<Record<string, string>>]> = [
      [PURPOSES, PURPOSE_LABELS],
      [STAFF_ROLES, STAFF_ROLE_LABELS],
      [CONSENT_STATES, CONSENT_STATE_LABELS],
      [CONSENT_SOURCES, CONSENT_SOURCE_LABELS],
      [COOKIE_CATEGORIES, COOKIE_CATEGORY_LABELS],
      [PROCESSOR_KINDS, PROCESSOR_KIND_LABELS],
      [BREAK_GLASS_REASONS, BREAK_GLASS_REASON_LABELS],
    ];
    for (const [constants, labels] of tables) {
      expect(Object.keys(labels).sort()).toEqual([...constants].sort());
      const words = Object.values(labels);
      for (const label of words) expect(label).toMatch(/^\S.*\S$/);
      expect(new Set(words).size).toBe(words.length);
    }
  });

  it("says purposes, roles, cookie categories, processor kinds and reasons as the screens always have", () => {
    // The words are the constants humanized; a label that reads better otherwise changes here.
    for (const purpose of PURPOSES.filter((p) => p !== "PRIVACY_REQUEST_HANDLING")) {
      expect(purposeLabel(purpose)).toBe(humanize(purpose));
    }
    // "Privacy request handling" reads like a department; the bar says what the member does.
    expect(purposeLabel("PRIVACY_REQUEST_HANDLING")).toBe("Handling a privacy request");
    for (const role of STAFF_ROLES) expect(roleLabel(role)).toBe(humanize(role));
    for (const c of COOKIE_CATEGORIES) expect(cookieCategoryLabel(c)).toBe(humanize(c));
    for (const kind of PROCESSOR_KINDS) expect(processorKindLabel(kind)).toBe(humanize(kind));
    for (const r of BREAK_GLASS_REASONS) expect(breakGlassReasonLabel(r)).toBe(humanize(r));
  });

  it("says consent states and sources in the customer's words", () => {
    expect(consentStateLabel("GIVEN")).toBe("Allowed");
    expect(consentStateLabel("WITHDRAWN")).toBe("Withdrawn");
    expect(consentSourceLabel("GPC")).toBe("by your browser's Global Privacy Control");
    expect(consentSourceLabel("REGISTRATION")).toBe("when you registered");
    // Staff read the same events about someone else: never "you".
    expect(consentSourceLabelForStaff("REGISTRATION")).toBe("at registration");
    expect(consentSourceLabelForStaff("PORTAL")).toBe("in the portal's consent centre");
    for (const label of Object.values(CONSENT_SOURCE_STAFF_LABELS)) {
      expect(label).not.toMatch(/\byour?\b/);
    }
    // Each place a person can choose says its own name (the consent centre is not the banner).
    expect(consentSourceLabel("PORTAL")).toBe("in your consent centre");
    expect(consentSourceLabel("BANNER")).toBe("in the cookie banner");
  });
});

describe("deny reasons in brief", () => {
  it("gives every reason a few distinct lower-case words beside its sentence", () => {
    const briefs = DENY_REASONS.map(denyReasonInBrief);
    for (const brief of briefs) expect(brief).toMatch(/^[a-z][^.]+[^.\s]$/);
    expect(new Set(briefs).size).toBe(DENY_REASONS.length);
    for (const reason of DENY_REASONS) {
      expect(denyReasonInBrief(reason)).not.toBe(explainDenyReason(reason));
    }
  });

  it("recognises a reason read from an error, and nothing else", () => {
    expect(isDenyReason("BREAK_GLASS_REQUIRED")).toBe(true);
    expect(isDenyReason("REDACTED")).toBe(false);
    expect(isDenyReason("toString")).toBe(false);
  });
});
