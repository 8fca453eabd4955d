import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE, VISITOR_COOKIE } from "../../http/cookies.js";
import { DEVICE_COOKIE } from "../../http/device-cookie.js";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  registerCustomer,
  signInStaff,
  TEST_PASSWORD,
  uniqueEmail,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import type { CookieCategory, CookieChoiceInput } from "../../test-support/generated/graphql.js";
import { partnerPseudonym } from "../partners/partner-pseudonym.js";

const COOKIE_CONSENTS = graphql(`
  query CookieBannerChoices {
    cookieConsents { category purpose state enabled required source lockedByGpc }
  }
`);
const SET_COOKIES = graphql(`
  mutation Choose($choices: [CookieChoiceInput!]!) {
    setCookieConsents(choices: $choices) { category purpose state enabled required source }
  }
`);
const REGISTER = graphql(`
  mutation CookieRefuserRegisters($input: RegisterInput!) {
    register(input: $input) { customer { id } }
  }
`);
const SIGN_IN = graphql(`
  mutation CookieChooserSignsIn($e: String!, $p: String!) {
    signIn(email: $e, password: $p) { customer { id } }
  }
`);
const SIGN_OUT = graphql(`
  mutation CookieChooserSignsOut {
    signOut
  }
`);
const ME = graphql(`
  query CookieRefuserMe {
    me { id email }
  }
`);
const MY_COOKIE_IDS = graphql(`
  query MyCookieIds {
    me { cookieIds }
  }
`);
const VIEW_PRICING_FROM_AN_AD = graphql(`
  mutation CookieRefuserViewsPricing {
    recordPageView(path: "/pricing", referrer: "https://ads.example.net/x")
  }
`);
const WITHDRAW_REMARKETING = graphql(`
  mutation CookieChooserWithdrawsRemarketing {
    setConsent(purpose: REMARKETING, state: WITHDRAWN) { state }
  }
`);
const ALL = ["NECESSARY", "PREFERENCES", "ANALYTICS", "ADVERTISING"] as const;
const choose = (enabled: boolean) => ({
  choices: ALL.map((category) => ({ category, enabled: category === "NECESSARY" || enabled })),
});

const byCategory = <T extends { category: CookieCategory }>(list: T[] | undefined) =>
  Object.fromEntries((list ?? []).map((c) => [c.category, c])) as Partial<
    Record<CookieCategory, T>
  >;

