/**
 * Legal-request intake over HTTP (P-11): under LEGAL_OBLIGATION, with the authority's reference,
 * searchCustomers answers only an exact lookup of a whole email address or a whole customer id,
 * reveals that customer's name and email alone, and audits the match under the purpose and
 * reference. A part of a name or an email finds nobody; a role that may not declare the purpose
 * is refused, as is a lookup without the reference.
 */
import { randomUUID } from "node:crypto";
import { testDatabases } from "@privet/db/testing";
import type { StaffRole } from "@privet/domain/principals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  accessEventsOf,
  type RegisteredCustomer,
  registerCustomer,
  signInStaff,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

const INTAKE = graphql(`
  query LegalIntakeLookup($text: String!, $ref: String) @purpose(name: LEGAL_OBLIGATION, ref: $ref) {
    searchCustomers(text: $text) { id name email country }
  }
`);

describe.each(testDatabases)("legal-request intake on $name", (kind) => {
  let api: TestApi;
  const token = `Lx${randomUUID().slice(0, 6)}`;
  const reference = `CASE-${randomUUID().slice(0, 8)}`;
  let ada: RegisteredCustomer;
  let grace: RegisteredCustomer;
  const staff = new Map<StaffRole, ApiClient>();
  const as = (role: StaffRole) => staff.get(role) as ApiClient;
  const lookup = (role: StaffRole, text: string, ref: string | null = reference) =>
    as(role).gql(INTAKE, { text, ref });

  beforeAll(async () => {
    api = await startTestApi(kind);
    ada = await registerCustomer(api.client(), {
      name: `Ada ${token} Lovelace`,
      email: `ada_${token.toLowerCase()}@example.com`,
    });
    grace = await registerCustomer(api.client(), {
      name: `Grace ${token} Hopper`,
      email: `grace_${token.toLowerCase()}@example.com`,
    });
    for (const role of ["PRIVACY_OFFICER", "SUPPORT_AGENT", "SECURITY_OFFICER"] as const) {
      const client = api.client();
      await signInStaff(api.db.prisma, client, role);
      staff.set(role, client);
    }
  });
  afterAll(() => api?.close());

  it("[P-11] a part of a name or an email finds nobody, and reads nothing", async () => {
    for (const text of [token, `Ada ${token}`, `ada_${token.toLowerCase()}@`, "example.com"]) {
      const result = await lookup("PRIVACY_OFFICER", text);
      expect(result.errors).toEqual([]);
      expect(result.data?.searchCustomers).toEqual([]);
      expect(await accessEventsOf(api.db.prisma, result)).toEqual([]);
    }
  });

  it("[P-11] a whole email finds exactly that customer, with name and email only, audited under the reference", async () => {
    const result = await lookup("PRIVACY_OFFICER", ` ${ada.email.toUpperCase()} `);
    expect(result.data?.searchCustomers).toEqual([
      { id: ada.id, name: ada.name, email: ada.email, country: null },
    ]);
    // Country is not needed to confirm identity: redacted, with the reason.
    expect(result.errors.map((e) => e.extensions)).toEqual([
      expect.objectContaining({
        code: "PRIVACY_REDACTED",
        reason: "LEGAL_REQUEST_REQUIRED",
        category: "user.contact.country",
      }),
    ]);
    const events = await accessEventsOf(api.db.prisma, result);
    expect(new Set(events.map((e) => e.subjectId))).toEqual(new Set([ada.id]));
    const reads = events.map((e) => `${e.category} ${e.fieldPath} ${e.outcome}`).sort();
    expect(reads).toEqual(
      [
        "user.contact.country searchCustomers.0.country DENIED",
        "user.contact.email searchCustomers ALLOWED",
        "user.contact.email searchCustomers.0.email ALLOWED",
        "user.name searchCustomers ALLOWED",
        "user.name searchCustomers.0.name ALLOWED",
      ].sort(),
    );
    for (const event of events) {
      expect(event).toMatchObject({
        purpose: "LEGAL_OBLIGATION",
        reference,
        staffRole: "PRIVACY_OFFICER",
      });
    }
  });

  it("[P-11] a whole customer id finds exactly that customer", async () => {
    const result = await lookup("PRIVACY_OFFICER", grace.id);
    expect(result.data?.searchCustomers).toEqual([
      { id: grace.id, name: grace.name, email: grace.email, country: null },
    ]);
  });

  it("[P-11] an address nobody has finds nobody", async () => {
    const result = await lookup("PRIVACY_OFFICER", `nobody_${token.toLowerCase()}@example.com`);
    expect(result.errors).toEqual([]);
    expect(result.data?.searchCustomers).toEqual([]);
    expect(await accessEventsOf(api.db.prisma, result)).toEqual([]);
  });

  it("[P-11] refuses a role that may not act under a legal obligation, in words", async () => {
    for (const role of ["SUPPORT_AGENT", "SECURITY_OFFICER"] as const) {
      const result = await lookup(role, ada.email);
      expect(result.errors[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "ROLE" });
      expect(result.errors[0]?.message).toBe(
        "Only staff who may act under a legal obligation can look up the customer a legal request names.",
      );
      expect(result.data?.searchCustomers).toBeUndefined();
      expect(await accessEventsOf(api.db.prisma, result)).toEqual([]);
    }
  });

  it("[P-11] refuses a lookup that cites no reference", async () => {
    const result = await lookup("PRIVACY_OFFICER", ada.email, null);
    expect(result.errors[0]?.extensions).toMatchObject({
      code: "FORBIDDEN",
      reason: "REFERENCE_REQUIRED",
    });
    expect(result.errors[0]?.message).toMatch(/^Enter the authority's reference/);
  });
});
