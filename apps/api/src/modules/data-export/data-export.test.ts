import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE, VISITOR_COOKIE } from "../../http/cookies.js";
import { hashToken } from "../../http/tokens.js";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  createPartner,
  createPolicyVersion,
  type RegisteredCustomer,
  registerCustomer,
  signInStaff,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import { type DataExportDocument, EXPORTED_FIELDS } from "./data-export.format.js";

const EXPORT = graphql(`
  query Export {
    myDataExport
  }
`);
const GIVE_REMARKETING = graphql(`
  mutation BusyCustomerGivesRemarketing {
    setConsent(purpose: REMARKETING, state: GIVEN) { state }
  }
`);
const PAGE_VIEW = graphql(`
  mutation BusyCustomerViewsAPage($path: String!) {
    recordPageView(path: $path)
  }
`);
const SET_CARD = graphql(`
  mutation BusyCustomerCard($input: PaymentMethodInput!) {
    setPaymentMethod(input: $input) { id }
  }
`);
const ASK = graphql(`
  mutation BusyCustomerAsks($input: SubmitSupportRequestInput!) {
    submitSupportRequest(input: $input) { id }
  }
`);
const REQUEST = graphql(`
  mutation BusyCustomerRequests($input: SubmitPrivacyRequestInput!) {
    submitPrivacyRequest(input: $input) { id }
  }
`);
const STAFF_READ = graphql(`
  query BusyCustomerReadByStaff($id: ID!) @purpose(name: SUPPORT, ref: "T-1042") {
    customer(id: $id) { email }
  }
`);
const ANSWER = graphql(`
  mutation BusyCustomerIsAnswered($id: ID!, $body: String!) {
    replyToSupportRequest(id: $id, body: $body) { id }
  }
`);
const PARTNER_READ = graphql(`
  query PartnerReadsCountries @purpose(name: CROSS_BORDER_CONSOLIDATION, ref: "SYNC-7") {
    partnerSubjects(first: 500) { edges { node { country } } }
  }
`);
const nextYear = new Date().getUTCFullYear() + 1;

/** A customer with something in every section, made through the API as the portal would. */
async function busyCustomer(api: TestApi, label: string) {
  const client = api.client();
  const customer = await registerCustomer(client, { name: `${label} Person` });
  const run = async (result: Promise<{ errors: ReadonlyArray<{ message: string }> }>) => {
    const { errors } = await result;
    if (errors.length > 0) throw new Error(`${label}: ${errors[0]?.message}`);
  };
  await run(client.gql(GIVE_REMARKETING));
  await run(client.gql(PAGE_VIEW, { path: `/${label.toLowerCase()}-page` }));
  await run(
    client.gql(SET_CARD, {
      input: {
        processorToken: `tok_${label}_secret_token`,
        brand: "visa",
        last4: label === "Alice" ? "4242" : "1881",
        expiryMonth: 8,
        expiryYear: nextYear,
      },
    }),
  );
  const asked = await client.gql(ASK, {
    input: { subject: `${label}'s question`, message: `${label} asks about consent.` },
  });
  expect(asked.errors).toEqual([]);
  const supportRequestId = asked.data?.submitSupportRequest.id ?? "";
  await run(client.gql(REQUEST, { input: { kind: "ACCESS", details: `${label} wants a copy.` } }));
  await api.db.prisma.customerHeldRecord.create({
    data: { customerId: customer.id, label: `${label}'s contact`, content: "Bob, +1 555 0100" },
  });
  return { client, customer, supportRequestId };
}

