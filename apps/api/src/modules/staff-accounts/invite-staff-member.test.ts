import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import { signInStaff, uniqueEmail } from "../../test-support/fixtures.js";
import {
  actionsOf,
  BEGIN_ENROLMENT,
  codeAt,
  FORGOT,
  INVITE,
  linkTokenSentTo,
  NEW_PASSWORD,
  outcome,
  SET_PASSWORD,
  signInWith,
  WHO,
} from "../../test-support/staff-accounts.js";

describe.each(testDatabases)("inviting staff members on $name", (kind) => {
  let api: TestApi;
  let now = new Date("2026-12-07T09:00:00Z");
  let admin: ApiClient;
  let adminId: string;
  beforeAll(async () => {
    api = await startTestApi(kind, { clock: () => new Date(now) });
  });
  // Each test moves the clock as it needs: an administrator signs in afresh for each.
  beforeEach(async () => {
    admin = api.client();
    adminId = (await signInStaff(api.db.prisma, admin, "ADMINISTRATOR")).id;
  });
  afterAll(() => api?.close());

  async function anAdministratorInvites(email: string, role: "PRIVACY_OFFICER" | "SUPPORT_AGENT") {
    const result = await admin.gql(INVITE, { input: { name: "Ada Quill", email, role } });
    expect(result.errors).toEqual([]);
    expect(result.data?.inviteStaffMember).toMatchObject({ status: "INVITED", role });
    return result.data?.inviteStaffMember.id as string;
  }

  it("invite → email in the outbox → set password → enrol the authenticator → sign in with a code", async () => {
    const email = uniqueEmail("officer");
    const memberId = await anAdministratorInvites(email, "PRIVACY_OFFICER");
    const token = await linkTokenSentTo(api.db.prisma, email);
    // Invited, no password yet: nothing signs in.
    expect(outcome(await signInWith(api.client(), email, NEW_PASSWORD))).toBe(
      "INVALID_CREDENTIALS",
    );

    const set = await api.client().gql(SET_PASSWORD, { token, password: NEW_PASSWORD });
    expect(set.data?.setStaffPassword).toEqual({ email, secondFactorRequired: true });

    const member = api.client();
    expect(outcome(await signInWith(member, email, NEW_PASSWORD))).toBe("TOTP_ENROLMENT_REQUIRED");
    const enrolment = await member.gql(BEGIN_ENROLMENT, { email, password: NEW_PASSWORD });
    const secret = enrolment.data?.beginStaffTotpEnrolment.secret as string;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.data?.beginStaffTotpEnrolment.otpauthUri).toContain(`secret=${secret}`);
    expect(outcome(await signInWith(member, email, NEW_PASSWORD, "000000"))).toBe("TOTP_INVALID");
    expect(outcome(await signInWith(member, email, NEW_PASSWORD, codeAt(secret, now)))).toBe("OK");
    expect((await member.gql(WHO)).data?.viewer).toEqual({
      kind: "staff",
      role: "PRIVACY_OFFICER",
    });

    expect(await actionsOf(api.db.prisma, memberId)).toEqual([
      "setStaffPassword SUCCEEDED",
      "enrolStaffTotp SUCCEEDED",
    ]);
    expect(await actionsOf(api.db.prisma, adminId)).toEqual(
      expect.arrayContaining(["inviteStaffMember ATTEMPTED", "inviteStaffMember SUCCEEDED"]),
    );
  });

  it("a link works once, and not after it expires", async () => {
    const email = uniqueEmail("agent");
    await anAdministratorInvites(email, "SUPPORT_AGENT");
    const token = await linkTokenSentTo(api.db.prisma, email);
    const first = await api.client().gql(SET_PASSWORD, { token, password: NEW_PASSWORD });
    expect(first.data?.setStaffPassword.secondFactorRequired).toBe(false);
    const again = await api
      .client()
      .gql(SET_PASSWORD, { token, password: "another long password" });
    expect(outcome(again)).toBe("STAFF_LINK_INVALID");
    // A support agent signs in with the password alone.
    expect(outcome(await signInWith(api.client(), email, NEW_PASSWORD))).toBe("OK");

    const late = uniqueEmail("late");
    await anAdministratorInvites(late, "SUPPORT_AGENT");
    const lateToken = await linkTokenSentTo(api.db.prisma, late);
    now = new Date(now.getTime() + 8 * 24 * 60 * 60 * 1000);
    const expired = await api
      .client()
      .gql(SET_PASSWORD, { token: lateToken, password: NEW_PASSWORD });
    expect(outcome(expired)).toBe("STAFF_LINK_INVALID");
    // A password that breaks the one rule is refused before the link is looked at.
    const short = await api.client().gql(SET_PASSWORD, { token: lateToken, password: "short" });
    expect(short.errors[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "password",
    });
  });

  it("forgot password answers the same for any address, and emails a link only to a member", async () => {
    const email = uniqueEmail("forgetful");
    await anAdministratorInvites(email, "SUPPORT_AGENT");
    const invitation = await linkTokenSentTo(api.db.prisma, email);
    await api.client().gql(SET_PASSWORD, { token: invitation, password: NEW_PASSWORD });

    const nobody = uniqueEmail("nobody");
    const known = await api.client().gql(FORGOT, { email });
    const unknown = await api.client().gql(FORGOT, { email: nobody });
    expect(known.data).toEqual(unknown.data);
    expect(known.errors).toEqual(unknown.errors);
    expect(await api.db.prisma.outboxEmail.count({ where: { toAddress: nobody } })).toBe(0);

    const reset = await linkTokenSentTo(api.db.prisma, email);
    expect(reset).not.toBe(invitation);
    const member = api.client();
    expect(outcome(await signInWith(member, email, NEW_PASSWORD))).toBe("OK");
    await api.client().gql(SET_PASSWORD, { token: reset, password: "my reset staff password" });
    // The reset ended the session the old password opened, and the old password is gone.
    expect((await member.gql(WHO)).data?.viewer.kind).toBe("anonymous");
    expect(outcome(await signInWith(api.client(), email, NEW_PASSWORD))).toBe(
      "INVALID_CREDENTIALS",
    );
    expect(outcome(await signInWith(api.client(), email, "my reset staff password"))).toBe("OK");
  });

  it("only administrators invite: a privacy officer is FORBIDDEN, a visitor UNAUTHENTICATED", async () => {
    const officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
    const input = { name: "Eve", email: uniqueEmail("eve"), role: "ADMINISTRATOR" as const };
    expect(outcome(await officer.gql(INVITE, { input }))).toBe("FORBIDDEN");
    expect(outcome(await api.client().gql(INVITE, { input }))).toBe("UNAUTHENTICATED");
    expect(await api.db.prisma.staffUser.count({ where: { email: input.email } })).toBe(0);
    // An address already in use is a typed refusal.
    const taken = await admin.gql(INVITE, {
      input: { ...input, email: (await api.db.prisma.staffUser.findFirstOrThrow()).email },
    });
    expect(outcome(taken)).toBe("STAFF_EMAIL_TAKEN");
  });
});
