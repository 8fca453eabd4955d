import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VISITOR_COOKIE } from "../../http/cookies.js";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import { registerCustomer, TEST_PASSWORD } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

const GPC = { headers: { "sec-gpc": "1" } };
const DNT = { headers: { dnt: "1" } };
const SIGNALS = graphql(`
  query Signals {
    privacySignals {
      gpc gpcHonoured dnt dntRecorded advertisingConsent advertisingConsentSource
    }
  }
`);
const ACCEPT_ALL = graphql(`
  mutation AcceptAllCookies {
    setCookieConsents(
      choices: [
        { category: PREFERENCES, enabled: true }
        { category: ANALYTICS, enabled: true }
        { category: ADVERTISING, enabled: true }
      ]
    ) { category state enabled lockedByGpc }
  }
`);
const REFUSE_ANALYTICS = graphql(`
  mutation RefuseAnalyticsCookies {
    setCookieConsents(choices: [{ category: ANALYTICS, enabled: false }]) { state }
  }
`);
const PAGE_VIEW = graphql(`
  mutation ViewPlans {
    recordPageView(path: "/plans")
  }
`);
const GIVE_REMARKETING = graphql(`
  mutation SignalledGivesRemarketing {
    setConsent(purpose: REMARKETING, state: GIVEN) { state }
  }
`);
const MY_CONSENTS = graphql(`
  query SignalledConsents {
    myConsents { purpose state source }
  }
`);
const COOKIE_CONSENTS = graphql(`
  query SignalledCookieConsents {
    cookieConsents { category state enabled }
  }
`);
const SIGN_IN = graphql(`
  mutation SignalledSignIn($e: String!, $p: String!) {
    signIn(email: $e, password: $p) { customer { id } }
  }
`);