describe.each(testDatabases)("the data export on $name", (kind) => {
  let api: TestApi;
  let alice: { client: ApiClient; customer: RegisteredCustomer; supportRequestId: string };
  let bob: { client: ApiClient; customer: RegisteredCustomer; supportRequestId: string };
  let processorName: string;
  let text: string;
  let exported: DataExportDocument;

  beforeAll(async () => {
    api = await startTestApi(kind);
    await createPolicyVersion(api.db.prisma);
    alice = await busyCustomer(api, "Alice");
    bob = await busyCustomer(api, "Bob");
    // Reads of Alice's data by others, for her access log: a support agent under a ticket, and
    // a processor under its agreement. Bob's data is read too, and must not show in hers.
    const agent = api.client();
    await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT");
    for (const id of [alice.customer.id, bob.customer.id]) {
      const read = await agent.gql(STAFF_READ, { id });
      expect(read.errors).toEqual([]);
    }
    // Staff answers to their questions: two to Alice's (by two roles), one to Bob's.
    const officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
    for (const [client, id, body] of [
      [agent, alice.supportRequestId, "We never sell data, Alice."],
      [officer, alice.supportRequestId, "Your consents are on the Consents page."],
      [agent, bob.supportRequestId, "Bob's answer."],
    ] as const) {
      expect((await client.gql(ANSWER, { id, body })).errors).toEqual([]);
    }
    const { processor, apiKey } = await createPartner(api.db.prisma, {
      kind: "CLOUD_STORAGE",
      purposes: ["CROSS_BORDER_CONSOLIDATION"],
      categories: ["user.contact.country"],
    });
    processorName = processor.name;
    const partner = api.client({ authorization: `Bearer ${apiKey}` });
    const partnerRead = await partner.gql(PARTNER_READ);
    expect(partnerRead.errors).toEqual([]);

    const result = await alice.client.gql(EXPORT);
    expect(result.errors).toEqual([]);
    text = result.data?.myDataExport ?? "";
    exported = JSON.parse(text) as DataExportDocument;
  });
  afterAll(() => api?.close());

  it("holds the customer's profile, sessions, card, navigation, records and requests, with exportedAt and a format version", async () => {
    expect(exported).toMatchObject({
      format: "privet.data-export",
      formatVersion: 1,
      profile: {
        id: alice.customer.id,
        name: alice.customer.name,
        email: alice.customer.email,
        country: "US",
        jurisdiction: "CCPA",
      },
    });
    expect(Date.now() - new Date(exported.exportedAt).getTime()).toBeLessThan(60_000);
    expect(exported.sessions).toHaveLength(1);
    expect(exported.sessions[0]).toMatchObject({ browser: "Chrome", os: "macOS", current: true });
    expect(exported.sessions[0]?.ipAddress).toMatch(/\d/);
    expect(exported.cookies).toHaveLength(1);
    expect(exported.paymentMethods).toEqual([
      expect.objectContaining({ brand: "visa", last4: "4242", expiryMonth: 8, replacedAt: null }),
    ]);
    expect(exported.navigationEvents.map((e) => e.path)).toEqual(["/alice-page"]);
    expect(exported.heldRecords.map((r) => [r.label, r.content])).toEqual([
      ["Alice's contact", "Bob, +1 555 0100"],
    ]);
    expect(exported.privacyRequests.map((r) => [r.kind, r.details, r.status])).toEqual([
      ["ACCESS", "Alice wants a copy.", "RECEIVED"],
    ]);
    expect(exported.supportRequests.map((r) => [r.subject, r.message])).toEqual([
      ["Alice's question", "Alice asks about consent."],
    ]);
  });

  it("[P-19] holds each support request with the answers staff sent, oldest first, by role, never a staff name", async () => {
    const [request] = exported.supportRequests;
    expect(request).toMatchObject({ id: alice.supportRequestId, status: "ANSWERED" });
    expect(request?.answeredAt).not.toBeNull();
    expect(request?.replies.map((r) => [r.staffRole, r.body])).toEqual([
      ["SUPPORT_AGENT", "We never sell data, Alice."],
      ["PRIVACY_OFFICER", "Your consents are on the Consents page."],
    ]);
    for (const reply of request?.replies ?? []) {
      expect(Object.keys(reply).sort()).toEqual(["body", "sentAt", "staffRole"]);
      expect(Number.isNaN(Date.parse(reply.sentAt))).toBe(false);
    }
    expect(text).not.toContain("Test SUPPORT_AGENT");
    expect(text).not.toContain("Test PRIVACY_OFFICER");
    expect(text).not.toMatch(/staffUserId|staffName|"author"/);
  });

  it("holds every category the domain declares exported, at the fields the format names for it", async () => {
    const sections = exported as unknown as Record<string, unknown>;
    const valuesAt = (field: string): unknown[] => {
      const [section = "", key = ""] = field.split(".");
      const value = sections[section];
      const items = (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
      expect(items.length, `${section} is empty in a busy customer's export`).toBeGreaterThan(0);
      for (const item of items) expect(item, field).toHaveProperty(key);
      return items.map((item) => item[key]);
    };
    for (const [category, fields] of Object.entries(EXPORTED_FIELDS)) {
      const values = fields.flatMap(valuesAt);
      expect(
        values.some((v) => v !== null && v !== ""),
        `${category}: no value at ${fields.join(", ")}`,
      ).toBe(true);
    }
  });

  it("holds the full consent history and current consents, with source, policy version and dates", async () => {
    const history = exported.consentHistory.map((e) => [
      e.purpose,
      e.state,
      e.source,
      e.policyVersion,
    ]);
    expect(history).toEqual([
      ["REMARKETING", "GIVEN", "PORTAL", "2018-11-02"],
      ["MARKETING", "GIVEN", "REGISTRATION", "2018-11-02"],
    ]);
    expect(exported.consentHistory.every((e) => !Number.isNaN(Date.parse(e.occurredAt)))).toBe(
      true,
    );
    expect(exported.consents.find((c) => c.purpose === "REMARKETING")).toMatchObject({
      state: "GIVEN",
      source: "PORTAL",
      legalBasis: "CONSENT",
      policyVersion: "2018-11-02",
    });
  });

  it("holds the access log: who (role or processor), why, when and what, never a staff name", async () => {
    const log = exported.accessLog.map((e) => [
      e.accessorKind,
      e.staffRole,
      e.processorName,
      e.purpose,
      e.reference,
      e.category,
      e.breakGlassReason,
    ]);
    expect(log).toEqual([
      [
        "PARTNER",
        null,
        processorName,
        "CROSS_BORDER_CONSOLIDATION",
        "SYNC-7",
        "user.contact.country",
        null,
      ],
      ["STAFF", "SUPPORT_AGENT", null, "SUPPORT", "T-1042", "user.contact.email", null],
    ]);
    expect(text).not.toContain("Test SUPPORT_AGENT");
  });

  it("never holds a secret: password hash, session token or its hash, cookie value, processor token", async () => {
    const row = await api.db.prisma.customer.findUniqueOrThrow({
      where: { id: alice.customer.id },
    });
    const sessionToken = alice.client.cookies.get(SESSION_COOKIE) ?? "";
    const visitorCookie = alice.client.cookies.get(VISITOR_COOKIE) ?? "";
    expect(sessionToken).not.toBe("");
    expect(visitorCookie).not.toBe("");
    for (const secret of [
      row.passwordHash,
      sessionToken,
      hashToken(sessionToken),
      visitorCookie,
      "tok_Alice_secret_token",
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/passwordHash|tokenHash|processorToken|ipHash|"hash"/);
  });

  it("holds nothing of another customer's", async () => {
    const bobRow = await api.db.prisma.customer.findUniqueOrThrow({
      where: { id: bob.customer.id },
    });
    for (const value of [
      bobRow.id,
      bobRow.email,
      bobRow.name,
      "/bob-page",
      "1881",
      "Bob's question",
      "Bob's answer.",
      "Bob wants a copy.",
      "Bob's contact",
    ]) {
      expect(text).not.toContain(value);
    }
    // And Bob's export is his own.
    const his = await bob.client.gql(EXPORT);
    const document = JSON.parse(his.data?.myDataExport ?? "{}") as DataExportDocument;
    expect(document.profile.id).toBe(bob.customer.id);
    expect(his.data?.myDataExport).not.toContain(alice.customer.email);
  });

  it("is refused to anonymous visitors and staff, and reading one's own is not audited", async () => {
    const anonymous = await api.client().gql(EXPORT);
    expect(anonymous.errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(anonymous.data).toBeNull();
    const staff = api.client();
    await signInStaff(api.db.prisma, staff, "PRIVACY_OFFICER");
    expect((await staff.gql(EXPORT)).errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    const records = () => api.db.prisma.accessRecord.count();
    const before = await records();
    expect((await alice.client.gql(EXPORT)).errors).toEqual([]);
    expect(await records()).toBe(before);
  });
});
