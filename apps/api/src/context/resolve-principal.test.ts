import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test-support/api.js";
import { createPartner, registerCustomer } from "../test-support/fixtures.js";
import { graphql } from "../test-support/generated/gql.js";

const VIEWER = graphql(`
  query WhoIsAsking {
    viewer { kind processorId }
  }
`);

describe.each(testDatabases)("who is asking, on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("a partner key authenticates its processor and records when it was last used", async () => {
    const { processor, apiKey } = await createPartner(api.db.prisma, null);
    const viewer = await api.client({ authorization: `Bearer ${apiKey}` }).gql(VIEWER);
    expect(viewer.data?.viewer).toEqual({ kind: "partner", processorId: processor.id });
    const key = await api.db.prisma.partnerApiKey.findFirstOrThrow({
      where: { processorId: processor.id },
    });
    expect(key.lastUsedAt).toBeInstanceOf(Date);
  });

  it("an unknown key, a malformed header or a forged session cookie is anonymous", async () => {
    const customer = api.client();
    await registerCustomer(customer);
    const forged = api.client();
    forged.cookies.set("privet_session", "A".repeat(43));
    for (const client of [
      api.client({ authorization: "Bearer pk_not-a-real-key" }),
      api.client({ authorization: "Basic dXNlcjpwYXNz" }),
      forged,
    ]) {
      const result = await client.gql(VIEWER);
      expect(result.data?.viewer.kind).toBe("anonymous");
    }
    expect((await customer.gql(VIEWER)).data?.viewer.kind).toBe("customer");
  });
});
