import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VISITOR_COOKIE } from "../../http/cookies.js";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { registerCustomer } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import { partnerPseudonym } from "../partners/partner-pseudonym.js";

const PAGE_VIEW = graphql(`
  mutation View($path: String!, $referrer: String) {
    recordPageView(path: $path, referrer: $referrer)
  }
`);
const SET_REMARKETING = graphql(`
  mutation SetRemarketing($state: ConsentState!) {
    setConsent(purpose: REMARKETING, state: $state) { state }
  }
`);
const ADVERTISING = graphql(`
  mutation ChooseAdvertising($enabled: Boolean!) {
    setCookieConsents(choices: [{ category: ADVERTISING, enabled: $enabled }]) { state }
  }
`);
const MY_NAVIGATION = graphql(`
  query MyNavigation {
    me { cookieIds navigationEvents { path referrer occurredAt } }
  }
`);
const SIGN_OUT = graphql(`
  mutation NavigatorSignsOut {
    signOut
  }
`);

describe.each(testDatabases)("navigation events on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("[P-05] a customer's page views are recorded only while advertising consent is given, and stop after withdrawal", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const count = () => api.db.prisma.navigationEvent.count({ where: { customerId: customer.id } });

    const before = await client.gql(PAGE_VIEW, { path: "/" });
    expect(before.errors).toEqual([]);
    expect(before.data?.recordPageView).toBe(false);
    expect(before.setCookies).toEqual([]);
    expect(await count()).toBe(0);

    await client.gql(SET_REMARKETING, { state: "GIVEN" });
    const given = await client.gql(PAGE_VIEW, {
      path: "/pricing?email=jane.doe%40example.com&plan=pro#faq",
      referrer: "https://search.example.org/results?q=jane+doe",
    });
    expect(given.data?.recordPageView).toBe(true);
    // The pseudonymous cookie ID is made now, under consent, and linked to the account.
    expect(given.setCookies.some((c) => c.startsWith(`${VISITOR_COOKIE}=`))).toBe(true);
    const cookieId = client.cookies.get(VISITOR_COOKIE) ?? "";
    const visitor = await api.db.prisma.visitor.findUniqueOrThrow({ where: { cookieId } });
    expect(visitor.customerId).toBe(customer.id);

    const [event] = await api.db.prisma.navigationEvent.findMany({
      where: { customerId: customer.id },
    });
    // No query string, no fragment, and only the origin of another site.
    expect(event).toMatchObject({
      visitorId: visitor.id,
      path: "/pricing",
      referrer: "https://search.example.org",
    });
    await client.gql(PAGE_VIEW, { path: "/account", referrer: "/pricing?x=1" });
    expect(await count()).toBe(2);

    const me = await client.gql(MY_NAVIGATION);
    expect(me.errors).toEqual([]);
    // A pseudonym of the cookie, never the cookie (a credential) itself.
    expect(me.data?.me?.cookieIds).toEqual([
      partnerPseudonym("privet", cookieId, api.config.hashKey),
    ]);
    expect(JSON.stringify(me.data)).not.toContain(cookieId);
    expect(me.data?.me?.navigationEvents?.map((e) => [e.path, e.referrer])).toEqual([
      ["/account", "/pricing"],
      ["/pricing", "https://search.example.org"],
    ]);

    await client.gql(SET_REMARKETING, { state: "WITHDRAWN" });
    const after = await client.gql(PAGE_VIEW, { path: "/account" });
    expect(after.errors).toEqual([]);
    expect(after.data?.recordPageView).toBe(false);
    expect(await count()).toBe(2);
  });

  it("[P-05] a withdrawal in the account holds for the browser's cookie after signing out", async () => {
    const client = api.client();
    await client.gql(ADVERTISING, { enabled: true });
    const customer = await registerCustomer(client);
    await client.gql(SET_REMARKETING, { state: "WITHDRAWN" });
    await client.gql(SIGN_OUT);
    const cookieId = client.cookies.get(VISITOR_COOKIE) ?? "";
    const visitor = await api.db.prisma.visitor.findUniqueOrThrow({ where: { cookieId } });
    expect(visitor.customerId).toBe(customer.id);

    const signedOut = await client.gql(PAGE_VIEW, { path: "/later" });
    expect(signedOut.errors).toEqual([]);
    expect(signedOut.data?.recordPageView).toBe(false);
    expect(await api.db.prisma.navigationEvent.count({ where: { visitorId: visitor.id } })).toBe(0);
  });

  it("[P-05] an anonymous visitor's page views follow the banner's advertising choice", async () => {
    const client = api.client();
    expect((await client.gql(PAGE_VIEW, { path: "/" })).data).toEqual({ recordPageView: false });
    expect(client.cookies.has(VISITOR_COOKIE)).toBe(false);

    await client.gql(ADVERTISING, { enabled: true });
    const visitor = await api.db.prisma.visitor.findUniqueOrThrow({
      where: { cookieId: client.cookies.get(VISITOR_COOKIE) ?? "" },
    });
    const count = () => api.db.prisma.navigationEvent.count({ where: { visitorId: visitor.id } });
    expect((await client.gql(PAGE_VIEW, { path: "/blog" })).data).toEqual({
      recordPageView: true,
    });
    const [event] = await api.db.prisma.navigationEvent.findMany({
      where: { visitorId: visitor.id },
    });
    expect(event).toMatchObject({ customerId: null, path: "/blog", referrer: null });

    await client.gql(ADVERTISING, { enabled: false });
    expect((await client.gql(PAGE_VIEW, { path: "/blog" })).data).toEqual({
      recordPageView: false,
    });
    expect(await count()).toBe(1);
  });

  it("refuses a bad path or referrer with BAD_USER_INPUT and records nothing, even with consent", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    await client.gql(SET_REMARKETING, { state: "GIVEN" });
    const cases: Array<[{ path: string; referrer?: string }, string]> = [
      [{ path: "pricing" }, "path"],
      [{ path: "https://example.com/pricing" }, "path"],
      [{ path: "//evil.example/pricing" }, "path"],
      [{ path: `/${"a".repeat(500)}` }, "path"],
      [{ path: "/users/jane.doe@example.com/profile" }, "path"],
      [{ path: "/users/jane.doe%40example.com" }, "path"],
      [{ path: "/a b" }, "path"],
      [{ path: "/ok", referrer: "javascript:alert(1)" }, "referrer"],
      [{ path: "/ok", referrer: "not a url" }, "referrer"],
    ];
    for (const [variables, field] of cases) {
      const result = await client.gql(PAGE_VIEW, variables);
      expect(result.errors[0]?.extensions, JSON.stringify(variables)).toMatchObject({
        code: "BAD_USER_INPUT",
        field,
      });
    }
    // Without its required path the mutation is not a valid document: sent as text.
    const missing = await client.gql(`mutation { recordPageView(referrer: "/") }`);
    expect(missing.errors[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(await api.db.prisma.navigationEvent.count({ where: { customerId: customer.id } })).toBe(
      0,
    );
    expect(await api.db.prisma.visitor.count({ where: { customerId: customer.id } })).toBe(0);
    // A path of exactly 500 characters is fine.
    const longest = await client.gql(PAGE_VIEW, {
      path: `/${"a".repeat(499)}`,
    });
    expect(longest.data?.recordPageView).toBe(true);
  });
});
