import { appendConsentEvent } from "@privet/db/ledger";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { createPolicyVersion, uniqueEmail } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

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

  it("[P-03] sign-up without an account stores the address and a marketing consent with the policy in force; signing up again changes nothing", async () => {
    const visitor = api.client();
    const email = uniqueEmail("reader");
    const first = await visitor.gql(SUBSCRIBE, {
      email: `  ${email.toUpperCase()} `,
    });
    expect(first.errors).toEqual([]);
    expect(first.data).toEqual({ subscribeNewsletter: true });

    const subscriber = await api.db.prisma.newsletterSubscriber.findUniqueOrThrow({
      where: { email },
    });
    expect(subscriber.unsubscribedAt).toBeNull();
    const events = await eventsOf(subscriber.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      purpose: "MARKETING",
      state: "GIVEN",
      source: "PORTAL",
      policyVersionId: policyId,
      evidence: { form: "newsletter" },
    });
    expect(events[0]?.ipHash).toMatch(/^[0-9a-f]{64}$/);
    const current = await api.db.prisma.consentCurrent.findFirst({
      where: { subjectKind: "SUBSCRIBER", subjectId: subscriber.id, purpose: "MARKETING" },
    });
    expect(current?.state).toBe("GIVEN");

    // Again, from another browser: the same answer (nothing revealed), no new row or event.
    const again = await api.client().gql(SUBSCRIBE, { email });
    expect(again.errors).toEqual([]);
    expect(again.data).toEqual(first.data);
    expect(await api.db.prisma.newsletterSubscriber.count({ where: { email } })).toBe(1);
    expect(await eventsOf(subscriber.id)).toHaveLength(1);
  });

  it("[P-08] signing up again after unsubscribing changes nothing: the withdrawal stands", async () => {
    const email = uniqueEmail("returning");
    await api.client().gql(SUBSCRIBE, { email });
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

    // Anyone could type the address in: the same answer as ever, and nothing written, since
    // only a confirmation link sent to the address could show that its owner wants it back.
    const back = await api.client().gql(SUBSCRIBE, { email });
    expect(back.errors).toEqual([]);
    expect(back.data).toEqual({ subscribeNewsletter: true });
    const events = await eventsOf(subscriber.id);
    expect(events.map((e) => e.state)).toEqual(["GIVEN", "WITHDRAWN"]);
    const current = await api.db.prisma.consentCurrent.findFirst({
      where: { subjectKind: "SUBSCRIBER", subjectId: subscriber.id, purpose: "MARKETING" },
    });
    expect(current?.state).toBe("WITHDRAWN");
    const row = await api.db.prisma.newsletterSubscriber.findUniqueOrThrow({ where: { email } });
    expect(row).toMatchObject({ id: subscriber.id, unsubscribedAt });
    expect(await api.db.prisma.newsletterSubscriber.count({ where: { email } })).toBe(1);
  });

  it("a refused marketing consent is not turned into a sign-up either", async () => {
    const email = uniqueEmail("refuser");
    // A subscriber row whose consent was refused, without unsubscribedAt (e.g. an import).
    const subscriber = await api.db.prisma.newsletterSubscriber.create({
      data: { email, createdAt: new Date() },
    });
    await appendConsentEvent(api.db.prisma, {
      subjectKind: "SUBSCRIBER",
      subjectId: subscriber.id,
      purpose: "MARKETING",
      state: "REFUSED",
      source: "PORTAL",
    });
    const result = await api.client().gql(SUBSCRIBE, { email });
    expect(result.data).toEqual({ subscribeNewsletter: true });
    expect((await eventsOf(subscriber.id)).map((e) => e.state)).toEqual(["REFUSED"]);
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
