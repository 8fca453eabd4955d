/**
 * The authorization matrix through the live API: for each principal (staff of every role,
 * partners with an active, expired or missing agreement, another customer, an anonymous
 * visitor) × declared purpose × the subject's consent state, one query reads every personal
 * category of a customer. Each field must come back exactly when decide() allows it, redacted
 * with decide()'s reason otherwise, and the request must leave exactly one ALLOWED audit event
 * per returned field and one DENIED event per redacted one.
 *
 * decide() is the oracle here on purpose: its own tests check it against a hand-written
 * table (packages/domain/src/decide.test.ts). What this matrix proves is that the API applies
 * it to every field, with the right inputs, and audits what it returned.
 */
import type { ResultOf } from "@graphql-typed-document-node/core";
import { findAccessEvents } from "@privet/db/audit";
import { appendConsentEvent, currentConsents } from "@privet/db/ledger";
import { testDatabases } from "@privet/db/testing";
import type { ConsentSnapshot, ConsentState } from "@privet/domain/consent";
import { decide } from "@privet/domain/decide";
import type { Agreement, Principal, StaffRole } from "@privet/domain/principals";
import { PURPOSES, type Purpose } from "@privet/domain/purposes";
import type { DataCategory } from "@privet/domain/taxonomy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subjectPseudonym } from "../modules/partners/subject-pseudonym.js";
import { type GraphQLResponse, startTestApi, type TestApi } from "../test-support/api.js";
import { createPartner, registerCustomer, signInStaff } from "../test-support/fixtures.js";
import { graphql } from "../test-support/generated/gql.js";

/** Each personal field the staff query reads, with its category and where it sits. */
const STAFF_FIELDS: ReadonlyArray<{ path: string; category: DataCategory }> = [
  { path: "customer.name", category: "user.name" },
  { path: "customer.email", category: "user.contact.email" },
  { path: "customer.country", category: "user.contact.country" },
  { path: "customer.sessions.0.ipAddress", category: "user.device.ip_address" },
  { path: "customer.sessions.0.browser", category: "user.device.browser" },
  { path: "customer.sessions.0.os", category: "user.device.os" },
  { path: "customer.paymentMethod.brand", category: "user.financial.card.brand" },
  { path: "customer.paymentMethod.last4", category: "user.financial.card.last4" },
  { path: "customer.paymentMethod.processorToken", category: "user.financial.card.token" },
  { path: "customer.heldRecords.0.content", category: "user.held.other_individuals" },
];

const STAFF_QUERY = graphql(`
  query Matrix($id: ID!, $purpose: Purpose!) @purpose(name: $purpose, ref: "M-1") {
    customer(id: $id) {
      name email country
      sessions { ipAddress browser os }
      paymentMethod { brand last4 processorToken }
      heldRecords { content }
    }
  }
`);

/** The fields PARTNER_QUERY selects besides the id, each with its category. */
const PARTNER_FIELDS: ReadonlyArray<{
  field: "name" | "email" | "country" | "pseudonymousId" | "cardLast4";
  category: DataCategory;
}> = [
  { field: "name", category: "user.name" },
  { field: "email", category: "user.contact.email" },
  { field: "country", category: "user.contact.country" },
  { field: "pseudonymousId", category: "user.device.cookie_id" },
  { field: "cardLast4", category: "user.financial.card.last4" },
];

const PARTNER_QUERY = graphql(`
  query PartnerMatrix($purpose: Purpose!) @purpose(name: $purpose, ref: "M-2") {
    partnerSubjects(first: 500) {
      edges { node { id name email country pseudonymousId cardLast4 } }
    }
  }
`);

const ROLES: readonly StaffRole[] = [
  "SUPPORT_AGENT",
  "PRIVACY_OFFICER",
  "SECURITY_OFFICER",
  "AUDITOR",
  "ADMINISTRATOR",
];
const CONSENT_STATES: ReadonlyArray<ConsentState | null> = [
  null,
  "GIVEN",
  "WITHDRAWN",
  "REFUSED",
  "EXPIRED",
];

function valueAt(data: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], data);
}

