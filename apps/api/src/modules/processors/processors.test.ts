import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { createPartner, signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

const REGISTRY = graphql(`
  query Registry {
    processors {
      id name kind region agreementInForce daysUntilExpiry expiringSoon
      agreements { reference validFrom validUntil }
      apiKeys { prefix revokedAt }
    }
  }
`);

const days = (n: number) => new Date(Date.now() + n * 86_400_000);

describe.each(testDatabases)("the processor registry on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("[P-10] flags an agreement ending within 30 days, and a processor with none in force", async () => {
    const scope = { purposes: ["MARKETING" as const], categories: ["user.contact.email" as const] };
    const expiring = await createPartner(api.db.prisma, { ...scope, validUntil: days(10) });
    const healthy = await createPartner(api.db.prisma, { ...scope, validUntil: days(400) });
    const lapsed = await createPartner(api.db.prisma, {
      ...scope,
      validFrom: days(-400),
      validUntil: days(-1),
    });
    const officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
    const result = await officer.gql(REGISTRY);
    expect(result.errors).toEqual([]);
    const byId = new Map(result.data?.processors.map((p) => [p.id, p]));
    expect(byId.get(expiring.processor.id)).toMatchObject({
      agreementInForce: true,
      expiringSoon: true,
      daysUntilExpiry: 10,
      region: "US — Oregon",
    });
    expect(byId.get(healthy.processor.id)).toMatchObject({
      agreementInForce: true,
      expiringSoon: false,
    });
    expect(byId.get(lapsed.processor.id)).toMatchObject({
      agreementInForce: false,
      expiringSoon: false,
      daysUntilExpiry: null,
    });
    // Its keys, shown by prefix only.
    expect(byId.get(expiring.processor.id)?.apiKeys).toHaveLength(1);
    expect(JSON.stringify(result.data)).not.toContain(expiring.apiKey);
  });

  it("is for administrators and privacy officers only", async () => {
    const agent = api.client();
    await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT");
    const refused = await agent.gql(REGISTRY);
    expect(refused.errors.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    const anonymous = await api.client().gql(REGISTRY);
    expect(anonymous.errors.map((e) => e.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
  });
});
