import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import { createPolicyVersion, registerCustomer, signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

const RECIPIENTS = graphql(`
  query NoticeRecipients {
    policyNoticeRecipients
  }
`);
const PUBLISH_MATERIAL = graphql(`
  mutation PublishMaterialAfterPreview($input: PublishPolicyVersionInput!) {
    publishPolicyVersion(input: $input) { noticesQueued }
  }
`);

describe.each(testDatabases)("who a material policy change would tell, on $name", (kind) => {
  let api: TestApi;
  let officer: ApiClient;
  beforeAll(async () => {
    api = await startTestApi(kind);
    await createPolicyVersion(api.db.prisma);
    officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
  });
  afterAll(() => api?.close());

  it("[P-18] counts the customers not erased, exactly as many as publishing then notifies", async () => {
    await registerCustomer(api.client());
    await registerCustomer(api.client());
    const erased = await registerCustomer(api.client());
    await api.db.prisma.customer.update({
      where: { id: erased.id },
      data: { erasedAt: new Date() },
    });
    const counted = await officer.gql(RECIPIENTS);
    expect(counted.errors).toEqual([]);
    const notErased = await api.db.prisma.customer.count({ where: { erasedAt: null } });
    expect(counted.data?.policyNoticeRecipients).toBe(notErased);
    expect(notErased).toBeGreaterThanOrEqual(2);

    const published = await officer.gql(PUBLISH_MATERIAL, {
      input: {
        version: "v-notice-count",
        title: "Privacy Statement",
        body: "# Privacy Statement\n\nClearer.",
        summary: "Clearer wording.",
        effectiveAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        material: true,
      },
    });
    expect(published.errors).toEqual([]);
    expect(published.data?.publishPolicyVersion.noticesQueued).toBe(
      counted.data?.policyNoticeRecipients,
    );
  });

  it("is for privacy officers only", async () => {
    const admin = api.client();
    await signInStaff(api.db.prisma, admin, "ADMINISTRATOR");
    expect((await admin.gql(RECIPIENTS)).errors[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await api.client().gql(RECIPIENTS)).errors[0]?.extensions?.code).toBe(
      "UNAUTHENTICATED",
    );
  });
});
