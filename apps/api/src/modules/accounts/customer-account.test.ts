import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GraphQLResponse, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  createPolicyVersion,
  registerCustomer,
  TEST_PASSWORD,
  uniqueEmail,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import { countCampaignRecipients } from "../marketing/queue-campaign.js";

const ME = graphql(`
  query AccountBasicsMe {
    me { id email emailVerified activeSessions { id browser os current lastSeenAt } }
  }
`);
const CONFIRM = graphql(`
  mutation AccountBasicsConfirm($token: String!) {
    confirmEmail(token: $token) { changed }
  }
`);
const RESEND = graphql(`
  mutation AccountBasicsResend {
    resendEmailVerification
  }
`);
const FORGOT = graphql(`
  mutation AccountBasicsForgot($email: String!) {
    requestPasswordReset(email: $email)
  }
`);
const RESET = graphql(`
  mutation AccountBasicsReset($token: String!, $password: String!) {
    resetPassword(token: $token, password: $password)
  }
`);
const CHANGE_PASSWORD = graphql(`
  mutation AccountBasicsChangePassword($current: String!, $next: String!) {
    changePassword(currentPassword: $current, newPassword: $next)
  }
`);
const CHANGE_EMAIL = graphql(`
  mutation AccountBasicsChangeEmail($email: String!, $current: String!) {
    requestEmailChange(newEmail: $email, currentPassword: $current)
  }
`);
const SIGN_OUT_OTHERS = graphql(`
  mutation AccountBasicsSignOutOthers {
    signOutOtherSessions
  }
`);
const SIGN_IN = graphql(`
  mutation AccountBasicsSignIn($e: String!, $p: String!) {
    signIn(email: $e, password: $p) { customer { id } }
  }
`);

const NEW_PASSWORD = "a brand new passphrase";
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

function outcome(result: GraphQLResponse<unknown>): string {
  return result.errors[0]?.extensions?.code ?? "OK";
}

let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);

