import { findAccessEvents } from "@privet/db/audit";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { registerCustomer, signInStaff, uniqueEmail } from "../../test-support/fixtures.js";

const SUBMIT = `mutation Submit($input: SubmitSupportRequestInput!) {
  submitSupportRequest(input: $input) { id status }
}`;
const QUEUE = `query Queue($status: SupportStatus, $first: Int) @purpose(name: SUPPORT, ref: "T-1042") {
  supportRequests(status: $status, first: $first) {
    id subject message status replyTo createdAt customer { id name email }
  }
}`;
const QUEUE_NO_PURPOSE = `query QueueNoPurpose {
  supportRequests(first: 50) { id subject message replyTo }
}`;
/** The request's own fields only (no customer), so the audit trail counts exactly these. */
const QUEUE_FIELDS = `query QueueFields @purpose(name: SUPPORT, ref: "T-2001") {
  supportRequests(first: 200) { id subject message replyTo status }
}`;

interface QueueItem {
  id: string;
  subject: string;
  message: string;
  status: string;
  replyTo: string | null;
  customer: { id: string; name: string | null; email: string | null } | null;
}

describe.each(testDatabases)("support requests on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("[P-19] a question sent by a customer appears in the staff support queue; an auditor is refused", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const sent = await client.gql<{ submitSupportRequest: { id: string; status: string } }>(
      SUBMIT,
      {
        input: {
          subject: "  Cannot change my consent  ",
          message: "The toggle for marketing does not save.\nThanks!",
        },
      },
    );
    expect(sent.errors).toEqual([]);
    expect(sent.data?.submitSupportRequest.status).toBe("OPEN");
    const id = sent.data?.submitSupportRequest.id;
    const row = await api.db.prisma.supportRequest.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      customerId: customer.id,
      replyTo: null,
      subject: "Cannot change my consent",
      status: "OPEN",
    });

    const agent = api.client();
    await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT");
    const queue = await agent.gql<{ supportRequests: QueueItem[] }>(QUEUE, { status: "OPEN" });
    expect(queue.errors).toEqual([]);
    expect(queue.data?.supportRequests.find((r) => r.id === id)).toEqual({
      id,
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
    const closed = await agent.gql<{ supportRequests: QueueItem[] }>(QUEUE, { status: "CLOSED" });
    expect(closed.data?.supportRequests.some((r) => r.id === id)).toBe(false);

    // A privacy officer works the queue too (its contents need a purpose: see below).
    const officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
    const officerQueue = await officer.gql<{ supportRequests: QueueItem[] }>(QUEUE_NO_PURPOSE);
    expect(officerQueue.data?.supportRequests.some((r) => r.id === id)).toBe(true);

    for (const role of ["AUDITOR", "ADMINISTRATOR"] as const) {
      const staff = api.client();
      await signInStaff(api.db.prisma, staff, role);
      const refused = await staff.gql(QUEUE_NO_PURPOSE);
      expect(refused.errors[0]?.extensions?.code, role).toBe("FORBIDDEN");
      expect(refused.data, role).toBeNull();
    }
    const security = api.client();
    await signInStaff(api.db.prisma, security, "SECURITY_OFFICER");
    expect((await security.gql(QUEUE, {})).errors[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await client.gql(QUEUE, {})).errors[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await api.client().gql(QUEUE, {})).errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

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
    const sent = await visitor.gql<{ submitSupportRequest: { id: string } }>(SUBMIT, {
      input: { subject: "Question", message: "Do you sell my data?", replyTo: address },
    });
    expect(sent.errors).toEqual([]);
    const id = sent.data?.submitSupportRequest.id ?? "";
    expect(await api.db.prisma.supportRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({
      customerId: null,
      replyTo: address,
      status: "OPEN",
    });

    const agent = api.client();
    await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT");
    // Without a purpose the address is redacted; the rest of the queue is intact.
    const blind = await agent.gql<{ supportRequests: QueueItem[] }>(QUEUE_NO_PURPOSE);
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

    // Under SUPPORT it is read, and the read is audited with the request as its subject.
    const open = await agent.gql<{ supportRequests: QueueItem[] }>(QUEUE, {});
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

    // A visitor never consented to marketing: a privacy officer cannot read it for that.
    const officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
    const marketing = await officer.gql<{ supportRequests: QueueItem[] }>(
      `query @purpose(name: MARKETING) { supportRequests { id replyTo } }`,
    );
    const mIndex = marketing.data?.supportRequests.findIndex((r) => r.id === id) ?? -1;
    expect(marketing.data?.supportRequests[mIndex]?.replyTo).toBeNull();
    expect(
      marketing.errors.find((e) => e.path?.join(".") === `supportRequests.${mIndex}.replyTo`)
        ?.extensions?.reason,
    ).toBe("CONSENT_WITHDRAWN");
  });

  it("[P-06] a request's subject, message and reply address are redacted without a purpose, and each read under SUPPORT is audited", async () => {
    const address = uniqueEmail("asker");
    const sent = await api.client().gql<{ submitSupportRequest: { id: string } }>(SUBMIT, {
      input: {
        subject: "My account was hacked",
        message: "Someone changed my address to 12 Elm Street.",
        replyTo: address,
      },
    });
    expect(sent.errors).toEqual([]);
    const id = sent.data?.submitSupportRequest.id ?? "";
    const eventsFor = (outcome: "ALLOWED" | "DENIED") =>
      findAccessEvents(api.db.prisma, { subjectId: id, outcome });

    const agent = api.client();
    await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT");
    const blind = await agent.gql<{ supportRequests: QueueItem[] }>(QUEUE_NO_PURPOSE);
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
    expect(redactions).toEqual([
      expect.objectContaining({
        field: "message",
        code: "PRIVACY_REDACTED",
        reason: "PURPOSE_REQUIRED",
        category: "user.content.message",
      }),
      expect.objectContaining({
        field: "replyTo",
        code: "PRIVACY_REDACTED",
        reason: "PURPOSE_REQUIRED",
        category: "user.contact.email",
      }),
      expect.objectContaining({
        field: "subject",
        code: "PRIVACY_REDACTED",
        reason: "PURPOSE_REQUIRED",
        category: "user.content.message",
      }),
    ]);
    expect(JSON.stringify(blind)).not.toMatch(/hacked|Elm Street/);
    expect(await eventsFor("ALLOWED")).toEqual([]);
    expect((await eventsFor("DENIED")).map((e) => e.fieldPath).sort()).toEqual(
      ["message", "replyTo", "subject"].map((f) => `supportRequests.${index}.${f}`),
    );

    // Under SUPPORT the agent reads them, and each field read is one allowed audit event.
    const open = await agent.gql<{ supportRequests: QueueItem[] }>(QUEUE_FIELDS);
    expect(open.errors).toEqual([]);
    const openIndex = open.data?.supportRequests.findIndex((r) => r.id === id) ?? -1;
    expect(open.data?.supportRequests[openIndex]).toEqual({
      id,
      subject: "My account was hacked",
      message: "Someone changed my address to 12 Elm Street.",
      replyTo: address,
      status: "OPEN",
    });
    const allowed = await eventsFor("ALLOWED");
    expect(
      allowed.map((e) => [e.fieldPath, e.category, e.purpose, e.reference, e.staffRole]).sort(),
    ).toEqual([
      [
        `supportRequests.${openIndex}.message`,
        "user.content.message",
        "SUPPORT",
        "T-2001",
        "SUPPORT_AGENT",
      ],
      [
        `supportRequests.${openIndex}.replyTo`,
        "user.contact.email",
        "SUPPORT",
        "T-2001",
        "SUPPORT_AGENT",
      ],
      [
        `supportRequests.${openIndex}.subject`,
        "user.content.message",
        "SUPPORT",
        "T-2001",
        "SUPPORT_AGENT",
      ],
    ]);

    // A purpose that may not read messages does not open them (MARKETING for a privacy officer).
    const officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
    const marketing = await officer.gql<{ supportRequests: QueueItem[] }>(
      `query @purpose(name: MARKETING) { supportRequests(first: 200) { id subject message } }`,
    );
    const mIndex = marketing.data?.supportRequests.findIndex((r) => r.id === id) ?? -1;
    expect(marketing.data?.supportRequests[mIndex]).toEqual({ id, subject: null, message: null });
    for (const field of ["subject", "message"]) {
      expect(
        marketing.errors.find((e) => e.path?.join(".") === `supportRequests.${mIndex}.${field}`)
          ?.extensions,
      ).toMatchObject({ reason: "PURPOSE_NOT_PERMITTED", category: "user.content.message" });
    }

    // An administrator runs the system, not the data: no queue, whatever purpose is declared.
    const admin = api.client();
    await signInStaff(api.db.prisma, admin, "ADMINISTRATOR");
    for (const query of [QUEUE_NO_PURPOSE, QUEUE_FIELDS]) {
      const refused = await admin.gql(query);
      expect(refused.errors[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(refused.data).toBeNull();
    }
    expect(await eventsFor("ALLOWED")).toHaveLength(3);
  });

  it("refuses bad input with an error code and writes nothing", async () => {
    const customer = api.client();
    await registerCustomer(customer);
    const before = await api.db.prisma.supportRequest.count();
    const ok = { subject: "Hello", message: "A question." };
    const cases: Array<[Record<string, unknown>, string, string]> = [
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
    const staff = api.client();
    await signInStaff(api.db.prisma, staff, "SUPPORT_AGENT");
    expect((await staff.gql(SUBMIT, { input: ok })).errors[0]?.extensions?.code).toBe("FORBIDDEN");
    // The queue's arguments are checked too.
    for (const variables of [{ first: 0 }, { first: 201 }, { status: "LOST" }]) {
      const result = await staff.gql(QUEUE, variables);
      expect(result.errors[0]?.extensions?.code, JSON.stringify(variables)).toBe("BAD_USER_INPUT");
    }
    expect(await api.db.prisma.supportRequest.count()).toBe(before + 1);
  });
});