describe.each(testDatabases)("cookie consents and the visitor merge on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  const visitorRow = (client: ApiClient) =>
    api.db.prisma.visitor.findUnique({
      where: { cookieId: client.cookies.get(VISITOR_COOKIE) ?? "" },
    });
  const stateOf = async (subjectKind: "CUSTOMER" | "VISITOR", subjectId: string, purpose: string) =>
    api.db.prisma.consentCurrent.findUnique({
      where: {
        subjectKind_subjectId_purpose: {
          subjectKind,
          subjectId,
          purpose: purpose as "REMARKETING",
        },
      },
    });

  it("shows a new visitor every optional category off and necessary on, without setting anything", async () => {
    const client = api.client();
    const visitorsBefore = await api.db.prisma.visitor.count();
    const result = await client.gql(COOKIE_CONSENTS);
    expect(result.errors).toEqual([]);
    const cookies = byCategory(result.data?.cookieConsents);
    expect(cookies.NECESSARY).toMatchObject({ enabled: true, required: true, purpose: null });
    for (const category of ["PREFERENCES", "ANALYTICS", "ADVERTISING"] as const) {
      expect(cookies[category]).toMatchObject({ state: null, enabled: false, required: false });
    }
    expect(cookies.ADVERTISING?.purpose).toBe("REMARKETING");
    expect(result.setCookies).toEqual([]);
    expect(await api.db.prisma.visitor.count()).toBe(visitorsBefore);
  });

  it("accept all, then reject all, for an anonymous visitor: a random visitor cookie and BANNER events on its row", async () => {
    const client = api.client();
    const accepted = await client.gql(SET_COOKIES, choose(true));
    expect(accepted.errors).toEqual([]);
    const cookie = accepted.setCookies.find((c) => c.startsWith(`${VISITOR_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(client.cookies.get(VISITOR_COOKIE)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(byCategory(accepted.data?.setCookieConsents).ADVERTISING).toMatchObject({
      state: "GIVEN",
      enabled: true,
      source: "BANNER",
    });
    const visitor = await visitorRow(client);
    expect(visitor).not.toBeNull();
    const events = await api.db.prisma.consentEvent.findMany({
      where: { subjectKind: "VISITOR", subjectId: visitor?.id ?? "" },
      orderBy: { sequence: "asc" },
    });
    expect(events.map((e) => `${e.purpose} ${e.state} ${e.source}`)).toEqual([
      "PERSONALISATION GIVEN BANNER",
      "SERVICE_IMPROVEMENT GIVEN BANNER",
      "REMARKETING GIVEN BANNER",
    ]);
    expect(events[0]?.evidence).toMatchObject({ category: "PREFERENCES", gpc: false, dnt: false });

    const rejected = await client.gql(SET_COOKIES, choose(false));
    expect(rejected.setCookies).toEqual([]); // the same cookie, kept
    expect(byCategory(rejected.data?.setCookieConsents).ADVERTISING).toMatchObject({
      state: "WITHDRAWN",
      enabled: false,
    });
    const again = await client.gql(SET_COOKIES, choose(false));
    expect(again.errors).toEqual([]);
    expect(
      await api.db.prisma.consentEvent.count({ where: { subjectId: visitor?.id ?? "" } }),
    ).toBe(6);
    const read = await client.gql(COOKIE_CONSENTS);
    expect(byCategory(read.data?.cookieConsents).ANALYTICS?.state).toBe("WITHDRAWN");
  });

  it("refuses bad choices with a clear code and creates nothing", async () => {
    const client = api.client();
    const before = {
      visitors: await api.db.prisma.visitor.count(),
      events: await api.db.prisma.consentEvent.count(),
    };
    const cases: Array<{ choices: CookieChoiceInput[] }> = [
      { choices: [{ category: "NECESSARY", enabled: false }] },
      { choices: [] },
      {
        choices: [
          { category: "ADVERTISING", enabled: true },
          { category: "ADVERTISING", enabled: false },
        ],
      },
    ];
    for (const variables of cases) {
      const result = await client.gql(SET_COOKIES, variables);
      expect(result.errors[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "choices",
      });
      expect(result.setCookies).toEqual([]);
    }
    // Not a category: sent as it is on purpose.
    const unknown = await client.gql(SET_COOKIES, {
      choices: [{ category: "TRACKING" as CookieCategory, enabled: true }],
    });
    expect(unknown.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await api.db.prisma.visitor.count()).toBe(before.visitors);
    expect(await api.db.prisma.consentEvent.count()).toBe(before.events);
    expect(client.cookies.size).toBe(0);
  });

  it("[P-13] with every optional category rejected, registration, sign-in and `me` still work, and no advertising cookie or event is written", async () => {
    const client = api.client();
    const seenCookies = new Set<string>();
    const track = (setCookies: string[]) => {
      for (const c of setCookies) seenCookies.add(c.slice(0, c.indexOf("=")));
    };
    track((await client.gql(SET_COOKIES, choose(false))).setCookies);
    const visitor = await visitorRow(client);

    const customer = await registerSignOutSignInAndReadMe(client, track);

    const view = await client.gql(VIEW_PRICING_FROM_AN_AD);
    expect(view.errors).toEqual([]);
    expect(view.data?.recordPageView).toBe(false);
    track(view.setCookies);

    // Only the necessary cookies: the session, the random ID that remembers the choice, and
    // the device cookie that lets the owner sign in while someone guesses their password.
    expect([...seenCookies].sort()).toEqual(
      [DEVICE_COOKIE.customer, SESSION_COOKIE, VISITOR_COOKIE].sort(),
    );
    const subjectIds = [customer.id, visitor?.id ?? ""];
    expect(
      await api.db.prisma.navigationEvent.count({
        where: { OR: [{ customerId: customer.id }, { visitorId: visitor?.id ?? "" }] },
      }),
    ).toBe(0);
    expect(
      await api.db.prisma.consentEvent.count({
        where: { subjectId: { in: subjectIds }, purpose: "REMARKETING", state: "GIVEN" },
      }),
    ).toBe(0);
    // The refusals joined the account.
    expect((await stateOf("CUSTOMER", customer.id, "REMARKETING"))?.state).toBe("REFUSED");
  });

  /** The account's whole round: each response's cookies go to `track`. */
  async function registerSignOutSignInAndReadMe(
    client: ApiClient,
    track: (setCookies: string[]) => void,
  ) {
    const email = uniqueEmail();
    const registered = await client.gql(REGISTER, {
      input: { name: "Rae Jansen", email, password: TEST_PASSWORD, country: "NL" },
    });
    expect(registered.errors).toEqual([]);
    const id = registered.data?.register.customer.id ?? "";
    track(registered.setCookies);
    const signOut = await client.gql(SIGN_OUT);
    track(signOut.setCookies);
    const signIn = await client.gql(SIGN_IN, { e: email, p: TEST_PASSWORD });
    expect(signIn.errors).toEqual([]);
    track(signIn.setCookies);
    const me = await client.gql(ME);
    expect(me.data?.me).toEqual({ id, email });
    return { id, email };
  }

  it("merges the visitor's choices into the account on registration, and never downgrades a later choice of the customer's", async () => {
    const client = api.client();
    await client.gql(SET_COOKIES, choose(true));
    const visitor = await visitorRow(client);
    const customer = await registerCustomer(client);

    const linked = await visitorRow(client);
    expect(linked?.customerId).toBe(customer.id);
    expect(linked?.mergedAt).toBeInstanceOf(Date);
    const merged = await api.db.prisma.consentEvent.findMany({
      where: { subjectKind: "CUSTOMER", subjectId: customer.id, source: "BANNER" },
    });
    expect(merged.map((e) => `${e.purpose} ${e.state}`).sort()).toEqual([
      "PERSONALISATION GIVEN",
      "REMARKETING GIVEN",
      "SERVICE_IMPROVEMENT GIVEN",
    ]);
    expect(merged[0]?.evidence).toMatchObject({ mergedFromVisitor: true });
    const me = await client.gql(MY_COOKIE_IDS);
    expect(me.data?.me?.cookieIds).toEqual([
      partnerPseudonym("privet", visitor?.cookieId ?? "", api.config.hashKey),
    ]);

    // A later choice in the portal…
    await client.gql(WITHDRAW_REMARKETING);
    await client.gql(SIGN_OUT);
    const eventsBefore = await api.db.prisma.consentEvent.count({
      where: { subjectId: customer.id },
    });
    // …is not overridden by the browser's older banner choice at the next sign-in.
    await client.gql(SIGN_IN, { e: customer.email, p: TEST_PASSWORD });
    expect((await stateOf("VISITOR", visitor?.id ?? "", "REMARKETING"))?.state).toBe("GIVEN");
    expect(await stateOf("CUSTOMER", customer.id, "REMARKETING")).toMatchObject({
      state: "WITHDRAWN",
      source: "PORTAL",
    });
    expect(await api.db.prisma.consentEvent.count({ where: { subjectId: customer.id } })).toBe(
      eventsBefore,
    );
  });

  it("a newer visitor choice made while signed out joins the account at the next sign-in", async () => {
    const client = api.client();
    await client.gql(SET_COOKIES, choose(true));
    const customer = await registerCustomer(client);
    await client.gql(SIGN_OUT);
    await client.gql(SET_COOKIES, {
      choices: [{ category: "ANALYTICS", enabled: false }],
    });
    await client.gql(SIGN_IN, { e: customer.email, p: TEST_PASSWORD });
    expect(await stateOf("CUSTOMER", customer.id, "SERVICE_IMPROVEMENT")).toMatchObject({
      state: "WITHDRAWN",
      source: "BANNER",
    });
    expect((await stateOf("CUSTOMER", customer.id, "REMARKETING"))?.state).toBe("GIVEN");
  });

  it("does not merge a visitor cookie that belongs to another account: it is dropped", async () => {
    const client = api.client();
    await client.gql(SET_COOKIES, choose(true));
    const first = await registerCustomer(client);
    const cookieId = client.cookies.get(VISITOR_COOKIE);
    await client.gql(SIGN_OUT);
    const second = await registerCustomer(client);
    expect(client.cookies.has(VISITOR_COOKIE)).toBe(false);
    const row = await api.db.prisma.visitor.findUnique({ where: { cookieId: cookieId ?? "" } });
    expect(row?.customerId).toBe(first.id);
    expect(await stateOf("CUSTOMER", second.id, "REMARKETING")).toBeNull();
  });

  it("records a signed-in customer's banner choices on the account, without a visitor cookie", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const result = await client.gql(SET_COOKIES, {
      choices: [
        { category: "PREFERENCES", enabled: true },
        { category: "ADVERTISING", enabled: false },
      ],
    });
    expect(result.errors).toEqual([]);
    expect(result.setCookies).toEqual([]);
    const cookies = byCategory(result.data?.setCookieConsents);
    expect(cookies.PREFERENCES).toMatchObject({ state: "GIVEN", source: "BANNER" });
    expect(cookies.ADVERTISING).toMatchObject({ state: "REFUSED", enabled: false });
    expect(cookies.ANALYTICS).toMatchObject({ state: null, enabled: false });
    expect(await stateOf("CUSTOMER", customer.id, "PERSONALISATION")).toMatchObject({
      state: "GIVEN",
      source: "BANNER",
    });
  });

  it("staff make no cookie choices", async () => {
    const client = api.client();
    await signInStaff(api.db.prisma, client, "SUPPORT_AGENT");
    const result = await client.gql(SET_COOKIES, choose(true));
    expect(result.errors[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
