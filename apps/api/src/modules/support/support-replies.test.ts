/**
 * Working the support queue over HTTP (P-19): reply (stored, emailed through the outbox, read by
 * the customer in the portal), assign by name, close and reopen — each in the staff action log
 * without its text — and who may do none of it.
 */
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  createStaff,
  registerCustomer,
  signInStaff,
  uniqueEmail,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import { REPLY_SUBJECT } from "./reply-to-support-request.resolver.js";

const ASK = graphql(`
  mutation AskSupport($input: SubmitSupportRequestInput!) {
    submitSupportRequest(input: $input) { id }
  }
`);
const REPLY = graphql(`
  mutation ReplyToSupport($id: ID!, $body: String!) {
    replyToSupportRequest(id: $id, body: $body) { id status answeredAt actions }
  }
`);
const ASSIGN = graphql(`
  mutation AssignSupport($id: ID!, $staffUserId: ID) {
    assignSupportRequest(id: $id, staffUserId: $staffUserId) { id status assignee { id name you } }
  }
`);
const CLOSE = graphql(`
  mutation CloseSupport($id: ID!) {
    closeSupportRequest(id: $id) { id status closedAt actions }
  }
`);
const REOPEN = graphql(`
  mutation ReopenSupport($id: ID!) {
    reopenSupportRequest(id: $id) { id status closedAt actions }
  }
`);
const ASSIGNEES = graphql(`
  query SupportAssigneeList { supportAssignees { id name you } }
`);
const MINE = graphql(`
  query MySupportThread {
    mySupportRequests {
      id subject status assignee { id }
      replies { id body createdAt author { name } }
    }
  }
`);
const THREAD_NO_PURPOSE = graphql(`
  query SupportThreadNoPurpose {
    supportRequests(first: 200) { id replies { body author { name } } }
  }
`);

