import { findAccessEvents } from "@privet/db/audit";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  type RegisteredCustomer,
  registerCustomer,
  signInStaff,
  uniqueEmail,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import type {
  SubmitSupportRequestInput,
  SupportStatus,
} from "../../test-support/generated/graphql.js";

const SUBMIT = graphql(`
  mutation SubmitSupportQuestion($input: SubmitSupportRequestInput!) {
    submitSupportRequest(input: $input) { id status }
  }
`);
const QUEUE = graphql(`
  query SupportQueue($status: SupportStatus, $first: Int) @purpose(name: SUPPORT, ref: "T-1042") {
    supportRequests(status: $status, first: $first) {
      id subject message status replyTo createdAt customer { id name email }
    }
  }
`);
const QUEUE_NO_PURPOSE = graphql(`
  query QueueNoPurpose {
    supportRequests(first: 50) { id subject message replyTo }
  }
`);
/** The request's own fields only (no customer), so the audit trail counts exactly these. */
const QUEUE_FIELDS = graphql(`
  query QueueFields @purpose(name: SUPPORT, ref: "T-2001") {
    supportRequests(first: 200) { id subject message replyTo status }
  }
`);
const REPLY_ADDRESSES_FOR_MARKETING = graphql(`
  query ReplyAddressesForMarketing @purpose(name: MARKETING) {
    supportRequests { id replyTo }
  }
`);
const MESSAGES_FOR_MARKETING = graphql(`
  query MessagesForMarketing @purpose(name: MARKETING) {
    supportRequests(first: 200) { id subject message }
  }
`);

