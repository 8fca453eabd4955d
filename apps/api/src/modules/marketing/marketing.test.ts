import { verifyConsentLedger } from "@privet/db/ledger";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../../server/create-server.js";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  captureOutput,
  createPolicyVersion,
  type RegisteredCustomer,
  registerCustomer,
  signInStaff,
} from "../../test-support/fixtures.js";
import { startTestSmtp, type TestSmtp } from "../../test-support/test-smtp.js";
import { deliverPendingEmails } from "../email/deliver-pending-emails.js";
import { createMailTransport } from "../email/mail-transport.js";
import { unsubscribeToken } from "./unsubscribe-token.js";

const SEND = `mutation Send($input: SendCampaignInput!) {
  sendCampaign(input: $input) { emailsQueued campaign { id name subject text recipients sentAt } }
}`;
const DELIVER = `mutation { deliverOutbox { configured attempted sent retrying failed } }`;

interface Sent {
  sendCampaign: { emailsQueued: number; campaign: { id: string; recipients: number } };
}

async function marketingOf(api: TestApi, customerId: string) {
  return api.db.prisma.consentCurrent.findUnique({
    where: {
      subjectKind_subjectId_purpose: {
        subjectKind: "CUSTOMER",
        subjectId: customerId,
        purpose: "MARKETING",
      },
    },
    select: { state: true, source: true },
  });
}

async function sendCampaign(staff: ApiClient, subject: string, text = "Our spring offers.") {
  const result = await staff.gql<Sent>(SEND, { input: { subject, text } });
  expect(result.errors).toEqual([]);
  return result.data?.sendCampaign as Sent["sendCampaign"];
}

