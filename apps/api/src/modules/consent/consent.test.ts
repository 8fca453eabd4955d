import { verifyConsentLedger } from "@privet/db/ledger";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { createPolicyVersion, registerCustomer } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import type { ConsentPurpose } from "../../test-support/generated/graphql.js";

const SET_CONSENT = graphql(`
  mutation Set($purpose: ConsentPurpose!, $state: ConsentState!, $source: ConsentSource) {
    setConsent(purpose: $purpose, state: $state, source: $source) {
      purpose state permitted source updatedAt policyVersion
    }
  }
`);
const MY_CONSENTS = graphql(`
  query MyConsentsAndHistory {
    myConsents { purpose state permitted source updatedAt policyVersion description legalBasis }
    consentHistory { purpose state source occurredAt policyVersion jurisdiction }
  }
`);
const MY_CONSENTS_ON_ME = graphql(`
  query ConsentsOnMe {
    me { consents { purpose state source } consentHistory { purpose state source } }
  }
`);
const MY_CONSENT_STATES = graphql(`
  query MyConsentStatesOnly {
    myConsents { state }
  }
`);

describe.each(testDatabases)("customer consents on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
    await createPolicyVersion(api.db.prisma);
  });
  afterAll(() => api?.close());

  const eventsOf = (subjectId: string) =>
    api.db.prisma.consentEvent.count({ where: { subjectId } });

  it("[P-08] withdrawing marketing in the portal: projection WITHDRAWN, history REGISTRATION GIVEN then PORTAL WITHDRAWN with the policy version", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);

    const set = await client.gql(SET_CONSENT, {
      purpose: "MARKETING",
      state: "WITHDRAWN",
    });
    expect(set.errors).toEqual([]);
    expect(set.data?.setConsent).toMatchObject({
      purpose: "MARKETING",
      state: "WITHDRAWN",
      permitted: false,
      source: "PORTAL",
      policyVersion: "2018-11-02",
    });

    const read = await client.gql(MY_CONSENTS);
    expect(read.errors).toEqual([]);
    const consents = read.data?.myConsents ?? [];
    expect(consents.map((c) => c.purpose)).toEqual([
      "MARKETING",
      "PERSONALISATION",
      "SERVICE_IMPROVEMENT",
      "REMARKETING",
    ]);
    expect(consents[0]).toMatchObject({
      state: "WITHDRAWN",
      source: "PORTAL",
      legalBasis: "CONSENT",
    });
    expect(consents[0]?.description).toMatch(/marketing/i);
    // Never asked: a null state that permits nothing.
    expect(consents[3]).toMatchObject({ state: null, permitted: false, source: null });
    expect(read.data?.consentHistory).toEqual([
      {
        purpose: "MARKETING",
        state: "WITHDRAWN",
        source: "PORTAL",
        occurredAt: expect.any(String),
        policyVersion: "2018-11-02",
        jurisdiction: "CCPA",
      },
      {
        purpose: "MARKETING",
        state: "GIVEN",
        source: "REGISTRATION",
        occurredAt: expect.any(String),
        policyVersion: "2018-11-02",
        jurisdiction: "CCPA",
      },
    ]);

    await expectTheLedgerRowAndTheProjection(customer.id);
  });

  /** The ledger row: policy version, jurisdiction, a keyed hash of the IP, the signals. */
  async function expectTheLedgerRowAndTheProjection(customerId: string) {
    const [event] = await api.db.prisma.consentEvent.findMany({
      where: { subjectId: customerId, source: "PORTAL" },
      include: { policyVersion: true },
    });
    expect(event).toMatchObject({ state: "WITHDRAWN", jurisdiction: "CCPA" });
    expect(event?.policyVersion?.version).toBe("2018-11-02");
    expect(event?.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect(event?.evidence).toMatchObject({ gpc: false, dnt: false });
    const projection = await api.db.prisma.consentCurrent.findUniqueOrThrow({
      where: {
        subjectKind_subjectId_purpose: {
          subjectKind: "CUSTOMER",
          subjectId: customerId,
          purpose: "MARKETING",
        },
      },
    });
    expect(projection).toMatchObject({ state: "WITHDRAWN", source: "PORTAL", eventId: event?.id });
    expect(
      await verifyConsentLedger(api.db.prisma, { subjectKind: "CUSTOMER", subjectId: customerId }),
    ).toEqual({ ok: true, checked: 2 });
  }

  it("gives a consent through the API source; repeating the same choice writes nothing", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const given = await client.gql(SET_CONSENT, {
      purpose: "PERSONALISATION",
      state: "GIVEN",
      source: "API",
    });
    expect(given.data?.setConsent).toMatchObject({
      state: "GIVEN",
      permitted: true,
      source: "API",
    });
    expect(await eventsOf(customer.id)).toBe(2);
    const again = await client.gql(SET_CONSENT, {
      purpose: "PERSONALISATION",
      state: "GIVEN",
    });
    expect(again.data?.setConsent).toMatchObject({ state: "GIVEN", source: "API" });
    expect(await eventsOf(customer.id)).toBe(2);
  });

  it("[P-08] answers a consent write with the event it appended: the same as reading it back", async () => {
    const client = api.client();
    await registerCustomer(client);
    const set = await client.gql(SET_CONSENT, { purpose: "REMARKETING", state: "GIVEN" });
    expect(set.errors).toEqual([]);
    const read = await client.gql(MY_CONSENTS);
    const stored = read.data?.myConsents.find((c) => c.purpose === "REMARKETING");
    // Purpose, state, permitted, source, time and policy label, all as the projection has them.
    expect(set.data?.setConsent).toEqual({
      purpose: stored?.purpose,
      state: stored?.state,
      permitted: stored?.permitted,
      source: stored?.source,
      updatedAt: stored?.updatedAt,
      policyVersion: stored?.policyVersion,
    });
    expect(set.data?.setConsent).toMatchObject({ state: "GIVEN", policyVersion: "2018-11-02" });
  });

  it("[P-08] many writes of one customer's consents at once all land in one valid chain", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const states = ["GIVEN", "WITHDRAWN"] as const;
    const purposes = ["PERSONALISATION", "SERVICE_IMPROVEMENT"] as const;
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        client.gql(SET_CONSENT, {
          purpose: purposes[i % 2] ?? "PERSONALISATION",
          state: states[Math.floor(i / 2) % 2] ?? "GIVEN",
        }),
      ),
    );
    answers.forEach((answer, i) => {
      expect(answer.errors).toEqual([]);
      expect(answer.data?.setConsent.state).toBe(states[Math.floor(i / 2) % 2]);
    });
    const events = await api.db.prisma.consentEvent.findMany({
      where: { subjectId: customer.id },
      orderBy: { sequence: "asc" },
    });
    expect(events.map((event) => event.sequence)).toEqual(events.map((_, i) => BigInt(i + 1)));
    expect(
      await verifyConsentLedger(api.db.prisma, { subjectKind: "CUSTOMER", subjectId: customer.id }),
    ).toEqual({ ok: true, checked: events.length });
    // The projection is each purpose's newest event.
    const read = await client.gql(MY_CONSENTS);
    for (const purpose of purposes) {
      const newest = events.filter((event) => event.purpose === purpose).at(-1);
      expect(read.data?.myConsents.find((c) => c.purpose === purpose)?.state).toBe(newest?.state);
    }
  });

  it("exposes consents and history on Customer (me) from the same ledger", async () => {
    const client = api.client();
    await registerCustomer(client);
    await client.gql(SET_CONSENT, { purpose: "SERVICE_IMPROVEMENT", state: "REFUSED" });
    const me = await client.gql(MY_CONSENTS_ON_ME);
    expect(me.errors).toEqual([]);
    expect(me.data?.me?.consents).toEqual(
      expect.arrayContaining([
        { purpose: "MARKETING", state: "GIVEN", source: "REGISTRATION" },
        { purpose: "SERVICE_IMPROVEMENT", state: "REFUSED", source: "PORTAL" },
        { purpose: "REMARKETING", state: null, source: null },
      ]),
    );
    expect(me.data?.me?.consentHistory.map((e) => `${e.source} ${e.state}`)).toEqual([
      "PORTAL REFUSED",
      "REGISTRATION GIVEN",
    ]);
  });

  it("refuses bad input with a clear code and writes nothing", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const before = await eventsOf(customer.id);

    // Not a purpose: sent as it is on purpose, as a variable and then written in the query.
    const unknownPurpose = await client.gql(SET_CONSENT, {
      purpose: "SELLING" as ConsentPurpose,
      state: "GIVEN",
    });
    expect(unknownPurpose.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");

    const unknownInline = await client.gql(
      `mutation { setConsent(purpose: SELLING, state: GIVEN) { state } }`,
    );
    expect(unknownInline.errors[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");

    const expired = await client.gql(SET_CONSENT, { purpose: "MARKETING", state: "EXPIRED" });
    expect(expired.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "state" });
    expect(expired.errors[0]?.message).toMatch(/GIVEN, WITHDRAWN or REFUSED/);

    const foreignSource = await client.gql(SET_CONSENT, {
      purpose: "MARKETING",
      state: "WITHDRAWN",
      source: "EMAIL_LINK",
    });
    expect(foreignSource.errors[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "source",
    });

    expect(await eventsOf(customer.id)).toBe(before);
    const marketing = await client.gql(MY_CONSENTS);
    expect(marketing.data?.myConsents[0]).toMatchObject({ state: "GIVEN", source: "REGISTRATION" });
  });

  it("requires a signed-in customer", async () => {
    const anonymous = api.client();
    const before = await api.db.prisma.consentEvent.count();
    const set = await anonymous.gql(SET_CONSENT, { purpose: "MARKETING", state: "GIVEN" });
    expect(set.errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const read = await anonymous.gql(MY_CONSENT_STATES);
    expect(read.errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await api.db.prisma.consentEvent.count()).toBe(before);
  });
});