describe.each(testDatabases)("customer account basics on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind, { clock });
    await createPolicyVersion(api.db.prisma);
  });
  afterAll(() => api?.close());

  const emailsTo = (address: string) =>
    api.db.prisma.outboxEmail.findMany({
      where: { toAddress: address, kind: "CUSTOMER_ACCOUNT" },
      orderBy: { createdAt: "asc" },
    });
  async function lastToken(address: string): Promise<string> {
    const mails = await emailsTo(address);
    const token = mails.at(-1)?.textBody.match(/\?token=([A-Za-z0-9_-]+)/)?.[1];
    if (!token) throw new Error(`no link was sent to ${address}`);
    return token;
  }

  it("registration emails a verification link; the account is unverified and left out of marketing until it is followed, once", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const mails = await emailsTo(customer.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.customerId).toBeNull(); // kept off the console's outbox
    expect(mails[0]?.textBody).toContain(`${api.config.portalUrl}/verify-email?token=`);
    expect(mails[0]?.textBody).not.toContain(customer.id);
    expect((await client.gql(ME)).data?.me?.emailVerified).toBe(false);

    const recipientsBefore = await countCampaignRecipients(api.db.prisma);
    const token = await lastToken(customer.email);
    // No sign-in needed: the link may be opened on another device.
    const confirmed = await api.client().gql(CONFIRM, { token });
    expect(confirmed.errors).toEqual([]);
    expect(confirmed.data?.confirmEmail.changed).toBe(false);
    expect((await client.gql(ME)).data?.me?.emailVerified).toBe(true);
    expect(await countCampaignRecipients(api.db.prisma)).toBe(recipientsBefore + 1);

    const again = await api.client().gql(CONFIRM, { token });
    expect(outcome(again)).toBe("ACCOUNT_LINK_INVALID");
    expect(again.errors[0]?.message).toBe(
      "This link has expired or was already used. Ask for a new one.",
    );
    expect(outcome(await client.gql(RESEND))).toBe("EMAIL_ALREADY_VERIFIED");
  });

  it("a resent verification link retires the earlier one; a made-up token is refused", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const first = await lastToken(customer.email);
    expect(outcome(await client.gql(RESEND))).toBe("OK");
    const second = await lastToken(customer.email);
    expect(second).not.toBe(first);
    expect(outcome(await api.client().gql(CONFIRM, { token: first }))).toBe("ACCOUNT_LINK_INVALID");
    expect(
      outcome(await api.client().gql(CONFIRM, { token: "not-a-real-token-at-all-0000" })),
    ).toBe("ACCOUNT_LINK_INVALID");
    expect(outcome(await api.client().gql(CONFIRM, { token: second }))).toBe("OK");
    expect(outcome(await api.client().gql(RESEND))).toBe("UNAUTHENTICATED");
  });

  it("'forgot your password' answers the same for a customer's address and an unknown one, and emails only the customer", async () => {
    const customer = await registerCustomer(api.client());
    const nobody = uniqueEmail("nobody");
    const known = await api.client().gql(FORGOT, { email: customer.email });
    const unknown = await api.client().gql(FORGOT, { email: nobody });
    expect(known).toMatchObject({ errors: [], data: { requestPasswordReset: true } });
    expect(unknown).toMatchObject({ errors: [], data: { requestPasswordReset: true } });
    expect(await emailsTo(nobody)).toHaveLength(0);
    const mails = await emailsTo(customer.email);
    expect(mails.at(-1)?.subject).toBe("Reset your Privet password");
    expect(mails.at(-1)?.textBody).toContain("/reset-password?token=");
    const bad = await api.client().gql(FORGOT, { email: "not an address" });
    expect(outcome(bad)).toBe("BAD_USER_INPUT");
    expect(bad.errors[0]?.message).toBe("Enter an email address like name@example.com.");
  });

  it("a reset link sets the new password once, ends every session, and verifies the address", async () => {
    const phone = api.client({ "user-agent": IPHONE });
    const customer = await registerCustomer(phone);
    await api.client().gql(FORGOT, { email: customer.email });
    const token = await lastToken(customer.email);

    const weak = await api.client().gql(RESET, { token, password: "short" });
    expect(outcome(weak)).toBe("BAD_USER_INPUT");
    const reset = await api.client().gql(RESET, { token, password: NEW_PASSWORD });
    expect(reset.errors).toEqual([]);
    // The session on the phone has ended.
    expect((await phone.gql(ME)).data?.me).toBeNull();
    const reused = await api.client().gql(RESET, { token, password: "another new passphrase" });
    expect(outcome(reused)).toBe("ACCOUNT_LINK_INVALID");

    const old = await api.client().gql(SIGN_IN, { e: customer.email, p: TEST_PASSWORD });
    expect(outcome(old)).toBe("INVALID_CREDENTIALS");
    const fresh = api.client();
    expect(outcome(await fresh.gql(SIGN_IN, { e: customer.email, p: NEW_PASSWORD }))).toBe("OK");
    expect((await fresh.gql(ME)).data?.me?.emailVerified).toBe(true);
  });

  it("a reset link expires after an hour", async () => {
    const customer = await registerCustomer(api.client());
    await api.client().gql(FORGOT, { email: customer.email });
    const token = await lastToken(customer.email);
    offsetMs = 61 * 60 * 1000;
    try {
      const late = await api.client().gql(RESET, { token, password: NEW_PASSWORD });
      expect(outcome(late)).toBe("ACCOUNT_LINK_INVALID");
    } finally {
      offsetMs = 0;
    }
    const old = await api.client().gql(SIGN_IN, { e: customer.email, p: TEST_PASSWORD });
    expect(outcome(old)).toBe("OK");
  });

  it("changing the password needs the current one and ends the other sessions, not this one", async () => {
    const laptop = api.client({ "user-agent": FIREFOX });
    const customer = await registerCustomer(laptop);
    const phone = api.client({ "user-agent": IPHONE });
    expect(outcome(await phone.gql(SIGN_IN, { e: customer.email, p: TEST_PASSWORD }))).toBe("OK");

    const wrong = await laptop.gql(CHANGE_PASSWORD, {
      current: "wrong password!",
      next: NEW_PASSWORD,
    });
    expect(outcome(wrong)).toBe("CURRENT_PASSWORD_WRONG");
    expect(wrong.errors[0]?.message).toBe("Your current password is not correct.");
    const weak = await laptop.gql(CHANGE_PASSWORD, { current: TEST_PASSWORD, next: "short" });
    expect(outcome(weak)).toBe("BAD_USER_INPUT");
    expect(weak.errors[0]?.extensions?.field).toBe("newPassword");

    const changed = await laptop.gql(CHANGE_PASSWORD, {
      current: TEST_PASSWORD,
      next: NEW_PASSWORD,
    });
    expect(changed.errors).toEqual([]);
    expect((await laptop.gql(ME)).data?.me?.id).toBe(customer.id);
    expect((await phone.gql(ME)).data?.me).toBeNull();
    expect(outcome(await api.client().gql(SIGN_IN, { e: customer.email, p: NEW_PASSWORD }))).toBe(
      "OK",
    );
    expect(
      outcome(
        await api.client().gql(CHANGE_PASSWORD, { current: NEW_PASSWORD, next: NEW_PASSWORD }),
      ),
    ).toBe("UNAUTHENTICATED");
  });

  it("changing the address: the new one gets a link, the change waits for it, and the old one is told", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const next = uniqueEmail("moved");
    const wrong = await client.gql(CHANGE_EMAIL, { email: next, current: "wrong password!" });
    expect(outcome(wrong)).toBe("CURRENT_PASSWORD_WRONG");
    const same = await client.gql(CHANGE_EMAIL, { email: customer.email, current: TEST_PASSWORD });
    expect(same.errors[0]?.message).toBe("This is already your email address.");

    const asked = await client.gql(CHANGE_EMAIL, { email: next, current: TEST_PASSWORD });
    expect(asked.errors).toEqual([]);
    expect((await client.gql(ME)).data?.me?.email).toBe(customer.email);
    const token = await lastToken(next);
    const confirmed = await api.client().gql(CONFIRM, { token });
    expect(confirmed.data?.confirmEmail.changed).toBe(true);
    const me = (await client.gql(ME)).data?.me;
    expect(me).toMatchObject({ email: next, emailVerified: true });
    const told = (await emailsTo(customer.email)).at(-1);
    expect(told?.subject).toBe("The email address of your Privet account changed");
    expect(told?.textBody).not.toContain(next);
    expect(outcome(await api.client().gql(CONFIRM, { token }))).toBe("ACCOUNT_LINK_INVALID");
    expect(outcome(await api.client().gql(SIGN_IN, { e: next, p: TEST_PASSWORD }))).toBe("OK");
  });

  it("asking for another account's address answers the same and sends nothing", async () => {
    const other = await registerCustomer(api.client());
    const client = api.client();
    await registerCustomer(client);
    const before = (await emailsTo(other.email)).length;
    const asked = await client.gql(CHANGE_EMAIL, { email: other.email, current: TEST_PASSWORD });
    expect(asked).toMatchObject({ errors: [], data: { requestEmailChange: true } });
    expect(await emailsTo(other.email)).toHaveLength(before);
  });

  it("lists the live sessions in words, marks this one, and signs out everywhere else", async () => {
    const laptop = api.client({ "user-agent": FIREFOX });
    const customer = await registerCustomer(laptop);
    const phone = api.client({ "user-agent": IPHONE });
    await phone.gql(SIGN_IN, { e: customer.email, p: TEST_PASSWORD });
    const signedOut = api.client();
    await signedOut.gql(SIGN_IN, { e: customer.email, p: TEST_PASSWORD });
    await signedOut.gql(graphql(`mutation AccountBasicsSignOut { signOut }`));

    const sessions = (await laptop.gql(ME)).data?.me?.activeSessions ?? [];
    expect(sessions.map((s) => [s.browser, s.os, s.current]).sort()).toEqual([
      ["Firefox", "Linux", true],
      ["Safari", "iOS", false],
    ]);
    const ended = await laptop.gql(SIGN_OUT_OTHERS);
    expect(ended.data?.signOutOtherSessions).toBe(1);
    expect((await phone.gql(ME)).data?.me).toBeNull();
    const left = (await laptop.gql(ME)).data?.me?.activeSessions ?? [];
    expect(left.map((s) => s.current)).toEqual([true]);
    expect(outcome(await api.client().gql(SIGN_OUT_OTHERS))).toBe("UNAUTHENTICATED");
  });
});

