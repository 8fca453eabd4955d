import type { ResultOf } from "@graphql-typed-document-node/core";
import { appendConsentEvent } from "@privet/db/ledger";
import { testDatabases } from "@privet/db/testing";
import type { StaffRole } from "@privet/domain/principals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  type GraphQLResponse,
  startTestApi,
  type TestApi,
} from "../../test-support/api.js";
import {
  accessEventsOf,
  createPartner,
  type RegisteredCustomer,
  redactions,
  registerCustomer,
  signInStaff,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import type { Purpose } from "../../test-support/generated/graphql.js";

const CUSTOMER = graphql(`
  query C($id: ID!, $purpose: Purpose!) @purpose(name: $purpose, ref: "T-1042") {
    customer(id: $id) { id name email country sessions { ipAddress } }
  }
`);
const CUSTOMER_WITHOUT_A_PURPOSE = graphql(`
  query CustomerWithoutAPurpose($id: ID!) {
    customer(id: $id) { id name email country sessions { ipAddress } }
  }
`);
const FIND = graphql(`
  query Find($search: String, $first: Int, $after: String, $purpose: Purpose!)
  @purpose(name: $purpose, ref: "T-7") {
    customers(search: $search, first: $first, after: $after) {
      edges { cursor node { id email } }
      pageInfo { endCursor hasNextPage }
    }
  }
`);
const FIND_WITHOUT_A_PURPOSE = graphql(`
  query FindWithoutAPurpose($search: String) {
    customers(search: $search) {
      edges { cursor node { id email } }
      pageInfo { endCursor hasNextPage }
    }
  }
`);
const FIND_IDS = graphql(`
  query FindIds($search: String) @purpose(name: SUPPORT, ref: "T-2") {
    customers(search: $search) { edges { node { id } } }
  }
`);

const FIELD_PATHS = {
  name: "customer.name",
  email: "customer.email",
  country: "customer.country",
  ipAddress: "customer.sessions.0.ipAddress",
} as const;
type Field = keyof typeof FIELD_PATHS;

describe.each(testDatabases)("staff reading customers on $name", (kind) => {
  let api: TestApi;
  let subject: RegisteredCustomer;
  const staff = new Map<StaffRole, ApiClient>();

  beforeAll(async () => {
    api = await startTestApi(kind);
    subject = await registerCustomer(api.client(), { country: "DE" });
    for (const role of [
      "SUPPORT_AGENT",
      "PRIVACY_OFFICER",
      "SECURITY_OFFICER",
      "AUDITOR",
      "ADMINISTRATOR",
    ] as const) {
      const client = api.client();
      await signInStaff(api.db.prisma, client, role);
      staff.set(role, client);
    }
  });
  afterAll(() => api?.close());

  const as = (role: StaffRole) => staff.get(role) as ApiClient;
  /** The customer read by `role` under `purpose` (or none), as the console reads one. */
  const readCustomer = (role: StaffRole, purpose: Purpose | null, id = subject.id) =>
    purpose
      ? as(role).gql(CUSTOMER, { id, purpose })
      : as(role).gql(CUSTOMER_WITHOUT_A_PURPOSE, { id });
  /** A search by `role` under `purpose` (or none). */
  const find = (
    role: StaffRole,
    purpose: Purpose,
    variables: { search?: string; first?: number; after?: string | null },
  ) => as(role).gql(FIND, { ...variables, purpose });

  // role, purpose → each field: "allowed" or the deny reason.
  const matrix: Array<[StaffRole, Purpose | null, Record<Field, string>]> = [
    [
      "SUPPORT_AGENT",
      "SUPPORT",
      { name: "allowed", email: "allowed", country: "allowed", ipAddress: "allowed" },
    ],
    [
      "SUPPORT_AGENT",
      "MARKETING",
      { name: "ROLE", email: "ROLE", country: "ROLE", ipAddress: "ROLE" },
    ],
    [
      "PRIVACY_OFFICER",
      "SERVICE_ANNOUNCEMENTS",
      {
        name: "allowed",
        email: "allowed",
        country: "PURPOSE_NOT_PERMITTED",
        ipAddress: "PURPOSE_NOT_PERMITTED",
      },
    ],
    [
      "SECURITY_OFFICER",
      "MALFUNCTION_INVESTIGATION",
      {
        name: "PURPOSE_NOT_PERMITTED",
        email: "allowed",
        country: "PURPOSE_NOT_PERMITTED",
        ipAddress: "allowed",
      },
    ],
    [
      "AUDITOR",
      null,
      {
        name: "PURPOSE_REQUIRED",
        email: "PURPOSE_REQUIRED",
        country: "PURPOSE_REQUIRED",
        ipAddress: "PURPOSE_REQUIRED",
      },
    ],
    [
      "ADMINISTRATOR",
      "SUPPORT",
      { name: "ROLE", email: "ROLE", country: "ROLE", ipAddress: "ROLE" },
    ],
  ];

  it.each(matrix)(
    "[P-06] %s under %s: each field returned or redacted for its purpose, one audit event per field",
    async (role, purpose, expected) => {
      const result = await readCustomer(role, purpose);
      const reasons = redactions(result);
      const customer = result.data?.customer;
      expect(customer?.id).toBe(subject.id);
      const actual = {
        name: customer?.name,
        email: customer?.email,
        country: customer?.country,
        ipAddress: customer?.sessions[0]?.ipAddress,
      };
      const values: Record<Field, unknown> = {
        name: subject.name,
        email: subject.email,
        country: "DE",
        ipAddress: expect.stringMatching(/127\.0\.0\.1/),
      };
      for (const field of Object.keys(FIELD_PATHS) as Field[]) {
        if (expected[field] === "allowed") {
          expect(actual[field], field).toEqual(values[field]);
          expect(reasons.has(FIELD_PATHS[field]), field).toBe(false);
        } else {
          expect(actual[field], field).toBeNull();
          expect(reasons.get(FIELD_PATHS[field]), field).toEqual({
            reason: expected[field],
            category: expect.any(String),
          });
        }
      }

      // Exactly one audit event per personal field read: ALLOWED for each returned field,
      // DENIED with its reason for each redacted one.
      const events = await accessEventsOf(api.db.prisma, result);
      const byPath = Object.fromEntries(
        events.map((e) => [e.fieldPath, e.outcome === "ALLOWED" ? "allowed" : e.denyReason]),
      );
      expect(events).toHaveLength(4);
      expect(byPath).toEqual(
        Object.fromEntries(
          (Object.keys(FIELD_PATHS) as Field[]).map((f) => [FIELD_PATHS[f], expected[f]]),
        ),
      );
      for (const event of events) {
        expect(event).toMatchObject({
          subjectId: subject.id,
          principalKind: "STAFF",
          staffRole: role,
          purpose,
          reference: purpose ? "T-1042" : null,
          operationName: purpose ? "C" : "CustomerWithoutAPurpose",
        });
      }
    },
  );

  it("[P-06] a consent-based purpose reads only while the person's consent is given", async () => {
    const person = await registerCustomer(api.client()); // marketing consent from registration
    const read = () => readCustomer("PRIVACY_OFFICER", "MARKETING", person.id);
    expect((await read()).data?.customer?.email).toBe(person.email);
    await appendConsentEvent(api.db.prisma, {
      subjectKind: "CUSTOMER",
      subjectId: person.id,
      purpose: "MARKETING",
      state: "WITHDRAWN",
      source: "PORTAL",
    });
    const after = await read();
    expect(after.data?.customer?.email).toBeNull();
    expect(redactions(after).get("customer.email")?.reason).toBe("CONSENT_WITHDRAWN");
  });

  it("accepts the purpose as a header too", async () => {
    const result = await as("SUPPORT_AGENT").gql(
      CUSTOMER_WITHOUT_A_PURPOSE,
      { id: subject.id },
      { headers: { "x-privet-purpose": "SUPPORT", "x-privet-purpose-ref": "T-9" } },
    );
    expect(result.data?.customer?.email).toBe(subject.email);
    const events = await accessEventsOf(api.db.prisma, result);
    expect(events.every((e) => e.purpose === "SUPPORT" && e.reference === "T-9")).toBe(true);
  });

  it("only signed-in staff may look customers up", async () => {
    const anonymous = await api.client().gql(CUSTOMER, { id: subject.id, purpose: "SUPPORT" });
    expect(anonymous.errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const customer = api.client();
    await registerCustomer(customer);
    const own = await customer.gql(CUSTOMER_WITHOUT_A_PURPOSE, { id: subject.id });
    expect(own.errors[0]?.extensions?.code).toBe("FORBIDDEN");
    const { apiKey } = await createPartner(api.db.prisma, {
      purposes: ["MARKETING"],
      categories: ["user.contact.email"],
    });
    const partner = api.client({ authorization: `Bearer ${apiKey}` });
    const byPartner = await partner.gql(FIND, { search: subject.email, purpose: "MARKETING" });
    expect(byPartner.errors[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(JSON.stringify([anonymous, own, byPartner])).not.toContain(subject.email);

    const notAnId = await readCustomer("SUPPORT_AGENT", "SUPPORT", "42");
    expect(notAnId.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    const nobody = await readCustomer(
      "SUPPORT_AGENT",
      "SUPPORT",
      "00000000-0000-7000-8000-000000000000",
    );
    expect(nobody.errors).toEqual([]);
    expect(nobody.data?.customer).toBeNull();
  });

  it("searching by email needs a purpose that may read emails, and finds nothing it may not use", async () => {
    const found = await find("SUPPORT_AGENT", "SUPPORT", { search: subject.email.toUpperCase() });
    expect(found.errors).toEqual([]);
    expect(found.data?.customers.edges.map((e) => e.node)).toEqual([
      { id: subject.id, email: subject.email },
    ]);
    // Finding someone by their email is a use of it, audited; so is the email field read.
    expect((await accessEventsOf(api.db.prisma, found)).map((e) => e.fieldPath).sort()).toEqual([
      "customers.edges.0.node.email",
      "customers.search",
    ]);
    const idsOnly = await as("SUPPORT_AGENT").gql(FIND_IDS, { search: subject.email });
    expect(
      (await accessEventsOf(api.db.prisma, idsOnly)).map((e) => [e.fieldPath, e.category]),
    ).toEqual([["customers.search", "user.contact.email"]]);

    await aPurposeThatMayNotReadEmailsIsRefused();
    await aLawfulPurposeThatMayNotUseThisEmailFindsNothing();
  });

  async function aPurposeThatMayNotReadEmailsIsRefused() {
    // (Every purpose a role may declare happens to read emails, so PURPOSE_NOT_PERMITTED
    // cannot arise here today; the check exists for purposes added later.)
    const refused: Array<[StaffRole, Purpose | null, string]> = [
      ["SUPPORT_AGENT", null, "PURPOSE_REQUIRED"],
      ["SUPPORT_AGENT", "MARKETING", "ROLE"],
      ["AUDITOR", "SUPPORT", "ROLE"],
    ];
    for (const [role, purpose, reason] of refused) {
      const search = subject.email;
      const r = purpose
        ? await find(role, purpose, { search })
        : await as(role).gql(FIND_WITHOUT_A_PURPOSE, { search });
      expect(r.data).toBeNull();
      expect(r.errors[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason });
      expect(JSON.stringify(r)).not.toContain(subject.id);
    }
    const device = await find("SECURITY_OFFICER", "MALFUNCTION_INVESTIGATION", {
      search: subject.email,
    });
    expect(device.errors).toEqual([]); // MALFUNCTION_INVESTIGATION may read emails
  }

  async function aLawfulPurposeThatMayNotUseThisEmailFindsNothing() {
    // A lawful purpose that may not use this person's email (consent withdrawn, or a legal
    // request that does not name them) finds nothing: the same answer as no such customer.
    const person = await registerCustomer(api.client());
    await appendConsentEvent(api.db.prisma, {
      subjectKind: "CUSTOMER",
      subjectId: person.id,
      purpose: "MARKETING",
      state: "WITHDRAWN",
      source: "PORTAL",
    });
    const hidden = await find("PRIVACY_OFFICER", "MARKETING", { search: person.email });
    const absent = await find("PRIVACY_OFFICER", "MARKETING", {
      search: "nobody-here@example.com",
    });
    const legal = await find("PRIVACY_OFFICER", "LEGAL_OBLIGATION", { search: subject.email });
    for (const r of [hidden, absent, legal]) {
      expect(r.errors).toEqual([]);
      expect(r.data?.customers).toEqual({
        edges: [],
        pageInfo: { endCursor: null, hasNextPage: false },
      });
      expect(await accessEventsOf(api.db.prisma, r)).toEqual([]);
    }
  }

  it("searches by exact id without a purpose (ids are not personal), and refuses anything fuzzier", async () => {
    const byId = await as("AUDITOR").gql(FIND_WITHOUT_A_PURPOSE, { search: subject.id });
    expect(byId.data?.customers.edges.map((e) => e.node.id)).toEqual([subject.id]);
    expect(byId.data?.customers.edges[0]?.node.email).toBeNull();
    expect(redactions(byId).get("customers.edges.0.node.email")?.reason).toBe("PURPOSE_REQUIRED");

    for (const search of ["Test Person", "example.com", "not@an email"]) {
      const r = await find("SUPPORT_AGENT", "SUPPORT", { search });
      expect(r.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "search" });
    }
  });

  it("lists customers in pages that do not overlap; a bad cursor is BAD_USER_INPUT", async () => {
    for (let i = 0; i < 3; i++) await registerCustomer(api.client());
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const r: GraphQLResponse<ResultOf<typeof FIND>> = await find("SUPPORT_AGENT", "SUPPORT", {
        first: 2,
        after,
      });
      expect(r.errors).toEqual([]);
      seen.push(...(r.data?.customers.edges.map((e) => e.node.id) ?? []));
      if (!r.data?.customers.pageInfo.hasNextPage) break;
      after = r.data.customers.pageInfo.endCursor;
    }
    const all = await api.db.prisma.customer.findMany({
      where: { erasedAt: null },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    expect(seen).toEqual(all.map((c) => c.id));

    const bad = await find("SUPPORT_AGENT", "SUPPORT", { after: "zzz" });
    expect(bad.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    const tooMany = await find("SUPPORT_AGENT", "SUPPORT", { first: 101 });
    expect(tooMany.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });
});
