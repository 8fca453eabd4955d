import { hashPassword } from "@privet/db/passwords";
import { testDatabases } from "@privet/db/testing";
import { PASSWORD_MAX_LENGTH, passwordProblem } from "@privet/domain/passwords";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../http/cookies.js";
import { startTestApi, TEST_PASSWORD_HASHING, type TestApi } from "../../test-support/api.js";
import {
  createPolicyVersion,
  registerCustomer,
  TEST_PASSWORD,
  uniqueEmail,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

const REGISTER = graphql(`
  mutation AccountsRegister($input: RegisterInput!) {
    register(input: $input) {
      customer { id name email country jurisdiction }
      jurisdictionNotice
      policyVersion
    }
  }
`);
const SIGN_IN = graphql(`
  mutation AccountsSignIn($e: String!, $p: String!) {
    signIn(email: $e, password: $p) { customer { id email } }
  }
`);
const ME = graphql(`
  query AccountsMe {
    me { id name email sessions { ipAddress browser os current } }
  }
`);
const SIGN_OUT = graphql(`
  mutation AccountsSignOut {
    signOut
  }
`);

describe.each(testDatabases)("accounts and sessions on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
    await createPolicyVersion(api.db.prisma);
  });
  afterAll(() => api?.close());

  it("[P-01] sign-in sets an opaque HttpOnly cookie; the session keeps IP, browser and OS; the cookie authenticates", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const fresh = api.client({
      "user-agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    });
    const signIn = await fresh.gql(SIGN_IN, { e: customer.email, p: TEST_PASSWORD });
    expect(signIn.errors).toEqual([]);
    const cookie = signIn.setCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(fresh.cookies.get(SESSION_COOKIE)).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const sessions = await api.db.prisma.session.findMany({
      where: { customerId: customer.id },
      orderBy: { createdAt: "asc" },
    });
    expect(sessions).toHaveLength(2);
    expect(sessions[1]).toMatchObject({
      ipAddress: expect.stringMatching(/127\.0\.0\.1/),
      browser: "Firefox",
      os: "Linux",
    });
    // Only the token's hash is stored.
    expect(sessions.map((s) => s.tokenHash)).not.toContain(fresh.cookies.get(SESSION_COOKIE));

    const me = await fresh.gql(ME);
    expect(me.data?.me?.id).toBe(customer.id);
    expect(me.data?.me?.sessions.find((s) => s.current)?.browser).toBe("Firefox");
    expect((await api.client().gql(ME)).data?.me).toBeNull();
  });

  it("[P-02] after registration and sign-in, no cookie value or header carries the name or email", async () => {
    const client = api.client();
    const name = "Zelda Quartermain";
    const email = uniqueEmail("zelda.quartermain");
    const result = await client.gql(REGISTER, {
      input: { name, email, password: TEST_PASSWORD, country: "US", region: "CA" },
    });
    expect(result.errors).toEqual([]);
    // Sign in again in a fresh browser: that response sets a cookie too.
    const signIn = await api.client().gql(SIGN_IN, { e: email, p: TEST_PASSWORD });
    expect(signIn.setCookies.length).toBeGreaterThan(0);
    const exposed = [result, signIn]
      .flatMap((r) => [...r.setCookies, ...[...r.headers.entries()].map((h) => h.join(": "))])
      .join("\n")
      .toLowerCase();
    for (const secret of [
      name.toLowerCase(),
      "zelda",
      "quartermain",
      email,
      encodeURIComponent(email),
    ]) {
      expect(exposed).not.toContain(secret);
    }
    expect(result.setCookies.length).toBeGreaterThan(0);
  });

  it("[P-08] registration records a marketing consent from registration with the policy version in force", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const events = await api.db.prisma.consentEvent.findMany({
      where: { subjectId: customer.id },
      include: { policyVersion: true },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      purpose: "MARKETING",
      state: "GIVEN",
      source: "REGISTRATION",
      jurisdiction: "CCPA",
    });
    expect(events[0]?.policyVersion?.version).toBe("2018-11-02");
    expect(events[0]?.ipHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("[P-16] registration from another country records it and returns the California-law notice", async () => {
    const client = api.client();
    const result = await client.gql(REGISTER, {
      input: { name: "Ines Okafor", email: uniqueEmail(), password: TEST_PASSWORD, country: "de" },
    });
    expect(result.errors).toEqual([]);
    expect(result.data?.register.customer).toMatchObject({ country: "DE", jurisdiction: "GDPR" });
    expect(result.data?.register.jurisdictionNotice).toMatch(
      /outside the United States.*California/s,
    );
    const row = await api.db.prisma.customer.findUniqueOrThrow({
      where: { id: result.data?.register.customer.id ?? "" },
    });
    expect(row.country).toBe("DE");

    const us = await api.client().gql(REGISTER, {
      input: {
        name: "Sam Lee",
        email: uniqueEmail(),
        password: TEST_PASSWORD,
        country: "US",
        region: "CA",
      },
    });
    expect(us.data?.register.jurisdictionNotice).toBeNull();
  });

  it("registration applies the one password rule (@privet/domain/passwords): 11 characters refused, 12 accepted", async () => {
    const register = (password: string) =>
      api.client().gql(REGISTER, {
        input: { name: "Rule Tester", email: uniqueEmail(), password, country: "US", region: "CA" },
      });
    const eleven = await register("abcdefghijk");
    expect(eleven.errors[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "password",
    });
    expect(eleven.errors[0]?.message).toBe(passwordProblem("abcdefghijk"));
    expect(eleven.errors[0]?.message).toBe("Use a password of at least 12 characters.");
    expect((await register("x".repeat(PASSWORD_MAX_LENGTH + 1))).errors[0]?.message).toBe(
      "Use a password of at most 200 characters.",
    );
    expect((await register("abcdefghijkl")).errors).toEqual([]);
  });

  it("sign-in does not apply the length rule: a password chosen under an older rule (the 11-character demo password) still works", async () => {
    const email = uniqueEmail("older.rule");
    await api.db.prisma.customer.create({
      data: {
        name: "Older Rule",
        email,
        passwordHash: await hashPassword("privet-demo", TEST_PASSWORD_HASHING),
        country: "US",
        region: "CA",
        jurisdiction: "CCPA",
      },
    });
    const result = await api.client().gql(SIGN_IN, { e: email, p: "privet-demo" });
    expect(result.errors).toEqual([]);
  });

  it("refuses a wrong password with a generic error that does not say whether the email exists", async () => {
    const customer = await registerCustomer(api.client());
    const wrong = await api.client().gql(SIGN_IN, { e: customer.email, p: "not-the-password" });
    const unknown = await api.client().gql(SIGN_IN, { e: uniqueEmail(), p: "not-the-password" });
    expect(wrong.errors[0]?.extensions?.code).toBe("INVALID_CREDENTIALS");
    expect(unknown.errors[0]?.extensions?.code).toBe("INVALID_CREDENTIALS");
    expect(wrong.errors[0]?.message).toBe(unknown.errors[0]?.message);
  });

  it("signs out: the session is revoked and the cookie no longer authenticates", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const token = client.cookies.get(SESSION_COOKIE) ?? "";
    expect((await client.gql(SIGN_OUT)).data?.signOut).toBe(true);
    const replay = api.client();
    replay.cookies.set(SESSION_COOKIE, token);
    expect((await replay.gql(ME)).data?.me).toBeNull();
    const session = await api.db.prisma.session.findFirst({ where: { customerId: customer.id } });
    expect(session?.revokedAt).toBeInstanceOf(Date);
  });
});
