import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../../server/create-server.js";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  captureOutput,
  createPolicyVersion,
  type RegisteredCustomer,
  registerVerifiedCustomer,
  signInStaff,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import { DELIVER, sendCampaign } from "../../test-support/marketing.js";
import { startTestSmtp, type TestSmtp } from "../../test-support/test-smtp.js";
import { deliverPendingEmails } from "../email/deliver-pending-emails.js";
import { createMailTransport } from "../email/mail-transport.js";

/** A campaign's emails, under the purpose the request's headers declare (or none). */
const LIST = graphql(`
  query CampaignOutbox($campaignId: ID) {
    outboxEmails(campaignId: $campaignId, first: 10) {
      id kind status customerId toAddress subject textBody attempts
    }
  }
`);

describe.each(testDatabases)("delivering campaigns on $name", (kind) => {
  describe("when delivery fails", () => {
    let smtp: TestSmtp;
    let api: TestApi;
    beforeAll(async () => {
      smtp = await startTestSmtp({ refuseRecipients: true });
      api = await startTestApi(kind, { smtpUrl: smtp.url });
      await createPolicyVersion(api.db.prisma);
    });
    afterAll(async () => {
      await api?.close();
      await smtp?.close();
    });

    it("keeps the email PENDING with its attempts, then FAILED, and no personal data in lastError", async () => {
      const person = await registerVerifiedCustomer(api);
      const staff = api.client();
      await signInStaff(api.db.prisma, staff, "ADMINISTRATOR");
      const sent = await sendCampaign(staff, "Autumn offers");
      const { result, output } = await captureOutput(() => staff.gql(DELIVER));
      expect(result.data?.deliverOutbox.configured).toBe(true);
      expect(output).toContain("email delivery failed");
      expect(output).not.toContain(person.email);
      expect(output).not.toContain("Autumn offers");
      let row = await api.db.prisma.outboxEmail.findFirstOrThrow({
        where: { campaignId: sent.campaign.id },
      });
      expect(row.status).toBe("PENDING");
      expect(row.attempts).toBeGreaterThanOrEqual(1);
      expect(row.sentAt).toBeNull();
      expect(row.lastError).toContain("SMTP 550");
      for (const secret of [person.email, person.email.split("@")[0] as string, person.id]) {
        expect(row.lastError).not.toContain(secret);
      }
      // Retries end after five attempts: FAILED, and no further attempt.
      for (let i = 0; i < 6 && row.status === "PENDING"; i++) {
        await staff.gql(DELIVER);
        row = await api.db.prisma.outboxEmail.findUniqueOrThrow({ where: { id: row.id } });
      }
      expect(row.status).toBe("FAILED");
      expect(row.attempts).toBe(5);
      await staff.gql(DELIVER);
      expect(
        (await api.db.prisma.outboxEmail.findUniqueOrThrow({ where: { id: row.id } })).attempts,
      ).toBe(5);
      expect(smtp.messages).toHaveLength(0);
    });

    it("records an unreachable server as a failed attempt, without the address", async () => {
      const person = await registerVerifiedCustomer(api);
      const row = await api.db.prisma.outboxEmail.create({
        data: {
          kind: "REQUEST_UPDATE",
          customerId: person.id,
          toAddress: person.email,
          subject: "Your request",
          textBody: "…",
        },
      });
      // Port 1 on loopback: nothing listens there.
      const transport = createMailTransport("smtp://127.0.0.1:1", api.config.mailFrom);
      try {
        const report = await deliverPendingEmails(api.db.prisma, transport);
        expect(report.retrying).toBeGreaterThanOrEqual(1);
      } finally {
        transport.close();
      }
      const after = await api.db.prisma.outboxEmail.findUniqueOrThrow({ where: { id: row.id } });
      expect(after).toMatchObject({ status: "PENDING", attempts: 1, sentAt: null });
      expect(after.lastError).toMatch(/^Delivery failed: E[A-Z]+/);
      expect(after.lastError).not.toContain(person.email);
    });
  });

  describe("without SMTP_URL", () => {
    let api: TestApi;
    let smtp: TestSmtp;
    let staff: ApiClient;
    beforeAll(async () => {
      smtp = await startTestSmtp();
      api = await startTestApi(kind);
      await createPolicyVersion(api.db.prisma);
      staff = api.client();
      await signInStaff(api.db.prisma, staff, "PRIVACY_OFFICER");
    });
    afterAll(async () => {
      await api?.close();
      await smtp?.close();
    });

    it("sends nothing: the campaign stays in the outbox, where staff see it with privacy enforced", async () => {
      const person = await registerVerifiedCustomer(api);
      const sent = await sendCampaign(staff, "Winter offers");
      expect(sent.emailsQueued).toBeGreaterThanOrEqual(1);
      const result = await staff.gql(DELIVER);
      expect(result.data?.deliverOutbox).toEqual({
        configured: false,
        attempted: 0,
        sent: 0,
        retrying: 0,
        failed: 0,
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(smtp.messages).toHaveLength(0);

      await staffSeeTheOutboxWithPrivacyEnforced(sent.campaign.id, person);
      await aServerStartedWithSmtpDeliversWhatWaited(sent.campaign.id, person);
    });

    async function staffSeeTheOutboxWithPrivacyEnforced(
      campaignId: string,
      person: RegisteredCustomer,
    ) {
      // Under MARKETING (the customer consented) the address shows; the text does not.
      const marketing = await staff.gql(
        LIST,
        { campaignId },
        { headers: { "x-privet-purpose": "MARKETING" } },
      );
      const mine = marketing.data?.outboxEmails.find((email) => email.customerId === person.id);
      expect(mine).toMatchObject({
        kind: "CAMPAIGN",
        status: "PENDING",
        attempts: 0,
        toAddress: person.email,
        textBody: null,
      });
      expect(
        marketing.errors.some(
          (error) =>
            error.extensions?.code === "PRIVACY_REDACTED" &&
            error.extensions?.category === "user.content.message",
        ),
      ).toBe(true);
      // Without a purpose, every personal field is redacted.
      const none = await staff.gql(LIST, { campaignId });
      expect(none.data?.outboxEmails[0]?.toAddress).toBeNull();
      // Under SUPPORT the text shows, with the unsubscribe token masked.
      const support = await staff.gql(
        LIST,
        { campaignId },
        { headers: { "x-privet-purpose": "SUPPORT", "x-privet-purpose-ref": "T-1" } },
      );
      const text = String(support.data?.outboxEmails[0]?.textBody);
      expect(text).toContain("/unsubscribe?token=…");
      expect(text).not.toMatch(/token=[A-Za-z0-9_-]{10}/);
    }

    /** A server started with SMTP_URL delivers what waited in the outbox, unasked. */
    async function aServerStartedWithSmtpDeliversWhatWaited(
      campaignId: string,
      person: RegisteredCustomer,
    ) {
      const server = await startServer({
        prisma: api.db.prisma,
        audit: api.db.audit,
        config: { ...api.config, smtpUrl: smtp.url },
      });
      try {
        await smtp.waitFor(person.email, 2); // its verification email and the campaign
      } finally {
        await server.close();
      }
      const row = await api.db.prisma.outboxEmail.findFirstOrThrow({
        where: { campaignId, customerId: person.id },
      });
      expect(row.status).toBe("SENT");
    }
  });
});
