/**
 * The embeddable banner's API (/embed/consents): only the sites in PRIVET_EMBED_ORIGINS get
 * CORS headers (others are refused outright), a choice lands in the ledger as EMBED against a
 * visitor named only by the id the API gave, GPC withdraws advertising, and that id opens
 * nothing but its own cookie consents — not a portal visitor, not a customer.
 */
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { registerCustomer } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

const SHOP = "https://shop.example";
const STRANGER = "https://evil.example";
const REJECT_ALL = [
  { category: "PREFERENCES", enabled: false },
  { category: "ANALYTICS", enabled: false },
  { category: "ADVERTISING", enabled: false },
];

const PORTAL_BANNER = graphql(`
  mutation PortalBannerForEmbedTest($choices: [CookieChoiceInput!]!) {
    setCookieConsents(choices: $choices) { category state }
  }
`);

interface Answer {
  visitorId: string | null;
  gpc: boolean;
  consents: {
    category: string;
    state: string | null;
    source: string | null;
    lockedByGpc: boolean;
  }[];
  errors?: { message: string; extensions: { code: string } }[];
}

describe.each(testDatabases)("the embeddable banner's API on $name", (kind) => {
  let api: TestApi;
  let consentsUrl: string;
  beforeAll(async () => {
    api = await startTestApi(kind, { embedOrigins: [SHOP] });
    consentsUrl = api.url.replace(/\/graphql$/, "/embed/consents");
  });
  afterAll(() => api?.close());

  async function call(
    method: "GET" | "POST",
    options: {
      origin?: string;
      visitorId?: string;
      body?: unknown;
      headers?: Record<string, string>;
    } = {},
  ) {
    const response = await fetch(consentsUrl, {
      method,
      headers: {
        "x-privet-embed": "1",
        ...(options.origin ? { origin: options.origin } : {}),
        ...(options.visitorId ? { "x-privet-visitor": options.visitorId } : {}),
        ...(options.body ? { "content-type": "application/json" } : {}),
        ...options.headers,
      },
      body: options.body ? JSON.stringify(options.body) : undefined,
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Answer,
    };
  }

  const stateOf = (answer: Answer, category: string) =>
    answer.consents.find((c) => c.category === category);

  it("answers an allowed site's preflight with CORS headers (no credentials) and refuses any other site", async () => {
    const preflight = (origin: string) =>
      fetch(consentsUrl, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type, x-privet-embed, x-privet-visitor",
        },
      });
    const allowed = await preflight(SHOP);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(allowed.headers.get("access-control-allow-headers")).toContain("x-privet-visitor");
    // The API's cookies are never sent to or set for another site.
    expect(allowed.headers.get("access-control-allow-credentials")).toBeNull();

    const refused = await preflight(STRANGER);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();

    const post = await call("POST", { origin: STRANGER, body: { choices: REJECT_ALL } });
    expect(post.status).toBe(403);
    expect(post.headers.get("access-control-allow-origin")).toBeNull();
    expect(post.body.errors?.[0]?.extensions.code).toBe("FORBIDDEN");
    expect(await api.db.prisma.consentEvent.count({ where: { source: "EMBED" } })).toBe(0);
  });

  it("serves the built banner script to any page, cached, as public code", async () => {
    const response = await fetch(consentsUrl.replace(/consents$/, "privet-banner.js"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(response.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(response.headers.get("cache-control")).toBe("public, max-age=86400");
    expect(await response.text()).toMatch(/^var PrivetBanner=/);
  });

  it("refuses a request without X-Privet-Embed, which no browser sends cross-origin without a preflight", async () => {
    const response = await fetch(consentsUrl, {
      method: "POST",
      headers: { origin: SHOP, "content-type": "application/json" },
      body: JSON.stringify({ choices: REJECT_ALL }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Answer).errors?.[0]?.extensions.code).toBe("BAD_REQUEST");
  });

  it("[P-13] records Reject all in the ledger as EMBED, against a new visitor named by a server-made id", async () => {
    const first = await call("GET", { origin: SHOP });
    expect(first.status).toBe(200);
    expect(first.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(first.body.visitorId).toBeNull();
    expect(stateOf(first.body, "ADVERTISING")?.state).toBeNull();

    const saved = await call("POST", { origin: SHOP, body: { choices: REJECT_ALL } });
    expect(saved.status).toBe(200);
    const visitorId = saved.body.visitorId ?? "";
    expect(visitorId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(saved.headers.get("set-cookie")).toBeNull();

    const visitor = await api.db.prisma.visitor.findFirstOrThrow({
      where: { embedIdHash: { not: null } },
    });
    // Only its hash is stored; the row's cookie id is not the banner's id.
    expect(visitor.embedIdHash).not.toBe(visitorId);
    expect(visitor.cookieId).not.toBe(visitorId);
    const events = await api.db.prisma.consentEvent.findMany({
      where: { subjectKind: "VISITOR", subjectId: visitor.id },
      orderBy: { sequence: "asc" },
    });
    expect(events.map((e) => [e.purpose, e.state, e.source])).toEqual([
      ["PERSONALISATION", "REFUSED", "EMBED"],
      ["SERVICE_IMPROVEMENT", "REFUSED", "EMBED"],
      ["REMARKETING", "REFUSED", "EMBED"],
    ]);
    expect(events[0]?.evidence).toMatchObject({ form: "embedded-banner", site: SHOP });

    // The id brings the same choices back on the next page.
    const again = await call("GET", { origin: SHOP, visitorId });
    expect(again.body.visitorId).toBe(visitorId);
    expect(stateOf(again.body, "ANALYTICS")).toMatchObject({ state: "REFUSED", source: "EMBED" });
  });

  it("[P-15] keeps advertising off under GPC, from the header or the script's flag, and withdraws it", async () => {
    const accept = REJECT_ALL.map((c) => ({ ...c, enabled: true }));
    const byFlag = await call("POST", { origin: SHOP, body: { choices: accept, gpc: true } });
    expect(byFlag.body.gpc).toBe(true);
    expect(stateOf(byFlag.body, "ADVERTISING")).toMatchObject({
      state: "WITHDRAWN",
      source: "GPC",
      lockedByGpc: true,
    });
    expect(stateOf(byFlag.body, "ANALYTICS")?.state).toBe("GIVEN");

    // Given without GPC, then the browser sends Sec-GPC: the next read withdraws it.
    const given = await call("POST", { origin: SHOP, body: { choices: accept } });
    const visitorId = given.body.visitorId ?? "";
    expect(stateOf(given.body, "ADVERTISING")?.state).toBe("GIVEN");
    const read = await call("GET", { origin: SHOP, visitorId, headers: { "sec-gpc": "1" } });
    expect(stateOf(read.body, "ADVERTISING")).toMatchObject({ state: "WITHDRAWN", source: "GPC" });
  });

  it("opens nothing with a portal visitor's cookie id, a made-up id or a malformed one", async () => {
    const portal = api.client();
    await portal.gql(PORTAL_BANNER, {
      choices: REJECT_ALL.map((c) => ({ ...c, enabled: true })) as never,
    });
    const portalVisitor = await api.db.prisma.visitor.findFirstOrThrow({
      where: { embedIdHash: null },
      orderBy: { createdAt: "desc" },
    });
    // The portal visitor's cookie, presented as a banner id: a newcomer, nothing of theirs.
    const asCookie = await call("GET", { origin: SHOP, visitorId: portalVisitor.cookieId });
    expect(asCookie.body.visitorId).toBeNull();
    expect(stateOf(asCookie.body, "ANALYTICS")?.state).toBeNull();
    // Recording with it makes a new visitor with a new id; the portal visitor is untouched.
    const saved = await call("POST", {
      origin: SHOP,
      visitorId: portalVisitor.cookieId,
      body: { choices: REJECT_ALL },
    });
    expect(saved.body.visitorId).not.toBe(portalVisitor.cookieId);
    const untouched = await api.db.prisma.consentEvent.count({
      where: { subjectId: portalVisitor.id, source: "EMBED" },
    });
    expect(untouched).toBe(0);

    const malformed = await call("GET", { origin: SHOP, visitorId: "not an id; drop table" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors?.[0]?.extensions.code).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(malformed.body)).not.toContain("drop table");
  });

  it("never acts for a customer, even when their session cookie comes along", async () => {
    const customerClient = api.client();
    const customer = await registerCustomer(customerClient);
    const cookie = [...customerClient.cookies].map(([n, v]) => `${n}=${v}`).join("; ");
    const saved = await call("POST", {
      origin: SHOP,
      body: { choices: REJECT_ALL },
      headers: { cookie },
    });
    expect(saved.status).toBe(200);
    expect(
      await api.db.prisma.consentEvent.count({
        where: { subjectKind: "CUSTOMER", subjectId: customer.id, source: "EMBED" },
      }),
    ).toBe(0);
  });

  it("refuses choices of the wrong shape and Necessary rejected, in words", async () => {
    for (const body of [
      {},
      { choices: "all" },
      { choices: [{ category: "EVERYTHING", enabled: true }] },
    ]) {
      const response = await call("POST", { origin: SHOP, body });
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.message).toMatch(/^Send choices as a list/);
    }
    const necessary = await call("POST", {
      origin: SHOP,
      body: { choices: [{ category: "NECESSARY", enabled: false }] },
    });
    expect(necessary.body.errors?.[0]?.message).toBe(
      "Necessary cookies keep the site working and cannot be rejected.",
    );
  });
});