describe.each(testDatabases)("Global Privacy Control and Do Not Track on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  const visitorOf = (client: ApiClient) =>
    api.db.prisma.visitor.findUniqueOrThrow({
      where: { cookieId: client.cookies.get(VISITOR_COOKIE) ?? "" },
    });
  const remarketing = (subjectKind: "CUSTOMER" | "VISITOR", subjectId: string) =>
    api.db.prisma.consentCurrent.findUnique({
      where: {
        subjectKind_subjectId_purpose: { subjectKind, subjectId, purpose: "REMARKETING" },
      },
    });
  const gpcEvents = (subjectId: string) =>
    api.db.prisma.consentEvent.findMany({ where: { subjectId, source: "GPC" } });

  it("[P-15] a customer's request with Sec-GPC: 1 withdraws advertising (source GPC), honoured from that request on", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    await client.gql(GIVE_REMARKETING);
    expect((await remarketing("CUSTOMER", customer.id))?.state).toBe("GIVEN");

    const signals = await client.gql(SIGNALS, {}, GPC);
    expect(signals.errors).toEqual([]);
    expect(signals.data?.privacySignals).toEqual({
      gpc: true,
      gpcHonoured: true,
      dnt: false,
      dntRecorded: false,
      advertisingConsent: "WITHDRAWN",
      advertisingConsentSource: "GPC",
    });
    const events = await gpcEvents(customer.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ purpose: "REMARKETING", state: "WITHDRAWN" });
    expect(events[0]?.evidence).toMatchObject({ header: "Sec-GPC", gpc: true });

    // Later requests, with or without the header, see it; a repeated header writes nothing.
    await client.gql(SIGNALS, {}, GPC);
    expect(await gpcEvents(customer.id)).toHaveLength(1);
    const later = await client.gql(MY_CONSENTS);
    expect(later.data?.myConsents.find((c) => c.purpose === "REMARKETING")).toEqual({
      purpose: "REMARKETING",
      state: "WITHDRAWN",
      source: "GPC",
    });
    const view = await client.gql(PAGE_VIEW);
    expect(view.data?.recordPageView).toBe(false);
    expect(await api.db.prisma.navigationEvent.count({ where: { customerId: customer.id } })).toBe(
      0,
    );
  });

  it("[P-15] a visitor's request with Sec-GPC: 1 withdraws advertising on the visitor cookie (source GPC) and records when", async () => {
    const client = api.client();
    await client.gql(ACCEPT_ALL);
    const visitor = await visitorOf(client);
    expect((await remarketing("VISITOR", visitor.id))?.state).toBe("GIVEN");

    // Honoured in the very request that carries it: the page view is not recorded.
    const view = await client.gql(PAGE_VIEW, {}, GPC);
    expect(view.data?.recordPageView).toBe(false);
    expect(await remarketing("VISITOR", visitor.id)).toMatchObject({
      state: "WITHDRAWN",
      source: "GPC",
    });
    expect((await visitorOf(client)).gpcSeenAt).toBeInstanceOf(Date);
    expect(await api.db.prisma.navigationEvent.count({ where: { visitorId: visitor.id } })).toBe(0);

    // Later requests without the header still see advertising withdrawn.
    const cookies = await client.gql(COOKIE_CONSENTS);
    expect(cookies.data?.cookieConsents.find((c) => c.category === "ADVERTISING")).toEqual({
      category: "ADVERTISING",
      state: "WITHDRAWN",
      enabled: false,
    });
    expect((await client.gql(PAGE_VIEW)).data?.recordPageView).toBe(false);
    // Other categories are untouched: GPC is an advertising opt-out.
    expect(cookies.data?.cookieConsents.find((c) => c.category === "ANALYTICS")?.enabled).toBe(
      true,
    );
  });

  it("[P-15] while GPC is sent, advertising cannot be switched on: the banner keeps it off and setConsent says why", async () => {
    const client = api.client();
    const banner = await client.gql(ACCEPT_ALL, {}, GPC);
    expect(banner.errors).toEqual([]);
    const byCategory = Object.fromEntries(
      (banner.data?.setCookieConsents ?? []).map((c) => [c.category, c]),
    );
    expect(byCategory.ADVERTISING).toMatchObject({ enabled: false, lockedByGpc: true });
    expect(byCategory.PREFERENCES).toMatchObject({ enabled: true, lockedByGpc: false });
    const visitor = await visitorOf(client);
    expect(
      await api.db.prisma.consentEvent.count({
        where: { subjectId: visitor.id, purpose: "REMARKETING", state: "GIVEN" },
      }),
    ).toBe(0);
    // The new visitor row records the signal like any other.
    expect(await remarketing("VISITOR", visitor.id)).toMatchObject({
      state: "WITHDRAWN",
      source: "GPC",
    });
    expect(visitor.gpcSeenAt).toBeInstanceOf(Date);

    const customer = await registerCustomer(client);
    const before = await api.db.prisma.consentEvent.count({ where: { subjectId: customer.id } });
    const refused = await client.gql(GIVE_REMARKETING, {}, GPC);
    expect(refused.errors[0]?.extensions?.code).toBe("GPC_OPT_OUT");
    expect(await api.db.prisma.consentEvent.count({ where: { subjectId: customer.id } })).toBe(
      before,
    );
  });

  it("[P-15] GPC sent with sign-in withdraws the account's advertising consent", async () => {
    const setup = api.client();
    const customer = await registerCustomer(setup);
    await setup.gql(GIVE_REMARKETING);
    const browser = api.client();
    const signIn = await browser.gql(SIGN_IN, { e: customer.email, p: TEST_PASSWORD }, GPC);
    expect(signIn.errors).toEqual([]);
    expect(await remarketing("CUSTOMER", customer.id)).toMatchObject({
      state: "WITHDRAWN",
      source: "GPC",
    });
  });

  it("[P-15] DNT: 1 is recorded and not acted on", async () => {
    const client = api.client();
    await client.gql(ACCEPT_ALL);
    const visitor = await visitorOf(client);
    const eventsBefore = await api.db.prisma.consentEvent.count({
      where: { subjectId: visitor.id },
    });

    const signals = await client.gql(SIGNALS, {}, DNT);
    expect(signals.data?.privacySignals).toEqual({
      gpc: false,
      gpcHonoured: false,
      dnt: true,
      dntRecorded: true,
      advertisingConsent: "GIVEN",
      advertisingConsentSource: "BANNER",
    });
    expect((await visitorOf(client)).doNotTrackSeenAt).toBeInstanceOf(Date);
    // Consent unchanged, no event written, and page views are still recorded.
    expect(await remarketing("VISITOR", visitor.id)).toMatchObject({ state: "GIVEN" });
    expect(await api.db.prisma.consentEvent.count({ where: { subjectId: visitor.id } })).toBe(
      eventsBefore,
    );
    const view = await client.gql(PAGE_VIEW, {}, DNT);
    expect(view.data?.recordPageView).toBe(true);

    // A consent change made while DNT is sent carries it as evidence.
    await client.gql(REFUSE_ANALYTICS, {}, DNT);
    const [latest] = await api.db.prisma.consentEvent.findMany({
      where: { subjectId: visitor.id },
      orderBy: { sequence: "desc" },
      take: 1,
    });
    expect(latest?.evidence).toMatchObject({ dnt: true, gpc: false });
  });

  it("does nothing without either header", async () => {
    const client = api.client();
    await client.gql(ACCEPT_ALL);
    const visitor = await visitorOf(client);
    const events = await api.db.prisma.consentEvent.count({ where: { subjectId: visitor.id } });
    const signals = await client.gql(SIGNALS);
    expect(signals.data?.privacySignals).toMatchObject({
      gpc: false,
      gpcHonoured: false,
      dnt: false,
      dntRecorded: false,
      advertisingConsent: "GIVEN",
    });
    const row = await visitorOf(client);
    expect(row.gpcSeenAt).toBeNull();
    expect(row.doNotTrackSeenAt).toBeNull();
    expect(await api.db.prisma.consentEvent.count({ where: { subjectId: visitor.id } })).toBe(
      events,
    );
  });
});
