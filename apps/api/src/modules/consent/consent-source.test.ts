/**
 * A consent change records where it was made (issue 14, "one switch per purpose"): the portal's
 * consent centre (its SetConsent operation, as the portal sends it: no source argument) is
 * recorded as PORTAL, the cookie banner as BANNER, registration as REGISTRATION — in the
 * ledger, its projection and the history the customer reads, each under the policy in force.
 */
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { createPolicyVersion, registerCustomer } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

/** The portal consent centre's own mutation (packages/client/src/portal/consents.graphql). */
const CONSENT_CENTRE_SWITCH = graphql(`
  mutation ConsentCentreSwitch($purpose: ConsentPurpose!, $state: ConsentState!) {
    setConsent(purpose: $purpose, state: $state) { purpose state permitted source policyVersion }
  }
`);
const BANNER_CHOICE = graphql(`
  mutation BannerChoice($choices: [CookieChoiceInput!]!) {
    setCookieConsents(choices: $choices) { category state source }
  }
`);
const CENTRE_READ = graphql(`
  query ConsentCentreSources {
    cookieConsents { category purpose enabled source }
    consentHistory { purpose state source policyVersion }
  }
`);

describe.each(testDatabases)("the true source of a consent change on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
    await createPolicyVersion(api.db.prisma);
  });
  afterAll(() => api?.close());

  it("a switch in the consent centre is recorded as the consent centre, the banner's as the banner, with the policy version", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);

    // Analytics cookies switched on in My consents (the purpose they serve).
    const on = await client.gql(CONSENT_CENTRE_SWITCH, {
      purpose: "SERVICE_IMPROVEMENT",
      state: "GIVEN",
    });
    expect(on.errors).toEqual([]);
    expect(on.data?.setConsent).toMatchObject({
      state: "GIVEN",
      permitted: true,
      source: "PORTAL",
    });

    const afterCentre = await client.gql(CENTRE_READ);
    expect(afterCentre.errors).toEqual([]);
    // The cookie view is the same consent: analytics cookies on, set in the consent centre.
    expect(afterCentre.data?.cookieConsents.find((c) => c.category === "ANALYTICS")).toMatchObject({
      purpose: "SERVICE_IMPROVEMENT",
      enabled: true,
      source: "PORTAL",
    });
    expect(afterCentre.data?.consentHistory[0]).toEqual({
      purpose: "SERVICE_IMPROVEMENT",
      state: "GIVEN",
      source: "PORTAL",
      policyVersion: "2018-11-02",
    });

    // The same purpose switched off from the cookie banner (reopened from Cookie settings).
    const off = await client.gql(BANNER_CHOICE, {
      choices: [{ category: "ANALYTICS", enabled: false }],
    });
    expect(off.errors).toEqual([]);
    const history = (await client.gql(CENTRE_READ)).data?.consentHistory ?? [];
    expect(history.map((e) => `${e.purpose} ${e.state} ${e.source}`)).toEqual([
      "SERVICE_IMPROVEMENT WITHDRAWN BANNER",
      "SERVICE_IMPROVEMENT GIVEN PORTAL",
      "MARKETING GIVEN REGISTRATION",
    ]);
    expect(history.every((e) => e.policyVersion === "2018-11-02")).toBe(true);

    // The ledger's evidence names the form, so the record holds where each choice was made.
    const events = await api.db.prisma.consentEvent.findMany({
      where: { subjectId: customer.id, purpose: "SERVICE_IMPROVEMENT" },
      orderBy: { sequence: "asc" },
      select: { source: true, evidence: true },
    });
    expect(events).toMatchObject([
      { source: "PORTAL", evidence: { form: "consent-centre" } },
      { source: "BANNER", evidence: { form: "cookie-banner", category: "ANALYTICS" } },
    ]);
  });
});
