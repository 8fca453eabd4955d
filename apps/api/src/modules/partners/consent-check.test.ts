/**
 * consentCheck(subject, purpose): a partner asks whether it may use a subject's data for a
 * purpose now. Answered from the current consent, only within the partner's agreement in force,
 * and kept in the audit log like every partner read (allowed or refused).
 */
import { findAccessEvents } from "@privet/db/audit";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { createPartner, registerCustomer } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import { type Partner, partnerClient, SET_CONSENT } from "../../test-support/partner-subjects.js";

const CHECK = graphql(`
  query PartnerChecksConsent($subject: ID!, $purpose: Purpose!) {
    consentCheck(subject: $subject, purpose: $purpose) {
      subject purpose basis permitted state reason
    }
  }
`);

describe.each(testDatabases)("consentCheck on $name", (kind) => {
  let api: TestApi;
  let mailer: Partner & { processorId: string };
  beforeAll(async () => {
    api = await startTestApi(kind);
    const created = await createPartner(api.db.prisma, {
      purposes: ["MARKETING", "SERVICE_ANNOUNCEMENTS", "PERSONALISATION"],
      categories: ["user.name", "user.contact.email"],
    });
    mailer = {
      ...partnerClient(api, created.processor, created.apiKey),
      processorId: created.processor.id,
    };
  });
  afterAll(() => api?.close());

  /** A customer with the given MARKETING choice (or none), and the client they set it with. */
  async function aCustomerWhoChose(...states: ("GIVEN" | "WITHDRAWN")[]) {
    const client = api.client();
    const customer = await registerCustomer(client);
    for (const state of states) {
      expect((await client.gql(SET_CONSENT, { purpose: "MARKETING", state })).errors).toEqual([]);
    }
    return { ...customer, client };
  }

  async function check(
    subjectId: string,
    purpose: "MARKETING" | "SERVICE_ANNOUNCEMENTS" | "PERSONALISATION" | "REMARKETING",
  ) {
    return mailer.client.gql(CHECK, { subject: mailer.idOf(subjectId), purpose });
  }

  it("[P-09] answers within the agreement: permitted under a GIVEN consent, and the check is audited", async () => {
    const customer = await aCustomerWhoChose("GIVEN");
    const answer = await check(customer.id, "MARKETING");
    expect(answer.errors).toEqual([]);
    expect(answer.data?.consentCheck).toEqual({
      subject: mailer.idOf(customer.id),
      purpose: "MARKETING",
      basis: "CONSENT",
      permitted: true,
      state: "GIVEN",
      reason: null,
    });
    const events = await findAccessEvents(api.db.prisma, { subjectId: customer.id });
    expect(events).toEqual([
      expect.objectContaining({
        principalKind: "PARTNER",
        principalId: mailer.processorId,
        outcome: "ALLOWED",
        category: "consent.choice",
        fieldPath: "consentCheck(MARKETING)",
        operationName: "PartnerChecksConsent",
      }),
    ]);
  });

  it("[P-08] a withdrawn consent is seen at once: not permitted, CONSENT_WITHDRAWN", async () => {
    const customer = await aCustomerWhoChose("GIVEN");
    expect((await check(customer.id, "MARKETING")).data?.consentCheck.permitted).toBe(true);
    await customer.client.gql(SET_CONSENT, { purpose: "MARKETING", state: "WITHDRAWN" });
    expect((await check(customer.id, "MARKETING")).data?.consentCheck).toMatchObject({
      permitted: false,
      state: "WITHDRAWN",
      reason: "CONSENT_WITHDRAWN",
    });
  });

  it("a customer never asked is not permitted under a consent purpose, and needs no consent under a contract", async () => {
    // Registration records MARKETING; PERSONALISATION is never asked.
    const customer = await aCustomerWhoChose();
    expect((await check(customer.id, "PERSONALISATION")).data?.consentCheck).toMatchObject({
      permitted: false,
      state: null,
      reason: "CONSENT_WITHDRAWN",
    });
    expect((await check(customer.id, "SERVICE_ANNOUNCEMENTS")).data?.consentCheck).toMatchObject({
      basis: "CONTRACT",
      permitted: true,
      state: null,
      reason: null,
    });
  });

  it("[P-09] refuses a purpose outside the agreement with FORBIDDEN, and audits the refusal", async () => {
    const customer = await aCustomerWhoChose("GIVEN");
    const answer = await check(customer.id, "REMARKETING");
    expect(answer.status).toBe(403);
    expect(answer.data).toBeNull();
    expect(answer.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: "FORBIDDEN", reason: "PURPOSE_NOT_PERMITTED" }),
      }),
    ]);
    const events = await findAccessEvents(api.db.prisma, { subjectId: customer.id });
    expect(events).toEqual([
      expect.objectContaining({
        outcome: "DENIED",
        denyReason: "PURPOSE_NOT_PERMITTED",
        fieldPath: "consentCheck(REMARKETING)",
      }),
    ]);
  });

  it("refuses a partner whose agreement has lapsed, and a caller who is not a partner", async () => {
    const customer = await aCustomerWhoChose("GIVEN");
    const lapsed = await createPartner(api.db.prisma, {
      purposes: ["MARKETING"],
      categories: ["user.contact.email"],
      validFrom: new Date("2020-01-01T00:00:00Z"),
      validUntil: new Date("2021-01-01T00:00:00Z"),
    });
    const former = partnerClient(api, lapsed.processor, lapsed.apiKey);
    const refused = await former.client.gql(CHECK, {
      subject: former.idOf(customer.id),
      purpose: "MARKETING",
    });
    expect(refused.errors[0]?.extensions).toMatchObject({
      code: "FORBIDDEN",
      reason: "AGREEMENT_EXPIRED",
    });
    const asCustomer = await customer.client.gql(CHECK, {
      subject: mailer.idOf(customer.id),
      purpose: "MARKETING",
    });
    expect(asCustomer.errors[0]?.extensions?.code).toBe("FORBIDDEN");
    const asVisitor = await api.client().gql(CHECK, {
      subject: mailer.idOf(customer.id),
      purpose: "MARKETING",
    });
    expect(asVisitor.errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("bad input gets a typed error: a malformed subject, another processor's pseudonym, an erased or unknown subject", async () => {
    const customer = await aCustomerWhoChose("GIVEN");
    const malformed = await mailer.client.gql(CHECK, {
      subject: "not-a-pseudonym",
      purpose: "MARKETING",
    });
    expect(malformed.status).toBe(400);
    expect(malformed.errors[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "subject",
    });
    // The customer's own id is not what partners are given, and another processor's pseudonym
    // names no one for this one.
    const other = await createPartner(api.db.prisma, null);
    const foreign = partnerClient(api, other.processor, other.apiKey).idOf(customer.id);
    for (const subject of [customer.id, foreign, "0".repeat(32)]) {
      const answer = await mailer.client.gql(CHECK, { subject, purpose: "MARKETING" });
      expect(answer.data).toBeNull();
      expect(["BAD_USER_INPUT", "NOT_FOUND"]).toContain(answer.errors[0]?.extensions?.code);
      expect(JSON.stringify(answer.errors)).not.toContain(customer.id);
    }
    await api.db.prisma.customer.update({
      where: { id: customer.id },
      data: { erasedAt: new Date() },
    });
    const erased = await check(customer.id, "MARKETING");
    expect(erased.errors[0]?.extensions?.code).toBe("NOT_FOUND");
    const wrongPurpose = await mailer.client.gql(CHECK, {
      subject: mailer.idOf(customer.id),
      purpose: "SELLING" as "MARKETING",
    });
    expect(wrongPurpose.status).toBe(400);
  });
});
