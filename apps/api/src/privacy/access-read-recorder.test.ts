import type { Principal } from "@privet/domain/principals";
import { describe, expect, it } from "vitest";
import { AccessReadRecorder } from "./access-read-recorder.js";
import type { GrantOnRecord } from "./decision-input-queries.js";
import type { DeclaredPurpose } from "./declared-purpose.js";

const NOW = new Date("2026-12-01T12:00:00Z");
const officer: Principal = { kind: "staff", staffId: "staff-1", role: "PRIVACY_OFFICER" };
const grant: GrantOnRecord = {
  id: "grant-1",
  staffId: "staff-1",
  subjectId: "alice",
  reason: "MALFUNCTION",
  startsAt: new Date("2026-12-01T00:00:00Z"),
  expiresAt: new Date("2026-12-02T00:00:00Z"),
};

/** A recorder for one request, over inputs that count what they are asked for. */
function recorderFor(principal: Principal, purpose: DeclaredPurpose | null) {
  const asked = { grants: 0, legalRequests: [] as Array<string | null> };
  const who = { principal, purpose };
  const recorder = new AccessReadRecorder(
    {
      grantsOfStaff: async () => {
        asked.grants++;
        return [grant];
      },
      citedLegalRequest: async (ref) => {
        asked.legalRequests.push(ref);
        return { id: "legal-1", subjectIds: [], categories: [] };
      },
    },
    {
      principal: () => who.principal,
      purpose: () => who.purpose,
      operationName: () => "Customer",
      requestId: "request-1",
      now: NOW,
    },
  );
  return { recorder, asked, who };
}

describe("the access-read recorder", () => {
  it("makes one record per reader and purpose, allowed and denied reads alike, citing the grant relied on", async () => {
    const support = { name: "SUPPORT", ref: "T-1" } as const;
    const { recorder, who } = recorderFor(officer, support);
    recorder.record("alice", "user.contact.email", "customer.email");
    recorder.record("alice", "user.held.other_individuals", "customer.heldRecords.0.body");
    recorder.record("bob", "user.name", "customer.name", "CONSENT_WITHDRAWN");
    who.purpose = { name: "MALFUNCTION_INVESTIGATION", ref: null };
    recorder.record("bob", "user.contact.email", "customer.email");

    expect(await recorder.take()).toEqual([
      {
        requestId: "request-1",
        principalKind: "STAFF",
        principalId: "staff-1",
        staffRole: "PRIVACY_OFFICER",
        purpose: "SUPPORT",
        reference: "T-1",
        operationName: "Customer",
        legalRequestId: null,
        occurredAt: NOW,
        reads: [
          ["alice", "user.contact.email", "customer.email"],
          ["alice", "user.held.other_individuals", "customer.heldRecords.0.body", null, "grant-1"],
          ["bob", "user.name", "customer.name", "CONSENT_WITHDRAWN"],
        ],
      },
      expect.objectContaining({
        purpose: "MALFUNCTION_INVESTIGATION",
        reference: null,
        reads: [["bob", "user.contact.email", "customer.email"]],
      }),
    ]);
    // Taken once: the plugin writes them, and nothing is left to write twice.
    expect(await recorder.take()).toEqual([]);
  });

  it("cites the legal request a LEGAL_OBLIGATION purpose refers to", async () => {
    const { recorder, asked } = recorderFor(
      { kind: "partner", processorId: "processor-1" },
      { name: "LEGAL_OBLIGATION", ref: "LR-1" },
    );
    recorder.record("alice", "user.contact.email", "partnerSubjects.edges.0.node.email");
    const [record] = await recorder.take();
    expect(record).toMatchObject({
      principalKind: "PARTNER",
      principalId: "processor-1",
      staffRole: null,
      legalRequestId: "legal-1",
    });
    // A partner has no grants to cite: none are asked for.
    expect(asked).toEqual({ grants: 0, legalRequests: ["LR-1"] });
  });

  it("keeps no record of a customer's reads, nor a visitor's, and asks for nothing", async () => {
    const { recorder, asked, who } = recorderFor({ kind: "customer", subjectId: "alice" }, null);
    recorder.record("alice", "user.contact.email", "me.email");
    who.principal = { kind: "anonymous" };
    recorder.record("alice", "user.contact.email", "me.email", "UNAUTHENTICATED");
    expect(await recorder.take()).toEqual([]);
    expect(asked).toEqual({ grants: 0, legalRequests: [] });
  });
});
