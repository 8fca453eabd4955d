import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  type GraphQLResponse,
  startTestApi,
  type TestApi,
} from "../../test-support/api.js";
import {
  createPolicyVersion,
  registerVerifiedCustomer,
  signInStaff,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import type { SendCampaignInput } from "../../test-support/generated/graphql.js";
import { DELIVER, SEND, sendCampaign } from "../../test-support/marketing.js";

const OUTBOX_IDS = graphql(`
  query OutboxIds {
    outboxEmails { id }
  }
`);
const CAMPAIGN_IDS = graphql(`
  query CampaignIds {
    campaigns { id }
  }
`);
const OUTBOX_PAGE_TOO_LONG = graphql(`
  query OutboxPageTooLong {
    outboxEmails(first: 1000) { id }
  }
`);
const WITHDRAW_MARKETING = graphql(`
  mutation CampaignRecipientWithdraws {
    setConsent(purpose: MARKETING, state: WITHDRAWN) { state }
  }
`);

describe.each(testDatabases)("sending campaigns on $name", (kind) => {
  let api: TestApi;
  let staff: ApiClient;
  beforeAll(async () => {
    api = await startTestApi(kind);
    await createPolicyVersion(api.db.prisma);
    staff = api.client();
    await signInStaff(api.db.prisma, staff, "PRIVACY_OFFICER");
  });
  afterAll(() => api?.close());

  it("lets only privacy officers and administrators send campaigns and run the outbox", async () => {
    const campaigns = () => api.db.prisma.campaign.count();
    const before = await campaigns();
    const input = { input: { subject: "Offers", text: "Buy now." } };
    const anonymous = await api.client().gql(SEND, input);
    expect(anonymous.errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const customer = api.client();
    await registerVerifiedCustomer(api, customer);
    expect((await customer.gql(SEND, input)).errors[0]?.extensions?.code).toBe("FORBIDDEN");
    const operations: Array<[string, (client: ApiClient) => Promise<GraphQLResponse<unknown>>]> = [
      ["sendCampaign", (client) => client.gql(SEND, input)],
      ["deliverOutbox", (client) => client.gql(DELIVER)],
      ["outboxEmails", (client) => client.gql(OUTBOX_IDS)],
      ["campaigns", (client) => client.gql(CAMPAIGN_IDS)],
    ];
    for (const role of ["SUPPORT_AGENT", "SECURITY_OFFICER", "AUDITOR"] as const) {
      const client = api.client();
      await signInStaff(api.db.prisma, client, role);
      for (const [operation, send] of operations) {
        const result = await send(client);
        expect(result.errors[0]?.extensions?.code, `${role}: ${operation}`).toBe("FORBIDDEN");
      }
    }
    expect(await campaigns()).toBe(before);
    const admin = api.client();
    await signInStaff(api.db.prisma, admin, "ADMINISTRATOR");
    const sent = await admin.gql(SEND, input);
    expect(sent.errors).toEqual([]);
    const listed = await admin.gql(CAMPAIGN_IDS);
    expect(listed.data?.campaigns.map((c) => c.id)).toContain(sent.data?.sendCampaign.campaign.id);
  });

  it("skips erased customers and those whose marketing consent is not given", async () => {
    const consenting = await registerVerifiedCustomer(api);
    const erased = await registerVerifiedCustomer(api);
    const refusing = api.client();
    const refused = await registerVerifiedCustomer(api, refusing);
    const set = await refusing.gql(WITHDRAW_MARKETING);
    expect(set.errors).toEqual([]);
    await api.db.prisma.customer.update({
      where: { id: erased.id },
      data: { erasedAt: new Date() },
    });
    const sent = await sendCampaign(staff, "Who gets this");
    const rows = await api.db.prisma.outboxEmail.findMany({
      where: { campaignId: sent.campaign.id },
      select: { customerId: true },
    });
    const recipients = rows.map((row) => row.customerId);
    expect(recipients).toContain(consenting.id);
    expect(recipients).not.toContain(erased.id);
    expect(recipients).not.toContain(refused.id);
    expect(sent.emailsQueued).toBe(rows.length);
  });

  it("refuses bad input with BAD_USER_INPUT naming the field", async () => {
    const before = await api.db.prisma.campaign.count();
    const cases: Array<[SendCampaignInput, string]> = [
      [{ subject: "", text: "Hello" }, "subject"],
      [{ subject: "   ", text: "Hello" }, "subject"],
      [{ subject: "a".repeat(201), text: "Hello" }, "subject"],
      [{ subject: "Hello\r\nBcc: everyone@example.com", text: "Hello" }, "subject"],
      [{ subject: "Hello", text: "" }, "text"],
      [{ subject: "Hello", text: "x".repeat(20_001) }, "text"],
      [{ subject: "Hello", text: "Hi", name: "n".repeat(201) }, "name"],
    ];
    for (const [input, field] of cases) {
      const result = await staff.gql(SEND, { input });
      expect(result.errors[0]?.extensions, field).toMatchObject({
        code: "BAD_USER_INPUT",
        field,
      });
    }
    const list = await staff.gql(OUTBOX_PAGE_TOO_LONG);
    expect(list.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    expect(await api.db.prisma.campaign.count()).toBe(before);
  });
});