const LIMITS = { perIp: 3, registrationsPerIp: 5, failuresBeforeDelay: 5, perDevice: 10 };

describe.each(testDatabases)("the customer's 'forgot your password' limit on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind, { attemptLimits: LIMITS });
  });
  afterAll(() => api?.close());

  it("past the per-IP limit, a customer's address and an unknown one are refused alike, and nothing is sent", async () => {
    const customer = await registerCustomer(api.client());
    const nobody = uniqueEmail("nobody");
    for (let i = 0; i < LIMITS.perIp; i++) {
      const asked = await api.client().gql(FORGOT, { email: i % 2 ? nobody : customer.email });
      expect(outcome(asked)).toBe("OK");
    }
    const sentBefore = await api.db.prisma.outboxEmail.count({
      where: { toAddress: customer.email },
    });
    const known = await api.client().gql(FORGOT, { email: customer.email });
    const unknown = await api.client().gql(FORGOT, { email: nobody });
    expect(outcome(known)).toBe("RATE_LIMITED");
    expect(outcome(unknown)).toBe("RATE_LIMITED");
    expect(known.errors[0]?.message).toBe(unknown.errors[0]?.message);
    expect(await api.db.prisma.outboxEmail.count({ where: { toAddress: customer.email } })).toBe(
      sentBefore,
    );
  });
});
