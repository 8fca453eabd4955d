import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import { createStaff, signInStaff, uniqueEmail } from "../../test-support/fixtures.js";
import {
  actionsOf,
  DISABLE,
  INVITE,
  linkTokenSentTo,
  NEW_PASSWORD,
  outcome,
  RESEND_INVITATION,
  SEND_RESET,
  SET_PASSWORD,
  signInWith,
  WHO,
} from "../../test-support/staff-accounts.js";

describe.each(testDatabases)("an administrator's links to a member on $name", (kind) => {
  let api: TestApi;
  let admin: ApiClient;
  let adminId: string;
  beforeAll(async () => {
    api = await startTestApi(kind);
    admin = api.client();
    adminId = (await signInStaff(api.db.prisma, admin, "ADMINISTRATOR")).id;
  });
  afterAll(() => api?.close());

  const emailsTo = (address: string) =>
    api.db.prisma.outboxEmail.count({ where: { toAddress: address, kind: "STAFF_ACCOUNT" } });

  it("resending an invitation emails a new link through the outbox, and the old link stops working", async () => {
    const email = uniqueEmail("resent");
    const invited = await admin.gql(INVITE, {
      input: { name: "Ada Quill", email, role: "SUPPORT_AGENT" },
    });
    const id = invited.data?.inviteStaffMember.id as string;
    const first = await linkTokenSentTo(api.db.prisma, email);

    const resent = await admin.gql(RESEND_INVITATION, { id });
    expect(resent.errors).toEqual([]);
    expect(resent.data?.resendStaffInvitation).toEqual({ id, status: "INVITED" });
    expect(await emailsTo(email)).toBe(2);
    const second = await linkTokenSentTo(api.db.prisma, email);
    expect(second).not.toBe(first);

    const old = await api.client().gql(SET_PASSWORD, { token: first, password: NEW_PASSWORD });
    expect(outcome(old)).toBe("STAFF_LINK_INVALID");
    const set = await api.client().gql(SET_PASSWORD, { token: second, password: NEW_PASSWORD });
    expect(set.errors).toEqual([]);
    expect(outcome(await signInWith(api.client(), email, NEW_PASSWORD))).toBe("OK");

    // Active now: there is no invitation to send again, and nothing is emailed.
    const again = await admin.gql(RESEND_INVITATION, { id });
    expect(outcome(again)).toBe("STAFF_ALREADY_ACTIVE");
    expect(again.errors[0]?.message).toBe(
      "This member has already chosen a password, so there is no invitation to send again. Send a password-reset link instead.",
    );
    expect(await emailsTo(email)).toBe(2);
    expect(await actionsOf(api.db.prisma, adminId)).toEqual(
      expect.arrayContaining([
        "resendStaffInvitation ATTEMPTED",
        "resendStaffInvitation SUCCEEDED",
        "resendStaffInvitation FAILED",
      ]),
    );
  });

  it("a reset link an administrator sends ends the member's sessions when the new password is set", async () => {
    const agent = await createStaff(api.db.prisma, "SUPPORT_AGENT");
    const session = api.client();
    expect(outcome(await signInWith(session, agent.email, agent.password))).toBe("OK");

    const sent = await admin.gql(SEND_RESET, { id: agent.id });
    expect(sent.errors).toEqual([]);
    expect(sent.data?.sendStaffPasswordReset).toEqual({ id: agent.id, status: "ACTIVE" });
    const mail = await api.db.prisma.outboxEmail.findFirstOrThrow({
      where: { toAddress: agent.email, kind: "STAFF_ACCOUNT" },
    });
    expect(mail.subject).toBe("Reset your Privet console password");
    expect(mail.textBody).toContain("An administrator sent you this link");
    const token = await linkTokenSentTo(api.db.prisma, agent.email);

    // Sending the link changes nothing yet: the old password and the session still work.
    expect((await session.gql(WHO)).data?.viewer.kind).toBe("staff");
    await api.client().gql(SET_PASSWORD, { token, password: "the agent's reset password" });
    expect((await session.gql(WHO)).data?.viewer.kind).toBe("anonymous");
    expect(outcome(await signInWith(api.client(), agent.email, agent.password))).toBe(
      "INVALID_CREDENTIALS",
    );
    expect(outcome(await signInWith(api.client(), agent.email, "the agent's reset password"))).toBe(
      "OK",
    );
    expect(await actionsOf(api.db.prisma, adminId)).toEqual(
      expect.arrayContaining(["sendStaffPasswordReset SUCCEEDED"]),
    );
    expect(await actionsOf(api.db.prisma, agent.id)).toContain("setStaffPassword SUCCEEDED");
  });

  it("no reset for a member still invited, no link of either kind for a disabled one", async () => {
    const email = uniqueEmail("pending");
    const invited = await admin.gql(INVITE, {
      input: { name: "Bo Lind", email, role: "AUDITOR" },
    });
    const id = invited.data?.inviteStaffMember.id as string;
    expect(outcome(await admin.gql(SEND_RESET, { id }))).toBe("STAFF_NOT_ACTIVE");

    const agent = await createStaff(api.db.prisma, "SUPPORT_AGENT");
    await admin.gql(DISABLE, { id: agent.id });
    await admin.gql(DISABLE, { id });
    expect(outcome(await admin.gql(SEND_RESET, { id: agent.id }))).toBe("STAFF_MEMBER_DISABLED");
    expect(outcome(await admin.gql(RESEND_INVITATION, { id }))).toBe("STAFF_MEMBER_DISABLED");
    expect(await emailsTo(agent.email)).toBe(0);
    expect(await emailsTo(email)).toBe(1);
  });

  it("checks its input and who asks: a bad id is BAD_USER_INPUT, an unknown one NOT_FOUND, a privacy officer FORBIDDEN", async () => {
    const bad = await admin.gql(SEND_RESET, { id: "not-an-id" });
    expect(bad.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    const unknown = "0195f3c2-7a10-7000-8000-00000000dead";
    expect(outcome(await admin.gql(RESEND_INVITATION, { id: unknown }))).toBe("NOT_FOUND");

    const agent = await createStaff(api.db.prisma, "SUPPORT_AGENT");
    const officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
    expect(outcome(await officer.gql(SEND_RESET, { id: agent.id }))).toBe("FORBIDDEN");
    expect(outcome(await officer.gql(RESEND_INVITATION, { id: agent.id }))).toBe("FORBIDDEN");
    expect(outcome(await api.client().gql(SEND_RESET, { id: agent.id }))).toBe("UNAUTHENTICATED");
    expect(await emailsTo(agent.email)).toBe(0);
  });
});