describe.each(testDatabases)("working the support queue on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  async function staffClient(role: Parameters<typeof signInStaff>[2]) {
    const client = api.client();
    const staff = await signInStaff(api.db.prisma, client, role);
    return { client, staff };
  }

  async function customerAsks(): Promise<{ client: ApiClient; id: string; email: string }> {
    const client = api.client();
    const { email } = await registerCustomer(client);
    const asked = await client.gql(ASK, {
      input: { subject: "Invoice missing", message: "Where is my November invoice?" },
    });
    const id = asked.data?.submitSupportRequest.id;
    if (!id) throw new Error("no request");
    return { client, id, email };
  }

  it("[P-19] a reply is stored, queued as an email to the customer and shown under their question in the portal", async () => {
    const customer = await customerAsks();
    const { client: agent, staff } = await staffClient("SUPPORT_AGENT");
    const answer = "Your invoice is under Payments.\nSorry for the wait.";

    const replied = await agent.gql(REPLY, { id: customer.id, body: answer });
    expect(replied.errors).toEqual([]);
    expect(replied.data?.replyToSupportRequest).toMatchObject({
      status: "ANSWERED",
      actions: ["REPLY", "ASSIGN", "CLOSE"],
    });

    const [email] = await api.db.prisma.outboxEmail.findMany({
      where: { kind: "SUPPORT_REPLY", toAddress: customer.email },
    });
    expect(email).toMatchObject({ status: "PENDING", subject: REPLY_SUBJECT });
    expect(email?.textBody).toContain(answer);
    expect(email?.textBody).toContain("/contact");
    // The email names the question by its date, never by what the customer wrote.
    expect(email?.textBody).not.toMatch(/Invoice missing|November invoice/);
    const stored = await api.db.prisma.supportReply.findMany({ where: { requestId: customer.id } });
    expect(stored).toEqual([
      expect.objectContaining({ body: answer, staffUserId: staff.id, emailId: email?.id }),
    ]);

    const mine = await customer.client.gql(MINE);
    expect(mine.errors).toEqual([]);
    const thread = mine.data?.mySupportRequests.find((r) => r.id === customer.id);
    // Staff names are for staff: the customer sees the answer, not who wrote it.
    expect(thread).toMatchObject({
      subject: "Invoice missing",
      status: "ANSWERED",
      assignee: null,
      replies: [{ body: answer, author: null }],
    });
    // Someone else's questions are not theirs to read.
    const other = api.client();
    await registerCustomer(other);
    expect((await other.gql(MINE)).data?.mySupportRequests).toEqual([]);
    expect((await api.client().gql(MINE)).errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("[P-19] a visitor's answer goes to the address they gave", async () => {
    const address = uniqueEmail("visitor");
    const asked = await api.client().gql(ASK, {
      input: { subject: "Do you sell data?", message: "Please tell me.", replyTo: address },
    });
    const id = asked.data?.submitSupportRequest.id ?? "";
    const { client: agent } = await staffClient("PRIVACY_OFFICER");
    expect((await agent.gql(REPLY, { id, body: "We never sell data." })).errors).toEqual([]);
    const emails = await api.db.prisma.outboxEmail.findMany({ where: { toAddress: address } });
    expect(emails.map((e) => [e.kind, e.customerId])).toEqual([["SUPPORT_REPLY", null]]);
    expect(emails[0]?.textBody).not.toContain("/contact");
  });

  it("[P-03] a reply carrying a card number is refused and nothing is stored, sent or logged with it", async () => {
    const { id } = await customerAsks();
    const { client: agent } = await staffClient("SUPPORT_AGENT");
    const emailsBefore = await api.db.prisma.outboxEmail.count();
    const refused = await agent.gql(REPLY, {
      id,
      body: "We refunded the card 4111 1111 1111 1111.",
    });
    expect(refused.errors[0]?.extensions).toMatchObject({
      code: "CARD_NUMBER_REJECTED",
      field: "body",
    });
    expect(JSON.stringify(refused)).not.toContain("4111");
    expect(await api.db.prisma.supportReply.count({ where: { requestId: id } })).toBe(0);
    expect(await api.db.prisma.outboxEmail.count()).toBe(emailsBefore);
    const logged = JSON.stringify(await api.db.prisma.staffAction.findMany(), (_k, v) =>
      typeof v === "bigint" ? String(v) : v,
    );
    expect(logged).not.toContain("4111");
  });

  it("refuses a bad reply with the field named, and writes nothing", async () => {
    const { id } = await customerAsks();
    const { client: agent } = await staffClient("SUPPORT_AGENT");
    for (const [body, field] of [
      ["   ", "body"],
      ["x".repeat(5001), "body"],
      ["Bell \u0007", "body"],
    ] as const) {
      const result = await agent.gql(REPLY, { id, body });
      expect(result.errors[0]?.extensions, body.slice(0, 10)).toMatchObject({
        code: "BAD_USER_INPUT",
        field,
      });
    }
    const notAnId = await agent.gql(REPLY, { id: "T-1042", body: "Hello" });
    expect(notAnId.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    const missing = await agent.gql(REPLY, {
      id: "0193a000-0000-7000-8000-000000000000",
      body: "Hello",
    });
    expect(missing.errors[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(await api.db.prisma.supportReply.count({ where: { requestId: id } })).toBe(0);
  });

  it("assigns by name from the list of those who work the queue, or to me; closes and reopens; each step follows the lifecycle", async () => {
    const { id } = await customerAsks();
    const { client: agent, staff: me } = await staffClient("SUPPORT_AGENT");
    const colleague = await createStaff(api.db.prisma, "SUPPORT_AGENT");
    const auditor = await createStaff(api.db.prisma, "AUDITOR");

    const list = (await agent.gql(ASSIGNEES)).data?.supportAssignees ?? [];
    expect(list).toContainEqual({ id: colleague.id, name: colleague.name, you: false });
    expect(list).toContainEqual({ id: me.id, name: me.name, you: true });
    expect(list.some((s) => s.id === auditor.id)).toBe(false);

    const toColleague = await agent.gql(ASSIGN, { id, staffUserId: colleague.id });
    expect(toColleague.data?.assignSupportRequest).toMatchObject({
      status: "OPEN",
      assignee: { id: colleague.id, name: colleague.name, you: false },
    });
    const toMe = await agent.gql(ASSIGN, { id, staffUserId: me.id });
    expect(toMe.data?.assignSupportRequest.assignee).toMatchObject({ id: me.id, you: true });
    // Only someone who works the queue can be given it.
    const toAuditor = await agent.gql(ASSIGN, { id, staffUserId: auditor.id });
    expect(toAuditor.errors[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "staffUserId",
    });
    const nobody = await agent.gql(ASSIGN, { id, staffUserId: null });
    expect(nobody.data?.assignSupportRequest.assignee).toBeNull();

    const closed = await agent.gql(CLOSE, { id });
    expect(closed.data?.closeSupportRequest).toMatchObject({
      status: "CLOSED",
      actions: ["REOPEN"],
    });
    expect(closed.data?.closeSupportRequest.closedAt).toBeTruthy();
    for (const refused of [
      await agent.gql(REPLY, { id, body: "Late answer" }),
      await agent.gql(ASSIGN, { id, staffUserId: me.id }),
      await agent.gql(CLOSE, { id }),
    ]) {
      expect(refused.errors[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "id",
        reason: "NOT_ALLOWED_IN_STATE",
        status: "CLOSED",
      });
    }
    const reopened = await agent.gql(REOPEN, { id });
    expect(reopened.data?.reopenSupportRequest).toMatchObject({
      status: "OPEN",
      closedAt: null,
      actions: ["REPLY", "ASSIGN", "CLOSE"],
    });
    expect((await agent.gql(REOPEN, { id })).errors[0]?.extensions?.reason).toBe(
      "NOT_ALLOWED_IN_STATE",
    );

    // Every step is in the staff action log with the ids, never free text.
    const actions = await api.db.prisma.staffAction.findMany({
      where: { staffUserId: me.id, outcome: { not: "ATTEMPTED" } },
      orderBy: { sequence: "asc" },
    });
    expect(actions.map((a) => [a.action, a.outcome])).toEqual([
      ["assignSupportRequest", "SUCCEEDED"],
      ["assignSupportRequest", "SUCCEEDED"],
      ["assignSupportRequest", "FAILED"],
      ["assignSupportRequest", "SUCCEEDED"],
      ["closeSupportRequest", "SUCCEEDED"],
      ["replyToSupportRequest", "FAILED"],
      ["assignSupportRequest", "FAILED"],
      ["closeSupportRequest", "FAILED"],
      ["reopenSupportRequest", "SUCCEEDED"],
      ["reopenSupportRequest", "FAILED"],
    ]);
    const reply = actions.find((a) => a.action === "replyToSupportRequest");
    expect(reply?.arguments).toEqual({ id });
    expect(JSON.stringify(actions.map((a) => a.arguments))).not.toContain("Late answer");
  });

  it("staff read replies as they read questions: redacted without a purpose; the author's name for staff only", async () => {
    const { id } = await customerAsks();
    const { client: agent, staff } = await staffClient("SUPPORT_AGENT");
    await agent.gql(REPLY, { id, body: "Answered." });
    const blind = await agent.gql(THREAD_NO_PURPOSE);
    const index = blind.data?.supportRequests.findIndex((r) => r.id === id) ?? -1;
    expect(blind.data?.supportRequests[index]?.replies).toEqual([
      { body: null, author: { name: staff.name } },
    ]);
    expect(
      blind.errors.find((e) => e.path?.join(".") === `supportRequests.${index}.replies.0.body`)
        ?.extensions,
    ).toMatchObject({ code: "PRIVACY_REDACTED", category: "user.content.message" });
  });

  it("only support agents and privacy officers work the queue; customers and other roles are refused", async () => {
    const { id, client: customer } = await customerAsks();
    const calls = (client: ApiClient) => [
      client.gql(REPLY, { id, body: "Hello" }),
      client.gql(ASSIGN, { id, staffUserId: null }),
      client.gql(CLOSE, { id }),
      client.gql(REOPEN, { id }),
      client.gql(ASSIGNEES),
    ];
    for (const role of ["AUDITOR", "ADMINISTRATOR", "SECURITY_OFFICER"] as const) {
      const { client } = await staffClient(role);
      for (const result of await Promise.all(calls(client))) {
        expect(result.errors[0]?.extensions?.code, role).toBe("FORBIDDEN");
      }
    }
    for (const result of await Promise.all(calls(customer))) {
      expect(result.errors[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    for (const result of await Promise.all(calls(api.client()))) {
      expect(result.errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
    const row = await api.db.prisma.supportRequest.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "OPEN", assigneeId: null, closedAt: null });
    expect(await api.db.prisma.supportReply.count({ where: { requestId: id } })).toBe(0);
  });
});
