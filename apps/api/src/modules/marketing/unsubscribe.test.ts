import { verifyConsentLedger } from "@privet/db/ledger";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  createPolicyVersion,
  type RegisteredCustomer,
  registerVerifiedCustomer,
  signInStaff,
} from "../../test-support/fixtures.js";
import { DELIVER, linkIn, marketingOf, sendCampaign } from "../../test-support/marketing.js";
import { startTestSmtp, type TestSmtp } from "../../test-support/test-smtp.js";
import { unsubscribeToken } from "./unsubscribe-token.js";

/** The unsubscribe link of one person's email, in its header and in its text. */
interface Links {
  readonly header: string;
  readonly body: string;
}

describe.each(testDatabases)("unsubscribing from marketing emails on $name", (kind) => {
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
      for (let i = 0; i < 3; i++) people.push(await registerVerifiedCustomer(api));
      const [a, b, c] = people as [RegisteredCustomer, RegisteredCustomer, RegisteredCustomer];
      for (const person of people) expect((await marketingOf(api, person.id))?.state).toBe("GIVEN");

      const staff = api.client();
      await signInStaff(api.db.prisma, staff, "PRIVACY_OFFICER");
      const { campaignId, links } = await sendTheFirstCampaignToAll(staff, people);
      await aFollowsTheLinkInTheText(a, links);
      await bsMailClientPostsTheHeadersOneClickTwice(b, links, campaignId);
      expect((await marketingOf(api, c.id))?.state).toBe("GIVEN");
      expect((await verifyConsentLedger(api.db.prisma)).ok).toBe(true);
      await theNextCampaignGoesToCOnly(staff, c);
    });

    async function sendTheFirstCampaignToAll(staff: ApiClient, people: RegisteredCustomer[]) {
      const first = await sendCampaign(staff, "Spring offers");
      expect(first.emailsQueued).toBe(3);
      expect(first.campaign.recipients).toBe(3);
      const delivered = await staff.gql(DELIVER);
      expect(delivered.data?.deliverOutbox.configured).toBe(true);

      const links = new Map<string, Links>();
      for (const person of people) links.set(person.id, await linksInTheMailTo(person));
      const rows = await api.db.prisma.outboxEmail.findMany({
        where: { campaignId: first.campaign.id },
      });
      expect(rows.map((row) => row.status)).toEqual(["SENT", "SENT", "SENT"]);
      expect(rows.every((row) => row.sentAt !== null && row.attempts === 1)).toBe(true);
      return { campaignId: first.campaign.id, links };
    }

    async function linksInTheMailTo(person: RegisteredCustomer): Promise<Links> {
      // The address's verification email went out in the same delivery.
      const mails = await smtp.waitFor(person.email, 2);
      const mail = mails.find((one) => one.headers.get("subject") === "Spring offers");
      if (!mail) throw new Error("no campaign mail");
      expect(mail.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
      const header = /^<(https?:\/\/[^>]+)>$/.exec(mail.headers.get("list-unsubscribe") ?? "")?.[1];
      if (!header) throw new Error("no List-Unsubscribe header");
      const body = linkIn(mail.text);
      expect(body).toBe(header);
      expect(mail.text).toContain("Our spring offers.");
      // The token names neither the address nor the customer.
      expect(header).not.toContain(person.id);
      expect(header.toLowerCase()).not.toContain(encodeURIComponent(person.email).toLowerCase());
      expect(header).not.toContain(person.email.split("@")[0]);
      return { header, body };
    }

    /**
     * a follows the link in the text: the page alone (what link scanners fetch) changes
     * nothing; its button does. No cookie is sent: no sign-in.
     */
    async function aFollowsTheLinkInTheText(a: RegisteredCustomer, links: Map<string, Links>) {
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
    }

    /** b's mail client uses the header: the RFC 8058 one-click POST, twice (idempotent). */
    async function bsMailClientPostsTheHeadersOneClickTwice(
      b: RegisteredCustomer,
      links: Map<string, Links>,
      campaignId: string,
    ) {
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
      expect(withdrawals[0]?.evidence).toMatchObject({ campaignId, method: "ONE_CLICK" });
    }

    async function theNextCampaignGoesToCOnly(staff: ApiClient, c: RegisteredCustomer) {
      const before = smtp.messages.length;
      const second = await sendCampaign(staff, "Summer offers");
      expect(second.emailsQueued).toBe(1);
      await staff.gql(DELIVER);
      await smtp.waitFor(c.email, 3);
      const secondRows = await api.db.prisma.outboxEmail.findMany({
        where: { campaignId: second.campaign.id },
      });
      expect(secondRows.map((row) => row.customerId)).toEqual([c.id]);
      const newMail = smtp.messages.slice(before);
      expect(newMail.flatMap((mail) => mail.to)).toEqual([c.email.toLowerCase()]);
    }
  });

  describe("without SMTP_URL", () => {
    let api: TestApi;
    let staff: ApiClient;
    beforeAll(async () => {
      api = await startTestApi(kind);
      await createPolicyVersion(api.db.prisma);
      staff = api.client();
      await signInStaff(api.db.prisma, staff, "PRIVACY_OFFICER");
    });
    afterAll(() => api?.close());

    it("a forged or unknown token changes nothing", async () => {
      const person = await registerVerifiedCustomer(api);
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