function linkIn(text: string): string {
  const match = /(https?:\/\/\S+\/unsubscribe\?token=[A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error("no unsubscribe link in the email");
  return match[1];
}

describe.each(testDatabases)("marketing campaigns on $name", (kind) => {
  describe("with SMTP", () => {
    let smtp: TestSmtp;
    let api: TestApi;
    beforeAll(async () => {
      smtp = await startTestSmtp();
      api = await startTestApi(kind, { smtpUrl: smtp.url });
      await createPolicyVersion(api.db.prisma);
    });
    afterAll(async () => {
      await api?.close();
      await smtp?.close();
    });

    it("[P-08] a marketing email's unsubscribe link withdraws consent without signing in; the next campaign skips that customer", async () => {
      // Links point at the test server (startTestApi sets config.apiUrl to its own origin).
      const people: RegisteredCustomer[] = [];
      for (let i = 0; i < 3; i++) people.push(await registerCustomer(api.client()));
      const [a, b, c] = people as [RegisteredCustomer, RegisteredCustomer, RegisteredCustomer];
      for (const person of people) expect((await marketingOf(api, person.id))?.state).toBe("GIVEN");

      const staff = api.client();
      await signInStaff(api.db.prisma, staff, "PRIVACY_OFFICER");
      const first = await sendCampaign(staff, "Spring offers");
      expect(first.emailsQueued).toBe(3);
      expect(first.campaign.recipients).toBe(3);
      const delivered = await staff.gql<{ deliverOutbox: { configured: boolean } }>(DELIVER);
      expect(delivered.data?.deliverOutbox.configured).toBe(true);

      const links = new Map<string, { header: string; body: string }>();
      for (const person of people) {
        const [mail] = await smtp.waitFor(person.email);
        if (!mail) throw new Error("no mail");
        expect(mail.headers.get("subject")).toBe("Spring offers");
        expect(mail.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
        const header = /^<(https?:\/\/[^>]+)>$/.exec(
          mail.headers.get("list-unsubscribe") ?? "",
        )?.[1];
        if (!header) throw new Error("no List-Unsubscribe header");
        const body = linkIn(mail.text);
        expect(body).toBe(header);
        expect(mail.text).toContain("Our spring offers.");
        // The token names neither the address nor the customer.
        expect(header).not.toContain(person.id);
        expect(header.toLowerCase()).not.toContain(encodeURIComponent(person.email).toLowerCase());
        expect(header).not.toContain(person.email.split("@")[0]);
        links.set(person.id, { header, body });
      }
      const rows = await api.db.prisma.outboxEmail.findMany({
        where: { campaignId: first.campaign.id },
      });
      expect(rows.map((row) => row.status)).toEqual(["SENT", "SENT", "SENT"]);
      expect(rows.every((row) => row.sentAt !== null && row.attempts === 1)).toBe(true);

      // a follows the link in the text: the page alone (what link scanners fetch) changes
      // nothing; its button does. No cookie is sent: no sign-in.
      const page = await fetch(links.get(a.id)?.body as string);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).not.toContain(a.email);
      expect((await marketingOf(api, a.id))?.state).toBe("GIVEN");
      const action = /<form method="post" action="([^"]+)"/
        .exec(html)?.[1]
        ?.replaceAll("&amp;", "&");
      if (!action) throw new Error("no form on the page");
      const submitted = await fetch(new URL(action, links.get(a.id)?.body), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "",
      });
      expect(submitted.status).toBe(200);
      expect(await marketingOf(api, a.id)).toEqual({ state: "WITHDRAWN", source: "EMAIL_LINK" });

      // b's mail client uses the header: the RFC 8058 one-click POST, twice (idempotent).
      for (let i = 0; i < 2; i++) {
        const oneClick = await fetch(links.get(b.id)?.header as string, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "List-Unsubscribe=One-Click",
        });
        expect(oneClick.status).toBe(200);
      }
      expect(await marketingOf(api, b.id)).toEqual({ state: "WITHDRAWN", source: "EMAIL_LINK" });
      const withdrawals = await api.db.prisma.consentEvent.findMany({
        where: { subjectId: b.id, purpose: "MARKETING", state: "WITHDRAWN" },
      });
      expect(withdrawals).toHaveLength(1);
      expect(withdrawals[0]?.policyVersionId).not.toBeNull();
      expect(withdrawals[0]?.evidence).toMatchObject({
        campaignId: first.campaign.id,
        method: "ONE_CLICK",
      });
      expect((await marketingOf(api, c.id))?.state).toBe("GIVEN");
      expect((await verifyConsentLedger(api.db.prisma)).ok).toBe(true);

      // The next campaign goes to c only.
      const before = smtp.messages.length;
      const second = await sendCampaign(staff, "Summer offers");
      expect(second.emailsQueued).toBe(1);
      await staff.gql(DELIVER);
      await smtp.waitFor(c.email, 2);
      const secondRows = await api.db.prisma.outboxEmail.findMany({
        where: { campaignId: second.campaign.id },
      });
      expect(secondRows.map((row) => row.customerId)).toEqual([c.id]);
      const newMail = smtp.messages.slice(before);
      expect(newMail.flatMap((mail) => mail.to)).toEqual([c.email.toLowerCase()]);
    });
  });

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
      const person = await registerCustomer(api.client());
      const staff = api.client();
      await signInStaff(api.db.prisma, staff, "ADMINISTRATOR");
      const sent = await sendCampaign(staff, "Autumn offers");
      const { result, output } = await captureOutput(() =>
        staff.gql<{ deliverOutbox: { configured: boolean } }>(DELIVER),
      );
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
      const person = await registerCustomer(api.client());
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
      const person = await registerCustomer(api.client());
      const sent = await sendCampaign(staff, "Winter offers");
      expect(sent.emailsQueued).toBeGreaterThanOrEqual(1);
      const result = await staff.gql<{ deliverOutbox: Record<string, unknown> }>(DELIVER);
      expect(result.data?.deliverOutbox).toEqual({
        configured: false,
        attempted: 0,
        sent: 0,
        retrying: 0,
        failed: 0,
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(smtp.messages).toHaveLength(0);

      const LIST = `query($campaignId: ID) {
        outboxEmails(campaignId: $campaignId, first: 10) { id kind status customerId toAddress subject textBody attempts }
      }`;
      type Listed = { outboxEmails: Array<Record<string, unknown>> };
      // Under MARKETING (the customer consented) the address shows; the text does not.
      const marketing = await staff.gql<Listed>(
        LIST,
        { campaignId: sent.campaign.id },
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
      const none = await staff.gql<Listed>(LIST, { campaignId: sent.campaign.id });
      expect(none.data?.outboxEmails[0]?.toAddress).toBeNull();
      // Under SUPPORT the text shows, with the unsubscribe token masked.
      const support = await staff.gql<Listed>(
        LIST,
        { campaignId: sent.campaign.id },
        { headers: { "x-privet-purpose": "SUPPORT", "x-privet-purpose-ref": "T-1" } },
      );
      const text = String(support.data?.outboxEmails[0]?.textBody);
      expect(text).toContain("/unsubscribe?token=…");
      expect(text).not.toMatch(/token=[A-Za-z0-9_-]{10}/);

      // A server started with SMTP_URL delivers what waited in the outbox, unasked.
      const server = await startServer({
        prisma: api.db.prisma,
        audit: api.db.audit,
        config: { ...api.config, smtpUrl: smtp.url },
      });
      try {
        await smtp.waitFor(person.email);
      } finally {
        await server.close();
      }
      const row = await api.db.prisma.outboxEmail.findFirstOrThrow({
        where: { campaignId: sent.campaign.id, customerId: person.id },
      });
      expect(row.status).toBe("SENT");
    });

    it("lets only privacy officers and administrators send campaigns and run the outbox", async () => {
      const campaigns = () => api.db.prisma.campaign.count();
      const before = await campaigns();
      const input = { input: { subject: "Offers", text: "Buy now." } };
      const anonymous = await api.client().gql(SEND, input);
      expect(anonymous.errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      const customer = api.client();
      await registerCustomer(customer);
      expect((await customer.gql(SEND, input)).errors[0]?.extensions?.code).toBe("FORBIDDEN");
      for (const role of ["SUPPORT_AGENT", "SECURITY_OFFICER", "AUDITOR"] as const) {
        const client = api.client();
        await signInStaff(api.db.prisma, client, role);
        for (const operation of [
          SEND,
          DELIVER,
          "query { outboxEmails { id } }",
          "query { campaigns { id } }",
        ]) {
          const result = await client.gql(operation, input);
          expect(result.errors[0]?.extensions?.code, `${role}: ${operation}`).toBe("FORBIDDEN");
        }
      }
      expect(await campaigns()).toBe(before);
      const admin = api.client();
      await signInStaff(api.db.prisma, admin, "ADMINISTRATOR");
      const sent = await admin.gql<Sent>(SEND, input);
      expect(sent.errors).toEqual([]);
      const listed = await admin.gql<{ campaigns: Array<{ id: string }> }>(
        "query { campaigns { id } }",
      );
      expect(listed.data?.campaigns.map((c) => c.id)).toContain(
        sent.data?.sendCampaign.campaign.id,
      );
    });

    it("skips erased customers and those whose marketing consent is not given", async () => {
      const consenting = await registerCustomer(api.client());
      const erased = await registerCustomer(api.client());
      const refusing = api.client();
      const refused = await registerCustomer(refusing);
      const set = await refusing.gql(
        `mutation { setConsent(purpose: MARKETING, state: WITHDRAWN) { state } }`,
      );
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
      const cases: Array<[Record<string, unknown>, string]> = [
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
      const list = await staff.gql("query { outboxEmails(first: 1000) { id } }");
      expect(list.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
      expect(await api.db.prisma.campaign.count()).toBe(before);
    });

    it("a forged or unknown token changes nothing", async () => {
      const person = await registerCustomer(api.client());
      const sent = await sendCampaign(staff, "Forgery test");
      const email = await api.db.prisma.outboxEmail.findFirstOrThrow({
        where: { campaignId: sent.campaign.id, customerId: person.id },
      });
      const genuine = linkIn(email.textBody);
      const token = new URL(genuine).searchParams.get("token") as string;
      const flip = (text: string, at: number) =>
        text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
      const policyNotice = await api.db.prisma.outboxEmail.create({
        data: {
          kind: "POLICY_NOTICE",
          customerId: person.id,
          toAddress: person.email,
          subject: "Policy",
          textBody: "…",
        },
      });
      const forged = [
        flip(token, 5), // another email id, same MAC
        flip(token, 40), // the MAC altered
        unsubscribeToken(email.id, "another-secret-0123456789abcdef"),
        unsubscribeToken("0190f0e0-0000-7000-8000-000000000000", api.config.hashKey),
        // Genuine MAC, but not a campaign email.
        unsubscribeToken(policyNotice.id, api.config.hashKey),
        "x".repeat(64),
        "short",
        "",
      ];
      const eventsBefore = await api.db.prisma.consentEvent.count();
      const base = `${new URL(api.url).origin}/unsubscribe`;
      for (const candidate of forged) {
        const url = `${base}?token=${encodeURIComponent(candidate)}`;
        const post = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "List-Unsubscribe=One-Click",
        });
        expect(post.status, candidate).toBe(404);
        expect((await fetch(url)).status, candidate).toBe(404);
      }
      const noToken = await fetch(base, { method: "POST" });
      expect(noToken.status).toBe(404);
      expect(await api.db.prisma.consentEvent.count()).toBe(eventsBefore);
      expect((await marketingOf(api, person.id))?.state).toBe("GIVEN");
      // The genuine one still works.
      const post = await fetch(genuine, { method: "POST", body: "List-Unsubscribe=One-Click" });
      expect(post.status).toBe(200);
      expect((await marketingOf(api, person.id))?.state).toBe("WITHDRAWN");
    });
  });
});
