/**
 * PRIVET_TRUST_PROXY=1 (one proxy in front): the client's address is the one that proxy saw —
 * the last entry of X-Forwarded-For, which the proxy appends — whatever the client wrote before
 * it. A client cannot choose its own address to escape the per-IP limit or to dress up its
 * session record. (Before, "1" trusted the whole header: the first entry, the client's own.)
 */
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test-support/api.js";
import { registerCustomer, TEST_PASSWORD, uniqueEmail } from "../test-support/fixtures.js";
import { graphql } from "../test-support/generated/gql.js";

const SIGN_IN = graphql(`
  mutation SignInBehindProxy($e: String!, $p: String!) {
    signIn(email: $e, password: $p) { customer { id } }
  }
`);
const PER_IP = 3;

describe.each(testDatabases)("behind one proxy (trust proxy: 1 hop) on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind, {
      trustProxy: 1,
      attemptLimits: {
        perIp: PER_IP,
        registrationsPerIp: 100,
        failuresBeforeDelay: 5,
        perDevice: 10,
      },
    });
  });
  afterAll(() => api?.close());

  /** A request as the proxy forwards it: the client's own header, then the address it saw. */
  const viaProxy = (seenByProxy: string, spoofed: string) =>
    api.client({ "x-forwarded-for": `${spoofed}, ${seenByProxy}` });

  it("a client that writes its own X-Forwarded-For chain is still counted by the address the proxy saw", async () => {
    const attacker = "198.51.100.7";
    const codes: string[] = [];
    for (let i = 0; i < PER_IP + 2; i++) {
      // A different made-up chain each time, as an attacker rotating "its" address would send.
      const spoofed = `203.0.113.${i + 1}, 10.0.${i}.1`;
      const result = await viaProxy(attacker, spoofed).gql(SIGN_IN, {
        e: uniqueEmail("nobody"),
        p: "some-guess",
      });
      codes.push(String(result.errors[0]?.extensions?.code));
    }
    expect(codes).toEqual([
      ...Array(PER_IP).fill("INVALID_CREDENTIALS"),
      "RATE_LIMITED",
      "RATE_LIMITED",
    ]);
    // The limit is the proxy-observed address's: another client behind the proxy is unaffected.
    const other = await viaProxy("198.51.100.8", "203.0.113.1").gql(SIGN_IN, {
      e: uniqueEmail("nobody"),
      p: "some-guess",
    });
    expect(other.errors[0]?.extensions?.code).toBe("INVALID_CREDENTIALS");
  });

  it("[P-01] the session records the proxy-observed address, not the one the client wrote", async () => {
    const customer = await registerCustomer(api.client());
    const client = viaProxy("198.51.100.9", "192.0.2.66");
    const result = await client.gql(SIGN_IN, { e: customer.email, p: TEST_PASSWORD });
    expect(result.errors).toEqual([]);
    const session = await api.db.prisma.session.findFirstOrThrow({
      where: { customerId: customer.id },
      orderBy: { createdAt: "desc" },
    });
    expect(session.ipAddress).toBe("198.51.100.9");
  });
});

describe.each(testDatabases.slice(0, 1))("with no proxy trusted (the default) on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind, {
      attemptLimits: {
        perIp: PER_IP,
        registrationsPerIp: 100,
        failuresBeforeDelay: 5,
        perDevice: 10,
      },
    });
  });
  afterAll(() => api?.close());

  it("X-Forwarded-For is ignored: the connection's address is counted", async () => {
    const codes: string[] = [];
    for (let i = 0; i < PER_IP + 1; i++) {
      const result = await api
        .client({ "x-forwarded-for": `203.0.113.${i + 1}` })
        .gql(SIGN_IN, { e: uniqueEmail("nobody"), p: "some-guess" });
      codes.push(String(result.errors[0]?.extensions?.code));
    }
    expect(codes.at(-1)).toBe("RATE_LIMITED");
  });
});
