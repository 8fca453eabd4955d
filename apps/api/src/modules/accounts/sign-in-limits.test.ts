/**
 * Sign-in that an attacker cannot turn against the owner (issue 10), over HTTP against real
 * databases, on a fake clock (the server's `clock`): growing delays for clients without the
 * account's device cookie, only failures counted, device cookies that still get the owner in
 * while the account is under attack (and are locked out themselves when they fail too often),
 * registration with a budget of its own, and password hashes upgraded at sign-in.
 */
import {
  hashPassword,
  LEGACY_PASSWORD_HASHING,
  PASSWORD_HASHING,
  verifyPassword,
} from "@privet/db/passwords";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEVICE_COOKIE } from "../../http/device-cookie.js";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  createPolicyVersion,
  createStaff,
  registerCustomer,
  TEST_PASSWORD,
  uniqueEmail,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

const SIGN_IN = graphql(`
  mutation LimitedSignIn($e: String!, $p: String!) {
    signIn(email: $e, password: $p) { customer { id } }
  }
`);
const STAFF_SIGN_IN = graphql(`
  mutation LimitedStaffSignIn($e: String!, $p: String!) {
    staffSignIn(email: $e, password: $p) { id }
  }
`);
const REGISTER = graphql(`
  mutation LimitedRegister($input: RegisterInput!) {
    register(input: $input) { customer { id } }
  }
`);
const WINDOW = 15 * 60_000;
const LIMITS = { perIp: 30, registrationsPerIp: 5, failuresBeforeDelay: 5, perDevice: 10 };

interface Outcome {
  readonly code: string;
  readonly retryAfter?: number;
}

async function attempt(
  client: ApiClient,
  email: string,
  password: string,
  mutation: typeof SIGN_IN | typeof STAFF_SIGN_IN = SIGN_IN,
): Promise<Outcome> {
  const result = await client.gql(mutation, { e: email, p: password });
  const error = result.errors[0];
  if (!error) return { code: "OK" };
  const retryAfter = error.extensions?.retryAfterSeconds as number | undefined;
  return retryAfter === undefined
    ? { code: String(error.extensions?.code) }
    : { code: String(error.extensions?.code), retryAfter };
}

