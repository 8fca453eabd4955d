import type { ResultOf } from "@graphql-typed-document-node/core";
import { findAccessEvents } from "@privet/db/audit";
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
  type RegisteredCustomer,
  redactions,
  registerCustomer,
  signInStaff,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import type {
  LegalRequestKind,
  RecordLegalRequestInput,
} from "../../test-support/generated/graphql.js";

const RECORD = graphql(`
  mutation RecordLegalRequest($input: RecordLegalRequestInput!) {
    recordLegalRequest(input: $input) {
      id kind authority reference receivedAt subjectIds categories status legalHold createdById
      closedAt
    }
  }
`);
const LIST = graphql(`
  query LegalRequestList {
    legalRequests { id reference status subjectIds categories }
  }
`);
const ONE = graphql(`
  query OneLegalRequest($id: ID!) {
    legalRequest(id: $id) { id reference status }
  }
`);
const CLOSE = graphql(`
  mutation CloseLegalRequest($id: ID!) {
    closeLegalRequest(id: $id) { id status closedAt }
  }
`);
const DISCLOSE = graphql(`
  query Disclose($id: ID!, $subjectId: ID, $purpose: Purpose!, $ref: String)
  @purpose(name: $purpose, ref: $ref) {
    legalDisclosure(legalRequestId: $id, subjectId: $subjectId) {
      legalRequest { id categories }
      subjects {
        id
        customer { id name email country }
        supportRequests { id subject message }
      }
    }
  }
`);
const DISCLOSE_WITHOUT_A_PURPOSE = graphql(`
  query DiscloseWithoutAPurpose($id: ID!, $subjectId: ID) {
    legalDisclosure(legalRequestId: $id, subjectId: $subjectId) {
      subjects { id customer { id name email country } }
    }
  }
`);
const READ_UNDER_A_LEGAL_REQUEST = graphql(`
  query ReadUnderALegalRequest($id: ID!, $ref: String!)
  @purpose(name: LEGAL_OBLIGATION, ref: $ref) {
    customer(id: $id) { id name email }
  }
`);
const ASK = graphql(`
  mutation DisclosedCustomerAsks($input: SubmitSupportRequestInput!) {
    submitSupportRequest(input: $input) { id }
  }
`);

type LegalRequestData = NonNullable<ResultOf<typeof RECORD>["recordLegalRequest"]>;

let sequence = 0;
const nextReference = () => `CASE-${Date.now()}-${++sequence}`;