describe.each(testDatabases)("the authorization matrix on $name", (kind) => {
  let api: TestApi;
  /** One subject per consent state: the state is the same for every consent purpose. */
  const subjects = new Map<ConsentState | null, string>();
  const snapshots = new Map<string, ConsentSnapshot>();

  beforeAll(async () => {
    api = await startTestApi(kind);
    const { prisma } = api.db;
    for (const state of CONSENT_STATES) {
      const client = api.client();
      const { id } = await registerCustomer(client);
      // Registration gave MARKETING; set every consent purpose to the state under test
      // (null: leave it as registration left it).
      for (const purpose of [
        "MARKETING",
        "PERSONALISATION",
        "SERVICE_IMPROVEMENT",
        "REMARKETING",
      ] as const) {
        if (state) {
          await appendConsentEvent(prisma, {
            subjectKind: "CUSTOMER",
            subjectId: id,
            purpose,
            state,
            source: "API",
          });
        }
      }
      await prisma.paymentMethod.create({
        data: {
          customerId: id,
          brand: "visa",
          last4: "4242",
          expiryMonth: 12,
          expiryYear: 2030,
          processorToken: "tok_matrix_1",
        },
      });
      await prisma.customerHeldRecord.create({
        data: { customerId: id, label: "Contact", content: "A. Nother, +1 555 0100" },
      });
      await prisma.visitor.create({ data: { cookieId: `matrix-${id}`, customerId: id } });
      subjects.set(state, id);
    }
    // The oracle reads the consents as the ledger holds them (for the "never asked" subject:
    // only registration's marketing consent).
    const ids = [...subjects.values()];
    for (const [id, snapshot] of await currentConsents(prisma, "CUSTOMER", ids))
      snapshots.set(id, snapshot);
  });
  afterAll(() => api?.close());

  async function auditedFor(requestId: string) {
    const events = await findAccessEvents(api.db.prisma, { requestId });
    return {
      allowed: events
        .filter((e) => e.outcome === "ALLOWED")
        .map((e) => `${e.subjectId}:${e.fieldPath}`)
        .sort(),
      denied: events
        .filter((e) => e.outcome === "DENIED")
        .map((e) => `${e.subjectId}:${e.fieldPath}:${e.denyReason}`)
        .sort(),
    };
  }

  it.each(ROLES)("staff %s: every purpose × consent state × category", async (role) => {
    const client = api.client();
    const staff = await signInStaff(api.db.prisma, client, role);
    const principal: Principal = { kind: "staff", staffId: staff.id, role };
    let checked = 0;
    for (const purpose of PURPOSES) {
      for (const [state, subjectId] of subjects) {
        const result = await client.gql(STAFF_QUERY, { id: subjectId, purpose });
        const requestId = result.headers.get("x-request-id") ?? "";
        const redactions = new Map(
          result.errors
            .filter((e) => e.extensions?.code === "PRIVACY_REDACTED")
            .map((e) => [String(e.extensions?.path), String(e.extensions?.reason)]),
        );
        const expectAllowed: string[] = [];
        const expectDenied: string[] = [];
        for (const { path, category } of STAFF_FIELDS) {
          const consents = snapshots.get(subjectId) ?? {};
          const decision = decide({
            principal,
            purpose,
            category,
            subjectId,
            consents,
            grants: [],
            agreement: null,
            legalRequest: null,
            now: new Date(),
          });
          const where = `${role} ${purpose} consent=${state} ${path}`;
          if (decision.allow) {
            expect(valueAt(result.data, path), where).not.toBeNull();
            expect(valueAt(result.data, path), where).not.toBeUndefined();
            expect(redactions.has(path), where).toBe(false);
            expectAllowed.push(`${subjectId}:${path}`);
          } else {
            expect(valueAt(result.data, path) ?? null, where).toBeNull();
            expect(redactions.get(path), where).toBe(decision.reason);
            expectDenied.push(`${subjectId}:${path}:${decision.reason}`);
          }
          checked++;
        }
        const audited = await auditedFor(requestId);
        expect(audited.allowed, `${role} ${purpose} audit`).toEqual(expectAllowed.sort());
        expect(audited.denied, `${role} ${purpose} audit`).toEqual(expectDenied.sort());
      }
    }
    expect(checked).toBe(PURPOSES.length * CONSENT_STATES.length * STAFF_FIELDS.length);
  });

  const AGREEMENTS = {
    active: { validFrom: new Date("2024-01-01"), validUntil: new Date("2099-01-01") },
    expired: { validFrom: new Date("2023-01-01"), validUntil: new Date("2024-01-01") },
  } as const;

  it.each(["active", "expired", "none"] as const)(
    "partner with %s agreement: every purpose × consent state × category",
    async (agreementState) => {
      const purposes: Purpose[] = ["MARKETING", "REMARKETING", "CROSS_BORDER_CONSOLIDATION"];
      const categories = PARTNER_FIELDS.map((f) => f.category);
      const { processor, apiKey } = await createPartner(
        api.db.prisma,
        agreementState === "none" ? null : { purposes, categories, ...AGREEMENTS[agreementState] },
      );
      const agreement: Agreement | null =
        agreementState === "none"
          ? null
          : { processorId: processor.id, purposes, categories, ...AGREEMENTS[agreementState] };
      const principal = { kind: "partner" as const, processorId: processor.id };
      const client = api.client({ authorization: `Bearer ${apiKey}` });
      for (const purpose of PURPOSES) {
        const result = await client.gql(PARTNER_QUERY, { purpose });
        const where = `${agreementState} ${purpose}`;
        const expected = expectEachFieldAsDecided(result, { principal, agreement, purpose, where });
        const audited = await auditedFor(result.headers.get("x-request-id") ?? "");
        const ofMatrix = (rows: string[]) =>
          rows.filter((row) => [...subjects.values()].some((id) => row.startsWith(`${id}:`)));
        expect(ofMatrix(audited.allowed).length, `${where} audit`).toBe(expected.allowed);
        expect(ofMatrix(audited.denied).length, `${where} denied audit`).toBe(expected.denied);
      }
    },
  );

  /**
   * Each field of each matrix subject in a partner's page: returned when decide() allows it,
   * redacted with its reason otherwise. Returns how many reads of each kind to expect audited.
   */
  function expectEachFieldAsDecided(
    result: GraphQLResponse<ResultOf<typeof PARTNER_QUERY>>,
    context: {
      principal: Extract<Principal, { kind: "partner" }>;
      agreement: Agreement | null;
      purpose: Purpose;
      where: string;
    },
  ): { allowed: number; denied: number } {
    const { principal, agreement, purpose } = context;
    const edges = result.data?.partnerSubjects.edges ?? [];
    const reasons = new Map(
      result.errors
        .filter((e) => e.extensions?.code === "PRIVACY_REDACTED")
        .map((e) => [String(e.extensions?.path), String(e.extensions?.reason)]),
    );
    const expected = { allowed: 0, denied: 0 };
    for (const [state, subjectId] of subjects) {
      // Partners are shown their own pseudonym of each customer, never the customer's id.
      const nodeId = subjectPseudonym(principal.processorId, subjectId, api.config.hashKey);
      const index = edges.findIndex((edge) => edge.node.id === nodeId);
      expect(index, `subject with consent ${state} is listed`).toBeGreaterThanOrEqual(0);
      for (const { field, category } of PARTNER_FIELDS) {
        const consents = snapshots.get(subjectId) ?? {};
        const decision = decide({
          principal,
          purpose,
          category,
          subjectId,
          consents,
          grants: [],
          agreement,
          legalRequest: null,
          now: new Date(),
        });
        const path = `partnerSubjects.edges.${index}.node.${field}`;
        const value = edges[index]?.node[field];
        const where = `${context.where} consent=${state} ${field}`;
        if (decision.allow) {
          expect(value, where).not.toBeNull();
          expected.allowed++;
        } else {
          expect(value ?? null, where).toBeNull();
          expect(reasons.get(path), where).toBe(decision.reason);
          expected.denied++;
        }
      }
    }
    return expected;
  }

  it("another customer and an anonymous visitor read nothing of the subject", async () => {
    const subjectId = subjects.get("GIVEN") ?? "";
    const other = api.client();
    await registerCustomer(other);
    for (const [client, reason] of [
      [other, "FORBIDDEN"],
      [api.client(), "UNAUTHENTICATED"],
    ] as const) {
      const result = await client.gql(STAFF_QUERY, { id: subjectId, purpose: "SUPPORT" });
      expect(result.data?.customer ?? null).toBeNull();
      expect(result.errors[0]?.extensions?.code).toBe(reason);
    }
  });
});