describe.each(testDatabases)("sign-in under attack on $name", (kind) => {
  let api: TestApi;
  let now = Date.UTC(2026, 10, 25, 8, 0);
  const advance = (ms: number) => {
    now += ms;
  };

  beforeAll(async () => {
    api = await startTestApi(kind, { attemptLimits: LIMITS, clock: () => new Date(now) });
    await createPolicyVersion(api.db.prisma);
  });
  afterAll(() => api?.close());
  // Every test starts in a fresh 15-minute window: the per-IP budgets (every test client is
  // 127.0.0.1) do not carry over from one test to the next.
  beforeEach(() => advance(WINDOW));

  /** An attacker's wrong guesses, waiting out every delay, until `guesses` were checked. */
  async function attack(email: string, guesses: number, mutation = SIGN_IN) {
    const attacker = api.client();
    const outcomes: Outcome[] = [];
    while (outcomes.filter((o) => o.code === "INVALID_CREDENTIALS").length < guesses) {
      const outcome = await attempt(attacker, email, `wrong-guess-${outcomes.length}`, mutation);
      outcomes.push(outcome);
      if (outcome.code === "RATE_LIMITED") advance((outcome.retryAfter ?? 1) * 1000);
      else expect(outcome.code).toBe("INVALID_CREDENTIALS");
    }
    return outcomes;
  }

  it("10+ wrong passwords from an attacker do not lock out the owner who presents their device cookie", async () => {
    const owner = api.client();
    const customer = await registerCustomer(owner);
    // Registering set the device cookie: this browser is the owner's.
    expect(owner.cookies.get(DEVICE_COOKIE.customer)).toMatch(/^[A-Za-z0-9_-]{70}$/);

    await attack(customer.email, 12);
    // The account is under attack: a client without the cookie must wait …
    const stranger = await attempt(api.client(), customer.email, TEST_PASSWORD);
    expect(stranger.code).toBe("RATE_LIMITED");
    expect(stranger.retryAfter).toBeGreaterThanOrEqual(64);

    // … and the owner, with the right password and the cookie, gets straight in.
    const device = owner.cookies.get(DEVICE_COOKIE.customer);
    owner.cookies.delete("privet_session");
    expect(await attempt(owner, customer.email, TEST_PASSWORD)).toEqual({ code: "OK" });
    // A new device cookie replaces the old one.
    expect(owner.cookies.get(DEVICE_COOKIE.customer)).not.toBe(device);
    // The owner's success did not hand the attacker fresh attempts.
    expect((await attempt(api.client(), customer.email, "another-guess")).code).toBe(
      "RATE_LIMITED",
    );
  });

  it("staff too: ten wrong passwords for a staff account do not keep its owner out (staffSignIn)", async () => {
    // A role that signs in with a password alone: the second factor has tests of its own.
    const staff = await createStaff(api.db.prisma, "SECURITY_OFFICER");
    const owner = api.client();
    expect(await attempt(owner, staff.email, staff.password, STAFF_SIGN_IN)).toEqual({
      code: "OK",
    });
    expect(owner.cookies.get(DEVICE_COOKIE.staff)).toBeDefined();
    // The audit's case: ten wrong passwords, as fast as they are answered.
    const attacker = api.client();
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) {
      codes.push((await attempt(attacker, staff.email, `guess-${i}`, STAFF_SIGN_IN)).code);
    }
    expect(codes.slice(0, 5).every((c) => c === "INVALID_CREDENTIALS")).toBe(true);
    expect(codes.slice(5).every((c) => c === "RATE_LIMITED")).toBe(true);
    expect((await attempt(api.client(), staff.email, staff.password, STAFF_SIGN_IN)).code).toBe(
      "RATE_LIMITED",
    );
    owner.cookies.delete("privet_session");
    expect(await attempt(owner, staff.email, staff.password, STAFF_SIGN_IN)).toEqual({
      code: "OK",
    });
    // A customer's device cookie and a staff member's are separate cookies.
    expect(owner.cookies.has(DEVICE_COOKIE.customer)).toBe(false);
  });

  it("without a device cookie the owner waits a delay that doubles with every failure, then gets in", async () => {
    const customer = await registerCustomer(api.client());
    const outcomes = await attack(customer.email, 9);
    // Five free failures, then a wait after each: 1 s, 2 s, 4 s, 8 s.
    expect(outcomes.slice(0, 5).map((o) => o.code)).toEqual(Array(5).fill("INVALID_CREDENTIALS"));
    const waits = outcomes.filter((o) => o.code === "RATE_LIMITED").map((o) => o.retryAfter);
    expect(waits).toEqual([1, 2, 4, 8]);

    const owner = api.client();
    const refused = await attempt(owner, customer.email, TEST_PASSWORD);
    expect(refused).toEqual({ code: "RATE_LIMITED", retryAfter: 16 });
    // Refused attempts are not counted: asking again does not make the wait longer.
    expect(await attempt(owner, customer.email, TEST_PASSWORD)).toEqual(refused);
    advance(16_000);
    expect(await attempt(owner, customer.email, TEST_PASSWORD)).toEqual({ code: "OK" });
    // That success (through the same gate as the attacker) cleared the failures.
    expect((await attempt(api.client(), customer.email, "wrong-again")).code).toBe(
      "INVALID_CREDENTIALS",
    );
  });

  it("successful sign-ins are not counted: 60 in a row from one IP, without a device cookie, all succeed", async () => {
    const customer = await registerCustomer(api.client());
    const codes: string[] = [];
    for (let i = 0; i < 60; i++)
      codes.push((await attempt(api.client(), customer.email, TEST_PASSWORD)).code);
    // 60 is more than the IP's budget (30) and the account's free failures (5).
    expect(codes).toEqual(Array(60).fill("OK"));
  });

  it("the IP's budget counts failures only, and a device cookie is not held to it", async () => {
    const customer = await registerCustomer(api.client());
    const owner = api.client();
    expect((await attempt(owner, customer.email, TEST_PASSWORD)).code).toBe("OK");
    // 30 failures spread over unknown addresses: no account delay, only the IP's budget.
    const guesser = api.client();
    for (let i = 0; i < LIMITS.perIp; i++) {
      expect((await attempt(guesser, uniqueEmail("nobody"), "some-guess")).code).toBe(
        "INVALID_CREDENTIALS",
      );
    }
    const spent = await attempt(api.client(), customer.email, TEST_PASSWORD);
    expect(spent.code).toBe("RATE_LIMITED");
    expect(spent.retryAfter).toBeGreaterThan(0);
    // The owner's browser, with its device cookie, is not charged for what others did.
    expect((await attempt(owner, customer.email, TEST_PASSWORD)).code).toBe("OK");
  });

  it("registration and sign-in have separate budgets per IP", async () => {
    const first = await registerCustomer(api.client());
    for (let i = 1; i < LIMITS.registrationsPerIp; i++) await registerCustomer(api.client());
    const over = await api.client().gql(REGISTER, {
      input: {
        name: "One Too Many",
        email: uniqueEmail(),
        password: TEST_PASSWORD,
        country: "US",
        region: "CA",
      },
    });
    expect(over.errors[0]?.extensions).toMatchObject({ code: "RATE_LIMITED" });
    // Registration's budget is spent; sign-in's is untouched.
    expect((await attempt(api.client(), first.email, TEST_PASSWORD)).code).toBe("OK");
    expect((await attempt(api.client(), first.email, "wrong-password")).code).toBe(
      "INVALID_CREDENTIALS",
    );

    // A new window: spend sign-in's budget, and registration still works.
    advance(WINDOW);
    for (let i = 0; i < LIMITS.perIp; i++) await attempt(api.client(), uniqueEmail(), "guess");
    expect((await attempt(api.client(), first.email, TEST_PASSWORD)).code).toBe("RATE_LIMITED");
    await expect(registerCustomer(api.client())).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("a device cookie has its own failure limit: one that fails too often is locked out itself", async () => {
    const owner = api.client();
    const customer = await registerCustomer(owner);
    owner.cookies.delete("privet_session");
    // Someone at the owner's browser (or holding its cookie) guesses: ten failures allowed.
    for (let i = 0; i < LIMITS.perDevice; i++) {
      expect((await attempt(owner, customer.email, `guess-${i}`)).code).toBe("INVALID_CREDENTIALS");
    }
    const locked = await attempt(owner, customer.email, TEST_PASSWORD);
    expect(locked.code).toBe("RATE_LIMITED");
    expect(locked.retryAfter).toBeGreaterThan(0);
    // The cookie's failures are its own: a client without it is not affected …
    expect((await attempt(api.client(), customer.email, TEST_PASSWORD)).code).toBe("OK");
    // … and the locked cookie works again in the next window.
    advance(WINDOW);
    expect((await attempt(owner, customer.email, TEST_PASSWORD)).code).toBe("OK");
  });

  it("a device cookie counts only for its own account; another's, an altered or a made-up one is no cookie", async () => {
    const owner = api.client();
    const customer = await registerCustomer(owner);
    const other = api.client();
    await registerCustomer(other);
    await attack(customer.email, 6);
    const genuine = owner.cookies.get(DEVICE_COOKIE.customer) ?? "";
    const tampered = `${genuine.slice(0, 10)}${genuine[10] === "A" ? "B" : "A"}${genuine.slice(11)}`;
    for (const cookie of [
      other.cookies.get(DEVICE_COOKIE.customer) ?? "",
      tampered,
      "A".repeat(70),
    ]) {
      const client = api.client();
      client.cookies.set(DEVICE_COOKIE.customer, cookie);
      expect((await attempt(client, customer.email, TEST_PASSWORD)).code).toBe("RATE_LIMITED");
    }
    const copy = api.client();
    copy.cookies.set(DEVICE_COOKIE.customer, genuine);
    expect((await attempt(copy, customer.email, TEST_PASSWORD)).code).toBe("OK");
  });

  it("[P-02] the device cookie is HttpOnly, SameSite=Strict, and holds neither the email nor the account id", async () => {
    const owner = api.client();
    const customer = await registerCustomer(owner);
    const result = await owner.gql(SIGN_IN, { e: customer.email, p: TEST_PASSWORD });
    const header = result.setCookies.find((c) => c.startsWith(`${DEVICE_COOKIE.customer}=`)) ?? "";
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; SameSite=Strict/);
    expect(header).toMatch(/; Path=\//);
    expect(header).toMatch(/; Max-Age=15552000/); // 180 days
    expect(header).not.toMatch(/; Secure/); // outside production (security.test.ts: Secure in it)
    const value = owner.cookies.get(DEVICE_COOKIE.customer) ?? "";
    const decoded = Buffer.from(value, "base64url").toString("latin1");
    for (const text of [value, decoded, header]) {
      expect(text.toLowerCase()).not.toContain(customer.email);
      expect(text.toLowerCase()).not.toContain(customer.email.split("@")[0]);
      expect(text).not.toContain(customer.id);
      expect(text).not.toContain(customer.id.replaceAll("-", ""));
    }
  });

  it("the attempt tables hold keyed hashes only: no IP address or email", async () => {
    const customer = await registerCustomer(api.client());
    await attack(customer.email, 6);
    const stored = JSON.stringify(await api.db.prisma.attemptWindow.findMany());
    expect(stored).not.toContain(customer.email);
    expect(stored).not.toContain("127.0.0.1");
  });
});

describe.each(testDatabases)("password hashes upgraded at sign-in on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    // The server's real parameters (OWASP's), not the tests' cheap ones.
    api = await startTestApi(kind, { passwordHashing: PASSWORD_HASHING });
    await createPolicyVersion(api.db.prisma);
  });
  afterAll(() => api?.close());

  it("an old N=2^14 hash is replaced by an N=2^17 one at the next successful sign-in, and the password still works", async () => {
    const email = uniqueEmail("old.hash");
    const password = "an-older-password";
    const oldHash = await hashPassword(password, LEGACY_PASSWORD_HASHING);
    const { id } = await api.db.prisma.customer.create({
      data: {
        name: "Old Hash",
        email,
        passwordHash: oldHash,
        country: "US",
        region: "CA",
        jurisdiction: "CCPA",
      },
    });

    // A failed sign-in changes nothing.
    expect((await attempt(api.client(), email, "not-the-password")).code).toBe(
      "INVALID_CREDENTIALS",
    );
    expect((await api.db.prisma.customer.findUniqueOrThrow({ where: { id } })).passwordHash).toBe(
      oldHash,
    );

    expect(await attempt(api.client(), email, password)).toEqual({ code: "OK" });
    const upgraded = (await api.db.prisma.customer.findUniqueOrThrow({ where: { id } }))
      .passwordHash;
    expect(oldHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword(password, upgraded)).toBe(true);

    // Signing in again works, and leaves the new hash as it is.
    expect(await attempt(api.client(), email, password)).toEqual({ code: "OK" });
    expect((await api.db.prisma.customer.findUniqueOrThrow({ where: { id } })).passwordHash).toBe(
      upgraded,
    );
  });

  it("staff hashes too", async () => {
    const email = uniqueEmail("old.staff");
    const password = "an-older-staff-password";
    const { id } = await api.db.prisma.staffUser.create({
      data: {
        name: "Old Staff",
        email,
        role: "AUDITOR",
        passwordHash: await hashPassword(password, LEGACY_PASSWORD_HASHING),
      },
    });
    expect(await attempt(api.client(), email, password, STAFF_SIGN_IN)).toEqual({ code: "OK" });
    const upgraded = (await api.db.prisma.staffUser.findUniqueOrThrow({ where: { id } }))
      .passwordHash;
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await attempt(api.client(), email, password, STAFF_SIGN_IN)).toEqual({ code: "OK" });
  });
});