describe.each(testDatabases)("legal requests on $name", (kind) => {
  let api: TestApi;
  let officer: ApiClient;
  let officerId: string;
  let alice: RegisteredCustomer;
  let bob: RegisteredCustomer;
  let outsider: RegisteredCustomer;

  beforeAll(async () => {
    api = await startTestApi(kind);
    officer = api.client();
    officerId = (await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER")).id;
    const aliceClient = api.client();
    alice = await registerCustomer(aliceClient, { name: "Alice Disclosed", country: "US" });
    const sent = await aliceClient.gql(ASK, {
      input: { subject: "Refund", message: "Alice's message about her refund." },
    });
    expect(sent.errors).toEqual([]);
    bob = await registerCustomer(api.client(), { name: "Bob Disclosed", country: "DE" });
    outsider = await registerCustomer(api.client(), { name: "Olga Outside", country: "FR" });
  }, 120_000);
  afterAll(() => api?.close());

  const record = (client: ApiClient, input: Partial<RecordLegalRequestInput> = {}) =>
    client.gql(RECORD, {
      input: {
        kind: "COURT_ORDER",
        authority: "Superior Court of California, County of San Francisco",
        reference: nextReference(),
        receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
        subjectIds: [alice.id, bob.id],
        categories: ["user.name", "user.contact.email", "user.content.message"],
        ...input,
      },
    });

  async function recorded(input: Partial<RecordLegalRequestInput> = {}): Promise<LegalRequestData> {
    const result = await record(officer, input);
    expect(result.errors).toEqual([]);
    const request = result.data?.recordLegalRequest;
    if (!request) throw new Error("not recorded");
    return request;
  }

  it("[P-11] records a legal request with its scope, lists it, reads it and closes it", async () => {
    const request = await recorded({ kind: "GOVERNMENT_REQUEST", notes: "Served by mail." });
    expect(request).toMatchObject({
      kind: "GOVERNMENT_REQUEST",
      status: "OPEN",
      legalHold: true,
      createdById: officerId,
      closedAt: null,
      categories: ["user.name", "user.contact.email", "user.content.message"],
    });
    expect(request.subjectIds).toEqual([alice.id, bob.id].sort());
    const stored = await api.db.prisma.legalRequestSubject.findMany({
      where: { legalRequestId: request.id },
    });
    expect(stored.map((s) => s.customerId).sort()).toEqual([alice.id, bob.id].sort());

    const list = await officer.gql(LIST);
    expect(list.errors).toEqual([]);
    expect(list.data?.legalRequests.find((r) => r.id === request.id)).toMatchObject({
      reference: request.reference,
      status: "OPEN",
    });
    const one = await officer.gql(ONE, { id: request.id });
    expect(one.data?.legalRequest).toMatchObject({ id: request.id, status: "OPEN" });

    const closed = await officer.gql(CLOSE, { id: request.id });
    expect(closed.errors).toEqual([]);
    expect(closed.data?.closeLegalRequest.status).toBe("CLOSED");
    expect(closed.data?.closeLegalRequest.closedAt).not.toBeNull();
    const again = await officer.gql(CLOSE, { id: request.id });
    expect(again.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("[P-11] a disclosure returns exactly the fields in the request's scope, each audited with the legal request", async () => {
    const request = await recorded();
    const result = await officer.gql(DISCLOSE, {
      id: request.id,
      purpose: "LEGAL_OBLIGATION",
      ref: request.id,
    });
    const subjects = result.data?.legalDisclosure?.subjects ?? [];
    expect(subjects.map((s) => s.id)).toEqual([alice.id, bob.id].sort());
    const byId = new Map(subjects.map((s) => [s.id, s]));
    expect(byId.get(alice.id)?.customer).toMatchObject({
      name: "Alice Disclosed",
      email: alice.email,
      country: null,
    });
    expect(byId.get(alice.id)?.supportRequests).toEqual([
      expect.objectContaining({ subject: "Refund", message: "Alice's message about her refund." }),
    ]);
    expect(byId.get(bob.id)?.customer).toMatchObject({ name: "Bob Disclosed", email: bob.email });
    expect(JSON.stringify(result)).not.toContain("Olga");

    // Outside the scope: country, redacted with the reason, for both subjects and nothing else.
    const redacted = redactions(result);
    expect(redacted.size).toBe(2);
    for (const [path, r] of redacted) {
      expect(path).toMatch(/^legalDisclosure\.subjects\.\d\.customer\.country$/);
      expect(r).toEqual({ reason: "LEGAL_REQUEST_REQUIRED", category: "user.contact.country" });
    }
    expect(result.errors.every((e) => e.extensions?.code === "PRIVACY_REDACTED")).toBe(true);

    await expectEveryFieldReadAuditedCitingTheRequest(result, request);
    await citingTheReferenceWorksTheSameAndOneSubjectCanBeAskedAlone(request);
  });

  /** Every field read is one audit event under LEGAL_OBLIGATION citing the request. */
  async function expectEveryFieldReadAuditedCitingTheRequest(
    result: GraphQLResponse<unknown>,
    request: LegalRequestData,
  ) {
    const events = await accessEventsOf(api.db.prisma, result);
    expect(events.length).toBe(2 * 3 + 2); // name, email, country each; subject and message
    for (const event of events) {
      expect(event).toMatchObject({
        legalRequestId: request.id,
        purpose: "LEGAL_OBLIGATION",
        principalId: officerId,
        staffRole: "PRIVACY_OFFICER",
      });
      expect([alice.id, bob.id]).toContain(event.subjectId);
    }
    const allowed = events.filter((e) => e.outcome === "ALLOWED");
    expect(new Set(allowed.map((e) => e.category))).toEqual(new Set(request.categories));
    expect(allowed).toHaveLength(6);
    const denied = events.filter((e) => e.outcome === "DENIED");
    expect(denied.map((e) => `${e.category}:${e.denyReason}`)).toEqual([
      "user.contact.country:LEGAL_REQUEST_REQUIRED",
      "user.contact.country:LEGAL_REQUEST_REQUIRED",
    ]);
    const byRequest = await findAccessEvents(api.db.prisma, { subjectId: outsider.id });
    expect(byRequest).toEqual([]);
  }

  async function citingTheReferenceWorksTheSameAndOneSubjectCanBeAskedAlone(
    request: LegalRequestData,
  ) {
    const single = await officer.gql(DISCLOSE, {
      id: request.id,
      subjectId: bob.id,
      purpose: "LEGAL_OBLIGATION",
      ref: request.reference,
    });
    expect(single.data?.legalDisclosure?.subjects.map((s) => s.customer.email)).toEqual([
      bob.email,
    ]);
    expect(single.data?.legalDisclosure?.subjects[0]?.supportRequests).toEqual([]);
    const singleEvents = await accessEventsOf(api.db.prisma, single);
    expect(singleEvents.length).toBeGreaterThan(0);
    expect(singleEvents.every((e) => e.legalRequestId === request.id)).toBe(true);
  }

  it("[P-11] a disclosure without a recorded request, or for a closed one, or for a subject outside it, reads nothing", async () => {
    const request = await recorded();
    const other = await recorded({ subjectIds: [outsider.id] });
    const closed = await recorded();
    expect((await officer.gql(CLOSE, { id: closed.id })).errors).toEqual([]);
    const unknownId = "01900000-0000-7000-8000-000000000000";
    const legally = (id: string, ref: string, subjectId?: string) =>
      officer.gql(DISCLOSE, { id, subjectId, purpose: "LEGAL_OBLIGATION", ref });
    type Disclosed = GraphQLResponse<{ legalDisclosure: unknown }>;
    const attempts: Array<[string, () => Promise<Disclosed>, string]> = [
      [
        "no purpose",
        () => officer.gql(DISCLOSE_WITHOUT_A_PURPOSE, { id: request.id }),
        "PURPOSE_REQUIRED",
      ],
      [
        "another purpose",
        () => officer.gql(DISCLOSE, { id: request.id, purpose: "SUPPORT", ref: request.id }),
        "FORBIDDEN",
      ],
      ["no reference", () => legally(request.id, ""), "FORBIDDEN"],
      ["citing another request", () => legally(request.id, other.id), "FORBIDDEN"],
      ["an unrecorded request", () => legally(unknownId, unknownId), "NOT_FOUND"],
      ["a closed request", () => legally(closed.id, closed.id), "FORBIDDEN"],
      ["a subject outside it", () => legally(request.id, request.id, outsider.id), "FORBIDDEN"],
      ["a malformed id", () => legally("x", "x"), "BAD_USER_INPUT"],
    ];
    for (const [label, send, code] of attempts) {
      const result = await send();
      expect(result.data?.legalDisclosure ?? null, label).toBeNull();
      expect(
        result.errors.map((e) => e.extensions?.code),
        label,
      ).toEqual([code]);
      // In plain words: no code, no internal name, no directive syntax, no id.
      const message = result.errors[0]?.message ?? "";
      expect(message, label).not.toMatch(/[A-Z]{2,}_[A-Z]|@purpose|\bref:/);
      for (const id of [request.id, other.id, closed.id, unknownId]) {
        expect(message, label).not.toContain(id);
      }
      expect(await accessEventsOf(api.db.prisma, result), label).toEqual([]);
    }

    // Reading the outsider directly under the request: every field redacted, nothing shown.
    const direct = await officer.gql(READ_UNDER_A_LEGAL_REQUEST, {
      id: outsider.id,
      ref: request.id,
    });
    expect(direct.data?.customer).toMatchObject({ name: null, email: null });
    expect([...redactions(direct).values()].map((r) => r.reason)).toEqual([
      "LEGAL_REQUEST_REQUIRED",
      "LEGAL_REQUEST_REQUIRED",
    ]);
    const directEvents = await accessEventsOf(api.db.prisma, direct);
    expect(directEvents.every((e) => e.outcome === "DENIED")).toBe(true);
  });

  it("limits every operation by role", async () => {
    const request = await recorded();
    const roles: StaffRole[] = ["SUPPORT_AGENT", "SECURITY_OFFICER", "AUDITOR", "ADMINISTRATOR"];
    for (const role of roles) {
      const client = api.client();
      await signInStaff(api.db.prisma, client, role);
      const created = await record(client);
      expect(created.errors[0]?.extensions?.code, role).toBe("FORBIDDEN");
      const closing = await client.gql(CLOSE, { id: request.id });
      expect(closing.errors[0]?.extensions?.code, role).toBe("FORBIDDEN");
      const disclosed = await client.gql(DISCLOSE, {
        id: request.id,
        purpose: "LEGAL_OBLIGATION",
        ref: request.id,
      });
      expect(disclosed.errors[0]?.extensions?.code, role).toBe("FORBIDDEN");
      expect(await accessEventsOf(api.db.prisma, disclosed), role).toEqual([]);
      const listed = await client.gql(LIST);
      if (role === "AUDITOR") {
        expect(listed.errors, role).toEqual([]);
        expect(listed.data?.legalRequests.some((r) => r.id === request.id)).toBe(true);
      } else {
        expect(listed.errors[0]?.extensions?.code, role).toBe("FORBIDDEN");
      }
    }
    const customer = api.client();
    await registerCustomer(customer);
    expect((await record(customer)).errors[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await api.client().gql(LIST)).errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const still = await api.db.prisma.legalRequest.findUnique({ where: { id: request.id } });
    expect(still?.status).toBe("OPEN");
  });

  it("refuses bad input with a code naming the field, and records nothing", async () => {
    const before = await api.db.prisma.legalRequest.count();
    const taken = await recorded();
    const cases: Array<[string, Partial<RecordLegalRequestInput>, string]> = [
      ["unknown category", { categories: ["user.shoe_size"] }, "categories"],
      ["credentials", { categories: ["user.credentials.password"] }, "categories"],
      ["no categories", { categories: [] }, "categories"],
      ["no subjects", { subjectIds: [] }, "subjectIds"],
      [
        "unknown customer",
        { subjectIds: [alice.id, "01900000-0000-7000-8000-000000000001"] },
        "subjectIds",
      ],
      ["malformed customer id", { subjectIds: ["not-an-id"] }, "subjectIds"],
      ["empty authority", { authority: "  " }, "authority"],
      ["empty reference", { reference: "" }, "reference"],
      [
        "future receipt",
        { receivedAt: new Date(Date.now() + 7 * 86_400_000).toISOString() },
        "receivedAt",
      ],
      ["duplicate", { authority: taken.authority, reference: taken.reference }, "reference"],
    ];
    for (const [label, input, field] of cases) {
      const result = await record(officer, input);
      expect(result.errors[0]?.extensions, label).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    const missing = "01900000-0000-7000-8000-000000000002";
    expect((await officer.gql(ONE, { id: missing })).errors[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await officer.gql(CLOSE, { id: missing })).errors[0]?.extensions?.code).toBe(
      "NOT_FOUND",
    );
    expect((await officer.gql(ONE, { id: "nope" })).errors[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "id",
    });
    // Not a kind: sent as it is on purpose.
    const badKind = await record(officer, { kind: "SUBPOENA_BY_EMAIL" as LegalRequestKind });
    expect(badKind.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await api.db.prisma.legalRequest.count()).toBe(before + 1);
  });
});
