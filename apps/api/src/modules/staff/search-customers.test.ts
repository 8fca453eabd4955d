/**
 * Choosing a customer by name (the console's pickers), over HTTP: a search is a read of the
 * names or emails it matches on, so it runs under the declared purpose, searches only what that
 * purpose may read, returns only customers whose field the caller may read, and leaves an access
 * event in each match's access log.
 */
import { randomUUID } from "node:crypto";
import { appendConsentEvent } from "@privet/db/ledger";
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
import type { Purpose } from "../../test-support/generated/graphql.js";

const SEARCH = graphql(`
  query PickCustomer($text: String!, $first: Int, $purpose: Purpose!)
  @purpose(name: $purpose, ref: "T-31") {
    searchCustomers(text: $text, first: $first) { id }
  }
`);
const SEARCH_WITHOUT_A_PURPOSE = graphql(`
  query PickCustomerWithoutAPurpose($text: String!) {
    searchCustomers(text: $text) { id }
  }
`);

describe.each(testDatabases)("searching customers by name on $name", (kind) => {
  let api: TestApi;
  // A word no other customer of this database carries, so matches are exactly ours.
  const token = `Qx${randomUUID().slice(0, 6)}`;
  let ada: RegisteredCustomer;
  let grace: RegisteredCustomer;
  const staff = new Map<StaffRole, ApiClient>();
  const as = (role: StaffRole) => staff.get(role) as ApiClient;
  const search = (role: StaffRole, purpose: Purpose, text: string) =>
    as(role).gql(SEARCH, { text, purpose });
  const ids = (result: { data?: { searchCustomers: Array<{ id: string }> } | null }) =>
    (result.data?.searchCustomers ?? []).map((c) => c.id).sort();

  beforeAll(async () => {
    api = await startTestApi(kind);
    ada = await registerCustomer(api.client(), {
      name: `Ada ${token} Lovelace`,
      email: `ada_${token.toLowerCase()}@example.com`,
    });
    grace = await registerCustomer(api.client(), { name: `Grace ${token} Hopper` });
    for (const role of ["SUPPORT_AGENT", "SECURITY_OFFICER", "PRIVACY_OFFICER", "ADMINISTRATOR"]) {
      const client = api.client();
      await signInStaff(api.db.prisma, client, role as StaffRole);
      staff.set(role as StaffRole, client);
    }
  });
  afterAll(() => api?.close());

  it("[P-06] finds customers by any part of their name, ignoring case, each match an audited read", async () => {
    const result = await search("SUPPORT_AGENT", "SUPPORT", token.toUpperCase());
    expect(result.errors).toEqual([]);
    expect(ids(result)).toEqual([ada.id, grace.id].sort());

    const events = await accessEventsOf(api.db.prisma, result);
    // Ada's email holds the word too: she matched on both, and both uses are recorded.
    const reads = events.map((e) => `${e.subjectId} ${e.category} ${e.fieldPath} ${e.outcome}`);
    expect(reads.sort()).toEqual(
      [
        `${ada.id} user.name searchCustomers ALLOWED`,
        `${ada.id} user.contact.email searchCustomers ALLOWED`,
        `${grace.id} user.name searchCustomers ALLOWED`,
      ].sort(),
    );
    for (const event of events) {
      expect(event).toMatchObject({
        purpose: "SUPPORT",
        reference: "T-31",
        staffRole: "SUPPORT_AGENT",
      });
    }
  });

  it("[P-06] finds a customer by part of their email, LIKE's wildcards taken literally", async () => {
    const byEmail = await search("SUPPORT_AGENT", "SUPPORT", `ada_${token.toLowerCase()}@`);
    expect(ids(byEmail)).toEqual([ada.id]);
    const events = await accessEventsOf(api.db.prisma, byEmail);
    expect(events.map((e) => e.category)).toEqual(["user.contact.email"]);
    // "_" and "%" match themselves only: no customer's email holds "%%".
    expect(ids(await search("SUPPORT_AGENT", "SUPPORT", "%%"))).toEqual([]);
    expect(ids(await search("SUPPORT_AGENT", "SUPPORT", `a_a_${token}`))).toEqual([]);
  });

  it("[P-06] searches only what the purpose may read: a malfunction investigation uses emails, not names", async () => {
    const byName = await search("SECURITY_OFFICER", "MALFUNCTION_INVESTIGATION", `Ada ${token}`);
    expect(byName.errors).toEqual([]);
    expect(ids(byName)).toEqual([]);
    expect(await accessEventsOf(api.db.prisma, byName)).toEqual([]);
    const byEmail = await search("SECURITY_OFFICER", "MALFUNCTION_INVESTIGATION", `ada_${token}`);
    expect(ids(byEmail)).toEqual([ada.id]);
  });

  it("[P-06] refuses a search without a purpose, or under one the role may not declare", async () => {
    const none = await as("SUPPORT_AGENT").gql(SEARCH_WITHOUT_A_PURPOSE, { text: token });
    expect(none.errors[0]?.extensions).toMatchObject({
      code: "FORBIDDEN",
      reason: "PURPOSE_REQUIRED",
    });
    expect(none.data?.searchCustomers).toBeUndefined();
    const notTheirs = await search("ADMINISTRATOR", "SUPPORT", token);
    expect(notTheirs.errors[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "ROLE" });
  });

  it("[P-11] finds nobody under a legal obligation that no recorded legal request covers", async () => {
    const result = await search("PRIVACY_OFFICER", "LEGAL_OBLIGATION", token);
    expect(result.errors).toEqual([]);
    expect(ids(result)).toEqual([]);
  });

  it("[P-06] hides a customer whose consent the purpose needs and who withdrew it", async () => {
    const before = await search("PRIVACY_OFFICER", "MARKETING", token);
    expect(ids(before)).toEqual([ada.id, grace.id].sort());
    await appendConsentEvent(api.db.prisma, {
      subjectKind: "CUSTOMER",
      subjectId: grace.id,
      purpose: "MARKETING",
      state: "WITHDRAWN",
      source: "PORTAL",
    });
    const after = await search("PRIVACY_OFFICER", "MARKETING", token);
    expect(ids(after)).toEqual([ada.id]);
    const logged = (await accessEventsOf(api.db.prisma, after)).map((e) => e.subjectId);
    expect([...new Set(logged)]).toEqual([ada.id]);
  });

  it("asks for two characters at least and a short list, naming the input", async () => {
    const short = await search("SUPPORT_AGENT", "SUPPORT", " a ");
    expect(short.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "text" });
    expect(short.errors[0]?.message).toBe("Type at least 2 characters to search.");
    const many = await as("SUPPORT_AGENT").gql(SEARCH, {
      text: token,
      first: 500,
      purpose: "SUPPORT",
    });
    expect(many.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });
});
