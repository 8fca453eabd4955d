import type { ConsentSnapshot } from "@privet/domain/consent";
import { decide } from "@privet/domain/decide";
import type { Principal } from "@privet/domain/principals";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { DecisionInputQueries, PartnerAgreementRow } from "./decision-input-queries.js";
import { DecisionInputs } from "./decision-inputs.js";
import type { DeclaredPurpose } from "./declared-purpose.js";
import { PrivacyGate } from "./privacy-gate.js";

// decide() itself, counted: the gate's cache is measured by how often it is asked.
vi.mock("@privet/domain/decide", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@privet/domain/decide")>();
  return { ...actual, decide: vi.fn(actual.decide) };
});

const NOW = new Date("2026-12-01T12:00:00Z");
const subjects = ["a", "b", "c"].map((letter) => `00000000-0000-4000-8000-00000000000${letter}`);
const [alice, bob, carol] = subjects as [string, string, string];

/** The database, faked: answers from fixed data and counts every query a request sends. */
function fakeQueries(consents: Record<string, ConsentSnapshot> = {}) {
  const sent = {
    consents: [] as string[][],
    grants: 0,
    agreements: 0,
    legalRequests: [] as string[],
  };
  const queries: DecisionInputQueries = {
    consents: async (ids) => {
      sent.consents.push([...ids]);
      return new Map(ids.map((id) => [id, consents[id] ?? {}]));
    },
    grants: async () => {
      sent.grants++;
      return [];
    },
    agreements: async (processorId) => {
      sent.agreements++;
      return [agreementRow(processorId)];
    },
    legalRequest: async (ref) => {
      sent.legalRequests.push(ref);
      return { id: ref, subjectIds: [alice], categories: ["user.contact.email"] };
    },
  };
  return { queries, sent };
}

function agreementRow(processorId: string): PartnerAgreementRow {
  return {
    processorId,
    purposes: ["CROSS_BORDER_CONSOLIDATION", "MARKETING"],
    categories: ["user.name", "user.contact.email"],
    validFrom: new Date("2026-01-01T00:00:00Z"),
    validUntil: new Date("2027-01-01T00:00:00Z"),
    terminatedAt: null,
  };
}

/** A gate over fake queries, for one request by `principal` under `purpose`. */
function gateFor(
  principal: Principal,
  purpose: DeclaredPurpose | null,
  options: { consents?: Record<string, ConsentSnapshot>; agreementsWithKey?: boolean } = {},
) {
  const { queries, sent } = fakeQueries(options.consents);
  const request = {
    principal: () => who.principal,
    purpose: () => purpose,
    now: NOW,
    partnerAgreements:
      options.agreementsWithKey && principal.kind === "partner"
        ? [agreementRow(principal.processorId)]
        : null,
  };
  const who = { principal };
  const gate = new PrivacyGate(new DecisionInputs(queries, request), request);
  return { gate, sent, who };
}

const officer: Principal = { kind: "staff", staffId: "staff-1", role: "PRIVACY_OFFICER" };
const partner: Principal = { kind: "partner", processorId: "processor-1" };

describe("the privacy gate's cache", () => {
  beforeEach(() => {
    vi.mocked(decide).mockClear();
  });

  it("loads a batch of subjects' consents in one query and decides per subject when the answer depends on them", async () => {
    const { gate, sent } = gateFor(
      officer,
      { name: "MARKETING", ref: null },
      { consents: { [alice]: { MARKETING: "GIVEN" }, [bob]: { MARKETING: "WITHDRAWN" } } },
    );
    await gate.prepare();
    const decisions = await Promise.all(
      subjects.map((subject) => gate.decide(subject, "user.contact.email")),
    );
    expect(decisions.map((d) => d.allow)).toEqual([true, false, false]);
    expect(sent.consents).toEqual([subjects]);
    expect(sent.grants).toBe(1);
    expect(decide).toHaveBeenCalledTimes(3);

    // Asked again, the same fields are answered from the cache: no query, no decision.
    await Promise.all(subjects.map((subject) => gate.decide(subject, "user.contact.email")));
    expect(sent.consents).toHaveLength(1);
    expect(decide).toHaveBeenCalledTimes(3);
  });

  it("decides once per category when the answer cannot depend on the subject, without waiting", async () => {
    const { gate, sent } = gateFor(
      partner,
      { name: "CROSS_BORDER_CONSOLIDATION", ref: "COUNT" },
      { agreementsWithKey: true },
    );
    await gate.prepare();
    const ids = Array.from({ length: 100 }, (_, i) => `subject-${i}`);
    for (const id of ids) {
      const email = gate.decide(id, "user.contact.email");
      const card = gate.decide(id, "user.financial.card.last4");
      // Everything it needs came with the key: a decision, not a promise of one.
      expect(email).toEqual({ allow: true });
      expect(card).toEqual({ allow: false, reason: "PURPOSE_NOT_PERMITTED" });
    }
    expect(decide).toHaveBeenCalledTimes(2);
    expect(sent).toEqual({ consents: [], grants: 0, agreements: 0, legalRequests: [] });
  });

  it("a partner under a purpose resting on consent is decided per subject, its agreements loaded once", async () => {
    const { gate, sent } = gateFor(
      partner,
      { name: "MARKETING", ref: null },
      { consents: { [carol]: { MARKETING: "GIVEN" } } },
    );
    await gate.prepare();
    const decisions = await Promise.all(
      subjects.flatMap((s) => [gate.decide(s, "user.contact.email"), gate.decide(s, "user.name")]),
    );
    expect(decisions.map((d) => d.allow)).toEqual([false, false, false, false, true, true]);
    expect(sent.consents).toEqual([subjects]);
    expect(sent.agreements).toBe(1);
    expect(decide).toHaveBeenCalledTimes(6);
  });

  it("looks the cited legal request up once for the whole request", async () => {
    const { gate, sent } = gateFor(officer, { name: "LEGAL_OBLIGATION", ref: "LR-1" });
    await gate.prepare();
    const decisions = await Promise.all([
      gate.decide(alice, "user.contact.email"),
      gate.decide(bob, "user.contact.email"),
    ]);
    expect(decisions).toEqual([
      { allow: true },
      { allow: false, reason: "LEGAL_REQUEST_REQUIRED" },
    ]);
    expect(sent.legalRequests).toEqual(["LR-1"]);
    expect(sent.grants).toBe(1);
  });

  it("starts afresh when who asks changes mid-request (signing in)", async () => {
    const { gate, who, sent } = gateFor({ kind: "anonymous" }, null);
    await gate.prepare();
    expect(await gate.decide(alice, "user.contact.email")).toEqual({
      allow: false,
      reason: "UNAUTHENTICATED",
    });
    who.principal = { kind: "customer", subjectId: alice };
    expect(await gate.decide(alice, "user.contact.email")).toEqual({ allow: true });
    expect(decide).toHaveBeenCalledTimes(2);
    // A customer's own reads need nothing from the database.
    expect(sent).toEqual({ consents: [], grants: 0, agreements: 0, legalRequests: [] });
  });
});
