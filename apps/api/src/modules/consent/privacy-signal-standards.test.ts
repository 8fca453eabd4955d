import { testDatabases } from "@privet/db/testing";
import { gppStringFor } from "@privet/domain/gpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { graphql } from "../../test-support/generated/gql.js";

const BANNER_SIGNALS = graphql(`
  query BannerGppSignals {
    privacySignals { gpc gpp }
  }
`);
const ACCEPT_ADVERTISING = graphql(`
  mutation BannerAcceptsAdvertising {
    setCookieConsents(choices: [{ category: ADVERTISING, enabled: true }]) { state }
  }
`);
const REFUSE_ADVERTISING = graphql(`
  mutation BannerRefusesAdvertising {
    setCookieConsents(choices: [{ category: ADVERTISING, enabled: false }]) { state }
  }
`);

describe.each(testDatabases)("privacy signals every site understands on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("[P-15] serves /.well-known/gpc.json as JSON saying GPC is honoured, to anyone", async () => {
    const response = await fetch(new URL("/.well-known/gpc.json", api.url));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await response.json()) as { gpc: boolean; lastUpdate: string };
    expect(body).toEqual({ gpc: true, lastUpdate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(Number.isNaN(Date.parse(body.lastUpdate))).toBe(false);
  });

  it("[P-15] the banner's query carries the visitor's GPP string: opted out until advertising is accepted, and again after GPC or a refusal", async () => {
    const visitor = api.client();
    const first = await visitor.gql(BANNER_SIGNALS);
    expect(first.data?.privacySignals.gpp).toBe(gppStringFor({}, false));

    expect((await visitor.gql(ACCEPT_ADVERTISING)).errors).toEqual([]);
    const accepted = await visitor.gql(BANNER_SIGNALS);
    expect(accepted.data?.privacySignals.gpp).toBe(gppStringFor({ REMARKETING: "GIVEN" }, false));
    expect(accepted.data?.privacySignals.gpp).not.toBe(first.data?.privacySignals.gpp);

    const withGpc = await visitor.gql(BANNER_SIGNALS, {}, { headers: { "sec-gpc": "1" } });
    expect(withGpc.data?.privacySignals).toEqual({
      gpc: true,
      gpp: gppStringFor({ REMARKETING: "WITHDRAWN" }, true),
    });

    const other = api.client();
    expect((await other.gql(ACCEPT_ADVERTISING)).errors).toEqual([]);
    expect((await other.gql(REFUSE_ADVERTISING)).errors).toEqual([]);
    const refused = await other.gql(BANNER_SIGNALS);
    expect(refused.data?.privacySignals.gpp).toBe(gppStringFor({ REMARKETING: "REFUSED" }, false));
  });
});