describe.each(testDatabases)("support requests on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  async function signedIn(role: Parameters<typeof signInStaff>[2]): Promise<ApiClient> {
    const client = api.client();
    await signInStaff(api.db.prisma, client, role);
    return client;
  }

  async function submitted(client: ApiClient, input: SubmitSupportRequestInput) {
    const sent = await client.gql(SUBMIT, { input });
    expect(sent.errors).toEqual([]);
    const request = sent.data?.submitSupportRequest;
    if (!request) throw new Error("no request");
    return request;
  }

  it("[P-19] a question sent by a customer appears in the staff support queue; an auditor is refused", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const sent = await submitted(client, {
      subject: "  Cannot change my consent  ",
      message: "The toggle for marketing does not save.\nThanks!",
    });
    expect(sent.status).toBe("OPEN");
    const row = await api.db.prisma.supportRequest.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row).toMatchObject({
      customerId: customer.id,
      replyTo: null,
      subject: "Cannot change my consent",
      status: "OPEN",
    });

    await anAgentSeesItInTheQueueAndTheReadIsAudited(row, customer);
    await onlySupportAgentsAndPrivacyOfficersWorkTheQueue(sent.id, client);
  });

  async function anAgentSeesItInTheQueueAndTheReadIsAudited(
    row: { id: string; createdAt: Date },
    customer: RegisteredCustomer,
  ) {
    const agent = await signedIn("SUPPORT_AGENT");
    const queue = await agent.gql(QUEUE, { status: "OPEN" });
    expect(queue.errors).toEqual([]);
    expect(queue.data?.supportRequests.find((r) => r.id === row.id)).toEqual({
      id: row.id,
      subject: "Cannot change my consent",
      message: "The toggle for marketing does not save.\nThanks!",
      status: "OPEN",
      replyTo: null,
      createdAt: row.createdAt.toISOString(),
      customer: { id: customer.id, name: customer.name, email: customer.email },
    });
    // The agent's read of the customer's words and details is in the customer's access log.
    const reads = await findAccessEvents(api.db.prisma, {
      subjectId: customer.id,
      purpose: "SUPPORT",
      reference: "T-1042",
    });
    expect(reads.map((r) => r.category).sort()).toEqual([
      "user.contact.email",
      "user.content.message",
      "user.content.message",
      "user.name",
    ]);
    // Other statuses filter it out.
    const closed = await agent.gql(QUEUE, { status: "CLOSED" });
    expect(closed.data?.supportRequests.some((r) => r.id === row.id)).toBe(false);
  }

  async function onlySupportAgentsAndPrivacyOfficersWorkTheQueue(id: string, customer: ApiClient) {
    // A privacy officer works the queue too (its contents need a purpose: see below).
    const officerQueue = await (await signedIn("PRIVACY_OFFICER")).gql(QUEUE_NO_PURPOSE);
    expect(officerQueue.data?.supportRequests.some((r) => r.id === id)).toBe(true);

    for (const role of ["AUDITOR", "ADMINISTRATOR"] as const) {
      const refused = await (await signedIn(role)).gql(QUEUE_NO_PURPOSE);
      expect(refused.errors[0]?.extensions?.code, role).toBe("FORBIDDEN");
      expect(refused.data, role).toBeNull();
    }
    const security = await signedIn("SECURITY_OFFICER");
    expect((await security.gql(QUEUE)).errors[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await customer.gql(QUEUE)).errors[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await api.client().gql(QUEUE)).errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  }

  it("[P-19] a visitor must give a reply address, which staff read only under a purpose, audited against the request", async () => {
    const visitor = api.client();
    const before = await api.db.prisma.supportRequest.count();
    const withoutAddress = await visitor.gql(SUBMIT, {
      input: { subject: "Question", message: "Do you sell my data?" },
    });
    expect(withoutAddress.errors[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "replyTo",
    });
    expect(await api.db.prisma.supportRequest.count()).toBe(before);

    const address = uniqueEmail("visitor");
    const { id } = await submitted(visitor, {
      subject: "Question",
      message: "Do you sell my data?",
      replyTo: address,
    });
    expect(await api.db.prisma.supportRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({
      customerId: null,
      replyTo: address,
      status: "OPEN",
    });

    const agent = await signedIn("SUPPORT_AGENT");
    await withoutAPurposeTheAddressIsRedacted(agent, id);
    await underSupportTheAddressIsReadAuditedAgainstTheRequest(agent, id, address);
    await aVisitorNeverConsentedToMarketing(id);
  });

  /** Without a purpose the address is redacted; the rest of the queue is intact. */
  async function withoutAPurposeTheAddressIsRedacted(agent: ApiClient, id: string) {
    const blind = await agent.gql(QUEUE_NO_PURPOSE);
    const index = blind.data?.supportRequests.findIndex((r) => r.id === id) ?? -1;
    expect(index).toBeGreaterThanOrEqual(0);
    expect(blind.data?.supportRequests[index]).toMatchObject({ id, replyTo: null });
    expect(
      blind.errors.find((e) => e.path?.join(".") === `supportRequests.${index}.replyTo`)
        ?.extensions,
    ).toMatchObject({
      code: "PRIVACY_REDACTED",
      reason: "PURPOSE_REQUIRED",
      category: "user.contact.email",
    });
  }

  /** Under SUPPORT it is read, and the read is audited with the request as its subject. */
  async function underSupportTheAddressIsReadAuditedAgainstTheRequest(
    agent: ApiClient,
    id: string,
    address: string,
  ) {
    const open = await agent.gql(QUEUE);
    expect(open.data?.supportRequests.find((r) => r.id === id)).toMatchObject({
      replyTo: address,
      customer: null,
    });
    const reads = await findAccessEvents(api.db.prisma, {
      subjectId: id,
      outcome: "ALLOWED",
      category: "user.contact.email",
    });
    expect(reads).toEqual([
      expect.objectContaining({
        category: "user.contact.email",
        purpose: "SUPPORT",
        reference: "T-1042",
        principalKind: "STAFF",
      }),
    ]);
  }

  /** A privacy officer cannot read a visitor's address for marketing: they never consented. */
  async function aVisitorNeverConsentedToMarketing(id: string) {
    const officer = await signedIn("PRIVACY_OFFICER");
    const marketing = await officer.gql(REPLY_ADDRESSES_FOR_MARKETING);
    const mIndex = marketing.data?.supportRequests.findIndex((r) => r.id === id) ?? -1;
    expect(marketing.data?.supportRequests[mIndex]?.replyTo).toBeNull();
    expect(
      marketing.errors.find((e) => e.path?.join(".") === `supportRequests.${mIndex}.replyTo`)
        ?.extensions?.reason,
    ).toBe("CONSENT_WITHDRAWN");
  }

  it("[P-06] a request's subject, message and reply address are redacted without a purpose, and each read under SUPPORT is audited", async () => {
    const address = uniqueEmail("asker");
    const { id } = await submitted(api.client(), {
      subject: "My account was hacked",
      message: "Someone changed my address to 12 Elm Street.",
      replyTo: address,
    });
    const agent = await signedIn("SUPPORT_AGENT");
    await withoutAPurposeAllThreeAreRedactedAndEachRefusalAudited(agent, id);
    await underSupportEachFieldReadIsOneAllowedEvent(agent, id, address);
    await marketingDoesNotOpenMessages(id);

    // An administrator runs the system, not the data: no queue, whatever purpose is declared.
    const admin = await signedIn("ADMINISTRATOR");
    for (const send of [() => admin.gql(QUEUE_NO_PURPOSE), () => admin.gql(QUEUE_FIELDS)]) {
      const refused = await send();
      expect(refused.errors[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(refused.data).toBeNull();
    }
    expect(await eventsFor(id, "ALLOWED")).toHaveLength(3);
  });

  const eventsFor = (id: string, outcome: "ALLOWED" | "DENIED") =>
    findAccessEvents(api.db.prisma, { subjectId: id, outcome });

  async function withoutAPurposeAllThreeAreRedactedAndEachRefusalAudited(
    agent: ApiClient,
    id: string,
  ) {
    const blind = await agent.gql(QUEUE_NO_PURPOSE);
    const index = blind.data?.supportRequests.findIndex((r) => r.id === id) ?? -1;
    expect(index).toBeGreaterThanOrEqual(0);
    expect(blind.data?.supportRequests[index]).toEqual({
      id,
      subject: null,
      message: null,
      replyTo: null,
    });
    const redactions = blind.errors
      .filter((e) => e.path?.slice(0, 2).join(".") === `supportRequests.${index}`)
      .map((e) => ({ field: e.path?.[2], ...e.extensions }))
      .sort((a, b) => String(a.field).localeCompare(String(b.field)));
    const redacted = (field: string, category: string) =>
      expect.objectContaining({
        field,
        code: "PRIVACY_REDACTED",
        reason: "PURPOSE_REQUIRED",
        category,
      });
    expect(redactions).toEqual([
      redacted("message", "user.content.message"),
      redacted("replyTo", "user.contact.email"),
      redacted("subject", "user.content.message"),
    ]);
    expect(JSON.stringify(blind)).not.toMatch(/hacked|Elm Street/);
    expect(await eventsFor(id, "ALLOWED")).toEqual([]);
    expect((await eventsFor(id, "DENIED")).map((e) => e.fieldPath).sort()).toEqual(
      ["message", "replyTo", "subject"].map((f) => `supportRequests.${index}.${f}`),
    );
  }

  async function underSupportEachFieldReadIsOneAllowedEvent(
    agent: ApiClient,
    id: string,
    address: string,
  ) {
    const open = await agent.gql(QUEUE_FIELDS);
    expect(open.errors).toEqual([]);
    const openIndex = open.data?.supportRequests.findIndex((r) => r.id === id) ?? -1;
    expect(open.data?.supportRequests[openIndex]).toEqual({
      id,
      subject: "My account was hacked",
      message: "Someone changed my address to 12 Elm Street.",
      replyTo: address,
      status: "OPEN",
    });
    const allowed = await eventsFor(id, "ALLOWED");
    const read = (field: string, category: string) => [
      `supportRequests.${openIndex}.${field}`,
      category,
      "SUPPORT",
      "T-2001",
      "SUPPORT_AGENT",
    ];
    expect(
      allowed.map((e) => [e.fieldPath, e.category, e.purpose, e.reference, e.staffRole]).sort(),
    ).toEqual([
      read("message", "user.content.message"),
      read("replyTo", "user.contact.email"),
      read("subject", "user.content.message"),
    ]);
  }

  /** A purpose that may not read messages does not open them (MARKETING for a privacy officer). */
  async function marketingDoesNotOpenMessages(id: string) {
    const officer = await signedIn("PRIVACY_OFFICER");
    const marketing = await officer.gql(MESSAGES_FOR_MARKETING);
    const mIndex = marketing.data?.supportRequests.findIndex((r) => r.id === id) ?? -1;
    expect(marketing.data?.supportRequests[mIndex]).toEqual({ id, subject: null, message: null });
    for (const field of ["subject", "message"]) {
      expect(
        marketing.errors.find((e) => e.path?.join(".") === `supportRequests.${mIndex}.${field}`)
          ?.extensions,
      ).toMatchObject({ reason: "PURPOSE_NOT_PERMITTED", category: "user.content.message" });
    }
  }

  it("refuses bad input with an error code and writes nothing", async () => {
    const customer = api.client();
    await registerCustomer(customer);
    const before = await api.db.prisma.supportRequest.count();
    const ok = { subject: "Hello", message: "A question." };
    const cases: Array<[Partial<SubmitSupportRequestInput>, string, string]> = [
      [{ subject: "" }, "BAD_USER_INPUT", "subject"],
      [{ subject: "   " }, "BAD_USER_INPUT", "subject"],
      [{ subject: "s".repeat(201) }, "BAD_USER_INPUT", "subject"],
      [{ subject: "Bell\u0007" }, "BAD_USER_INPUT", "subject"],
      [{ message: "" }, "BAD_USER_INPUT", "message"],
      [{ message: "m".repeat(5001) }, "BAD_USER_INPUT", "message"],
      [{ message: "NUL \u0000 here" }, "BAD_USER_INPUT", "message"],
      [{ replyTo: "not-an-email" }, "BAD_USER_INPUT", "replyTo"],
      [
        { message: "My card 4111 1111 1111 1111 was charged twice" },
        "CARD_NUMBER_REJECTED",
        "message",
      ],
      [{ subject: "Card 4111-1111-1111-1111" }, "CARD_NUMBER_REJECTED", "subject"],
    ];
    for (const [overrides, code, field] of cases) {
      const result = await customer.gql(SUBMIT, { input: { ...ok, ...overrides } });
      expect(result.errors[0]?.extensions, JSON.stringify(overrides).slice(0, 60)).toMatchObject({
        code,
        field,
      });
      expect(JSON.stringify(result.errors)).not.toMatch(/4111/);
    }
    // Limits are inclusive.
    const longest = await customer.gql(SUBMIT, {
      input: { subject: "s".repeat(200), message: "m".repeat(5000) },
    });
    expect(longest.errors).toEqual([]);
    expect(await api.db.prisma.supportRequest.count()).toBe(before + 1);

    // Staff and partners do not file requests through the contact form.
    const staff = await signedIn("SUPPORT_AGENT");
    expect((await staff.gql(SUBMIT, { input: ok })).errors[0]?.extensions?.code).toBe("FORBIDDEN");
    // The queue's arguments are checked too (an unknown status sent as it is, on purpose).
    const badQueues: Array<{ first?: number; status?: SupportStatus }> = [
      { first: 0 },
      { first: 201 },
      { status: "LOST" as SupportStatus },
    ];
    for (const variables of badQueues) {
      const result = await staff.gql(QUEUE, variables);
      expect(result.errors[0]?.extensions?.code, JSON.stringify(variables)).toBe("BAD_USER_INPUT");
    }
    expect(await api.db.prisma.supportRequest.count()).toBe(before + 1);
  });
});
