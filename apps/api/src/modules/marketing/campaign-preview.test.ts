import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  createPolicyVersion,
  registerVerifiedCustomer,
  signInStaff,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import type { SendCampaignInput } from "../../test-support/generated/graphql.js";
import { linkIn, sendCampaign } from "../../test-support/marketing.js";

const PREVIEW = graphql(`
  query PreviewCampaign($input: SendCampaignInput!) {
    campaignPreview(input: $input) { recipients subject textBody }
  }
`);
const TEST_SEND = graphql(`
  mutation TestSendCampaign($input: SendCampaignInput!) {
    sendCampaignTest(input: $input) { queued subject }
  }
`);
const WITHDRAW = graphql(`
  mutation PreviewRecipientWithdraws {
    setConsent(purpose: MARKETING, state: WITHDRAWN) { state }
  }
`);

describe.each(testDatabases)("previewing a campaign on $name", (kind) => {
  let api: TestApi;
  let staff: ApiClient;
  let staffEmail: string;
  beforeAll(async () => {
    api = await startTestApi(kind);
    await createPolicyVersion(api.db.prisma);
    staff = api.client();
    staffEmail = (await signInStaff(api.db.prisma, staff, "PRIVACY_OFFICER")).email;
  });
  afterAll(() => api?.close());

  const input = { subject: "Spring offers", text: "Twenty percent off.\nThis week only." };

  /** Two customers who allow marketing, one who withdrew, one erased. */
  async function someCustomersAllowMarketing() {
    await registerVerifiedCustomer(api);
    await registerVerifiedCustomer(api);
    const refusing = api.client();
    await registerVerifiedCustomer(api, refusing);
    expect((await refusing.gql(WITHDRAW)).errors).toEqual([]);
    const erased = await registerVerifiedCustomer(api);
    await api.db.prisma.customer.update({
      where: { id: erased.id },
      data: { erasedAt: new Date() },
    });
  }

  it("[P-08] counts exactly the customers the send then queues, and renders the email with its unsubscribe footer, sending nothing", async () => {
    await someCustomersAllowMarketing();
    const emailsBefore = await api.db.prisma.outboxEmail.count();
    const campaignsBefore = await api.db.prisma.campaign.count();

    const preview = await staff.gql(PREVIEW, { input });
    expect(preview.errors).toEqual([]);
    const shown = preview.data?.campaignPreview;
    expect(shown?.subject).toBe("Spring offers");
    expect(shown?.textBody).toMatch(/^Twenty percent off\.\nThis week only\.\n/);
    expect(shown?.textBody).toContain("Unsubscribe with one click");
    expect(linkIn(shown?.textBody ?? "")).toContain("/unsubscribe?token=");
    expect(await api.db.prisma.outboxEmail.count()).toBe(emailsBefore);
    expect(await api.db.prisma.campaign.count()).toBe(campaignsBefore);

    const sent = await sendCampaign(staff, input.subject, input.text);
    expect(sent.emailsQueued).toBe(shown?.recipients);
    expect(shown?.recipients).toBeGreaterThanOrEqual(2);
  });

  it("sends a test only to the signed-in staff member, marked as a test, recording no campaign", async () => {
    const campaignsBefore = await api.db.prisma.campaign.count();
    const emailsBefore = await api.db.prisma.outboxEmail.count();
    const result = await staff.gql(TEST_SEND, { input });
    expect(result.errors).toEqual([]);
    expect(result.data?.sendCampaignTest).toEqual({
      queued: true,
      subject: "[Test] Spring offers",
    });
    const added = await api.db.prisma.outboxEmail.findMany({
      orderBy: { createdAt: "desc" },
      take: (await api.db.prisma.outboxEmail.count()) - emailsBefore,
    });
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      toAddress: staffEmail,
      customerId: null,
      campaignId: null,
      subject: "[Test] Spring offers",
    });
    expect(added[0]?.textBody).toContain("Unsubscribe with one click");
    expect(await api.db.prisma.campaign.count()).toBe(campaignsBefore);
  });

  it("refuses a bad campaign with BAD_USER_INPUT naming the field, in the preview and the test send alike", async () => {
    const emailsBefore = await api.db.prisma.outboxEmail.count();
    const cases: Array<[SendCampaignInput, string]> = [
      [{ subject: "", text: "Hello" }, "subject"],
      [{ subject: "Hello\r\nBcc: everyone@example.com", text: "Hello" }, "subject"],
      [{ subject: "Hello", text: "" }, "text"],
    ];
    for (const [bad, field] of cases) {
      const preview = await staff.gql(PREVIEW, { input: bad });
      expect(preview.errors[0]?.extensions, field).toMatchObject({ code: "BAD_USER_INPUT", field });
      const test = await staff.gql(TEST_SEND, { input: bad });
      expect(test.errors[0]?.extensions, field).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    expect(await api.db.prisma.outboxEmail.count()).toBe(emailsBefore);
  });

  it("lets neither customers nor support agents preview or test-send", async () => {
    const customer = api.client();
    await registerVerifiedCustomer(api, customer);
    const agent = api.client();
    await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT");
    for (const client of [customer, agent]) {
      expect((await client.gql(PREVIEW, { input })).errors[0]?.extensions?.code).toBe("FORBIDDEN");
      expect((await client.gql(TEST_SEND, { input })).errors[0]?.extensions?.code).toBe(
        "FORBIDDEN",
      );
    }
  });
});
