import { appendConsentEvent } from "@privet/db/ledger";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { createPolicyVersion, uniqueEmail } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import { confirmationToken } from "./confirmation-token.js";

const SUBSCRIBE = graphql(`
  mutation Subscribe($email: String!) {
    subscribeNewsletter(email: $email)
  }
`);

describe.each(testDatabases)("newsletter on $name", (kind) => {
  let api: TestApi;
  let policyId: string;
  beforeAll(async () => {
    api = await startTestApi(kind);
    const policy = await createPolicyVersion(api.db.prisma);
    // A later version not yet in force: the consent must not name it.
    await api.db.prisma.policyVersion.create({
      data: {
        version: "2099-01-01",
        title: "Privacy Statement",
        body: "…",
        effectiveAt: new Date("2099-01-01T00:00:00Z"),
        material: true,
      },
    });
    policyId = policy.id;
  });
  afterAll(() => api?.close());

  const eventsOf = (subjectId: string) =>
    api.db.prisma.consentEvent.findMany({
      where: { subjectKind: "SUBSCRIBER", subjectId },
      orderBy: { sequence: "asc" },
    });

  const CONFIRM = graphql(`
    mutation Confirm($token: String!) {
      confirmNewsletterSubscription(token: $token)
    }
  `);

  const confirmations = (email: string) =>
    api.db.prisma.outboxEmail.findMany({
      where: { kind: "NEWSLETTER_CONFIRMATION", toAddress: email },
      orderBy: { createdAt: "asc" },
    });

  /** The token of the link in the last confirmation email sent to the address. */
  async function linkToken(email: string): Promise<string> {
    const emails = await confirmations(email);
    const body = emails.at(-1)?.textBody ?? "";
    const match = /\/newsletter\/confirm\?token=([A-Za-z0-9_-]+)/.exec(body);
    expect(match, body).not.toBeNull();
    expect(body).toContain(`${api.config.portalUrl}/newsletter/confirm?token=`);
    return match?.[1] ?? "";
  }

  /** Lets the 10-minute resend pause pass, as far as the outbox is concerned. */
  const ageConfirmations = (email: string) =>
    api.db.prisma.outboxEmail.updateMany({
      where: { kind: "NEWSLETTER_CONFIRMATION", toAddress: email },
      data: { createdAt: new Date(Date.now() - 60 * 60 * 1000) },
    });

  it("[P-03] sign-up without an account stores the address and emails a confirmation link through the outbox; no consent until the link is followed", async () => {
    const visitor = api.client();
    const email = uniqueEmail("reader");
    const first = await visitor.gql(SUBSCRIBE, { email: `  ${email.toUpperCase()} ` });
    expect(first.errors).toEqual([]);
    expect(first.data).toEqual({ subscribeNewsletter: true });

    const subscriber = await api.db.prisma.newsletterSubscriber.findUniqueOrThrow({
      where: { email },
    });
    // Double opt-in: typing an address in records nothing.
    expect(await eventsOf(subscriber.id)).toEqual([]);
    const sent = await confirmations(email);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ status: "PENDING", customerId: null, campaignId: null });
    expect(sent[0]?.subject).toMatch(/confirm/i);
    // The console's outbox lists customers' mail only: nobody there reads the link.
    expect(sent[0]?.customerId).toBeNull();

    // Again, from another browser, before confirming: the same answer, no second email.
    const again = await api.client().gql(SUBSCRIBE, { email });
    expect(again.errors).toEqual([]);
    expect(again.data).toEqual(first.data);
    expect(await confirmations(email)).toHaveLength(1);
    expect(await api.db.prisma.newsletterSubscriber.count({ where: { email } })).toBe(1);
  });

  it("[P-08] following the emailed link records the marketing consent with the policy in force; the link works once", async () => {
    const email = uniqueEmail("confirmer");
    await api.client().gql(SUBSCRIBE, { email });
    const token = await linkToken(email);
    const subscriber = await api.db.prisma.newsletterSubscriber.findUniqueOrThrow({
      where: { email },
    });

    // Another browser than the one that signed up: the link is all it takes.
    const confirmed = await api.client().gql(CONFIRM, { token });
    expect(confirmed.errors).toEqual([]);
    expect(confirmed.data).toEqual({ confirmNewsletterSubscription: true });
    const events = await eventsOf(subscriber.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      purpose: "MARKETING",
      state: "GIVEN",
      source: "EMAIL_LINK",
      policyVersionId: policyId,
      evidence: { form: "newsletter", confirmedBy: "emailed link" },
    });
    expect(events[0]?.ipHash).toMatch(/^[0-9a-f]{64}$/);
    const current = await api.db.prisma.consentCurrent.findFirst({
      where: { subjectKind: "SUBSCRIBER", subjectId: subscriber.id, purpose: "MARKETING" },
    });
    expect(current?.state).toBe("GIVEN");

    // Twice: refused in plain words, nothing more written.
    const twice = await api.client().gql(CONFIRM, { token });
    expect(twice.errors[0]?.extensions?.code).toBe("NEWSLETTER_LINK_INVALID");
    expect(twice.errors[0]?.message).toBe(
      "This confirmation link has expired or was already used. Sign up again to get a new one.",
    );
    expect(await eventsOf(subscriber.id)).toHaveLength(1);

    // Subscribed: signing up again sends nothing, even after the resend pause.
    await ageConfirmations(email);
    await api.client().gql(SUBSCRIBE, { email });
    expect(await confirmations(email)).toHaveLength(1);
  });

  it("[P-08] after unsubscribing, only a new emailed link brings the address back; the old link is dead", async () => {
    const email = uniqueEmail("returning");
    await api.client().gql(SUBSCRIBE, { email });
    const oldToken = await linkToken(email);
    await api.client().gql(CONFIRM, { token: oldToken });
    const subscriber = await api.db.prisma.newsletterSubscriber.findUniqueOrThrow({
      where: { email },
    });
    // What the unsubscribe link does.
    const unsubscribedAt = new Date("2026-01-02T03:04:05Z");
    await appendConsentEvent(api.db.prisma, {
      subjectKind: "SUBSCRIBER",
      subjectId: subscriber.id,
      purpose: "MARKETING",
      state: "WITHDRAWN",
      source: "EMAIL_LINK",
    });
    await api.db.prisma.newsletterSubscriber.update({
      where: { id: subscriber.id },
      data: { unsubscribedAt },
    });
    expect((await api.client().gql(CONFIRM, { token: oldToken })).errors[0]?.extensions?.code).toBe(
      "NEWSLETTER_LINK_INVALID",
    );

    // Anyone could type the address in: that alone changes nothing but sends a new link.
    await ageConfirmations(email);
    const back = await api.client().gql(SUBSCRIBE, { email });
    expect(back.data).toEqual({ subscribeNewsletter: true });
    expect((await eventsOf(subscriber.id)).map((e) => e.state)).toEqual(["GIVEN", "WITHDRAWN"]);
    expect(await confirmations(email)).toHaveLength(2);
    const newToken = await linkToken(email);
    expect(newToken).not.toBe(oldToken);

    const confirmed = await api.client().gql(CONFIRM, { token: newToken });
    expect(confirmed.errors).toEqual([]);
    expect((await eventsOf(subscriber.id)).map((e) => e.state)).toEqual([
      "GIVEN",
      "WITHDRAWN",
      "GIVEN",
    ]);
    const row = await api.db.prisma.newsletterSubscriber.findUniqueOrThrow({ where: { email } });
    expect(row.unsubscribedAt).toBeNull();
  });

  it("refuses a forged, altered, expired or malformed token and writes nothing", async () => {
    const email = uniqueEmail("forger");
    await api.client().gql(SUBSCRIBE, { email });
    const token = await linkToken(email);
    const subscriber = await api.db.prisma.newsletterSubscriber.findUniqueOrThrow({
      where: { email },
    });
    const altered = `${token.slice(0, 10)}${token[10] === "A" ? "B" : "A"}${token.slice(11)}`;
    const forged = confirmationToken(
      { subscriberId: subscriber.id, expiresAt: new Date(Date.now() + 60_000), lastSequence: 0 },
      "not-the-server-secret",
    );
    const expired = confirmationToken(
      { subscriberId: subscriber.id, expiresAt: new Date(Date.now() - 1000), lastSequence: 0 },
      api.config.hashKey,
    );
    const unknown = confirmationToken(
      {
        subscriberId: "00000000-0000-7000-8000-000000000000",
        expiresAt: new Date(Date.now() + 60_000),
        lastSequence: 0,
      },
      api.config.hashKey,
    );
    for (const bad of ["", "x", altered, forged, expired, unknown, `${token}A`]) {
      const result = await api.client().gql(CONFIRM, { token: bad });
      expect(result.errors[0]?.extensions?.code, bad).toBe("NEWSLETTER_LINK_INVALID");
    }
    expect(await eventsOf(subscriber.id)).toEqual([]);
    // The genuine one still works.
    expect((await api.client().gql(CONFIRM, { token })).errors).toEqual([]);
  });

  it("refuses a malformed address with BAD_USER_INPUT (a card number with CARD_NUMBER_REJECTED) and writes nothing", async () => {
    const counts = async () => ({
      subscribers: await api.db.prisma.newsletterSubscriber.count(),
      events: await api.db.prisma.consentEvent.count(),
    });
    const before = await counts();
    for (const email of [
      "",
      "not-an-email",
      "two@@example.com",
      "spaces in@example.com",
      "name@localhost",
      `${"a".repeat(250)}@example.com`,
      "line\nbreak@example.com",
    ]) {
      const result = await api.client().gql(SUBSCRIBE, { email });
      expect(result.errors[0]?.extensions, JSON.stringify(email)).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "email",
      });
    }
    const card = await api.client().gql(SUBSCRIBE, { email: "4111111111111111@example.com" });
    expect(card.errors[0]?.extensions?.code).toBe("CARD_NUMBER_REJECTED");
    // A number where the schema wants a string: sent as it is on purpose.
    const wrongType = await api.client().gql(SUBSCRIBE, { email: 42 as unknown as string });
    expect(wrongType.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await counts()).toEqual(before);
  });
});
