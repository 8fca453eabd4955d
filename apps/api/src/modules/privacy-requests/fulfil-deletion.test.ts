import { verifyAuditLog } from "@privet/db/audit";
import { verifyConsentLedger } from "@privet/db/ledger";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient, TestApi } from "../../test-support/api.js";
import {
  type RegisteredCustomer,
  registerCustomer,
  TEST_PASSWORD,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import {
  FULFIL,
  REJECT,
  startQueueApi,
  submitRequest,
  VERIFY,
} from "../../test-support/privacy-request-queue.js";
import { erasedEmail } from "./erase-customer.js";

const GIVE_MARKETING = graphql(`
  mutation DeletionGiveMarketing {
    setConsent(purpose: MARKETING, state: GIVEN) { state }
  }
`);
const STAFF_READ = graphql(`
  query DeletionStaffRead($id: ID!) @purpose(name: SUPPORT, ref: "PR-del") {
    customer(id: $id) { email }
  }
`);
const ME = graphql(`
  query DeletionMe {
    me { id }
  }
`);
const SIGN_IN = graphql(`
  mutation DeletionSignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) { customer { id } }
  }
`);

/** The outcome a deletion records (JSON in `outcome`), as far as these tests read it. */
interface DeletionOutcome {
  kind: string;
  kept: Array<{ data: string; reason: string; why: string; legalRequestIds: string[] }>;
  erased: Array<{ data: string }>;
  sessionsRevoked: number;
  consentsWithdrawn: string[];
}

describe.each(testDatabases)("fulfilling a deletion request on $name", (kind) => {
  let api: TestApi;
  let officer: ApiClient;
  beforeAll(async () => {
    ({ api, officer } = await startQueueApi(kind));
  });
  afterAll(() => api?.close());

  /** Verifies and fulfils the customer's deletion request; returns the recorded outcome. */
  async function fulfilDeletion(client: ApiClient, details: string): Promise<DeletionOutcome> {
    const submitted = await submitRequest(client, "DELETION", details);
    await officer.gql(VERIFY, { id: submitted.id });
    const fulfilled = await officer.gql(FULFIL, { id: submitted.id });
    expect(fulfilled.errors).toEqual([]);
    expect(fulfilled.data?.fulfilPrivacyRequest.status).toBe("FULFILLED");
    return JSON.parse(fulfilled.data?.fulfilPrivacyRequest.outcome ?? "{}");
  }

  it("deletion erases the customer's personal data but keeps what an open legal request covers, and records what was kept and why", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    await client.gql(GIVE_MARKETING);
    const held = await giveTheCustomerDataAndLegalRequests(customer);
    const before = await historyBeforeOfAStaffRead(customer);

    const outcome = await fulfilDeletion(client, "Delete my account.");

    await expectErased(customer, held.visitor);
    await expectKeptWhatTheOpenOrderCovers(customer, held.supportId);
    expectTheOutcomeToSayWhatWasKeptAndWhy(outcome, held, customer);
    await expectTheCustomerSignedOutForGood(client, customer);
    await expectHistoryUntouchedAndVerifying(customer, before, outcome);
  });

  /**
   * What the customer has: a card, records about others, page views, a question, a newsletter;
   * an open court order covering cards and messages, a closed one covering navigation.
   */
  async function giveTheCustomerDataAndLegalRequests(customer: RegisteredCustomer) {
    const prisma = api.db.prisma;
    const officerUser = await prisma.staffUser.findFirstOrThrow({
      where: { role: "PRIVACY_OFFICER" },
    });
    await prisma.paymentMethod.create({
      data: {
        customerId: customer.id,
        brand: "visa",
        last4: "4242",
        expiryMonth: 12,
        expiryYear: 2030,
        processorToken: "tok_test_1",
      },
    });
    await prisma.customerHeldRecord.create({
      data: { customerId: customer.id, label: "Contact", content: "A friend's phone number" },
    });
    const visitor = await prisma.visitor.create({
      data: { cookieId: `cookie-${customer.id}`, customerId: customer.id },
    });
    await prisma.navigationEvent.create({
      data: { visitorId: visitor.id, customerId: customer.id, path: "/pricing" },
    });
    const support = await prisma.supportRequest.create({
      data: { customerId: customer.id, subject: "Refund", message: "Please refund my order." },
    });
    await prisma.newsletterSubscriber.create({ data: { email: customer.email } });
    const open = await prisma.legalRequest.create({
      data: {
        kind: "COURT_ORDER",
        authority: "Superior Court",
        reference: `CO-${customer.id}`,
        receivedAt: new Date(),
        categories: ["user.financial.card.last4", "user.content.message"],
        createdById: officerUser.id,
        subjects: { create: [{ customerId: customer.id }] },
      },
    });
    const closed = await prisma.legalRequest.create({
      data: {
        kind: "GOVERNMENT_REQUEST",
        authority: "Agency",
        reference: `GR-${customer.id}`,
        receivedAt: new Date(),
        categories: ["user.behavior.navigation", "user.held.other_individuals"],
        status: "CLOSED",
        closedAt: new Date(),
        createdById: officerUser.id,
        subjects: { create: [{ customerId: customer.id }] },
      },
    });
    return { visitor, supportId: support.id, openId: open.id, closedId: closed.id };
  }

  /** A staff read of the customer, so the audit log has a record about them; then both logs. */
  async function historyBeforeOfAStaffRead(customer: RegisteredCustomer) {
    const read = await officer.gql(STAFF_READ, { id: customer.id });
    expect(read.errors).toEqual([]);
    const ledger = await api.db.prisma.consentEvent.findMany({
      where: { subjectId: customer.id },
      orderBy: { sequence: "asc" },
    });
    const audit = await api.db.prisma.accessRecord.findMany({
      where: { subjectIds: { has: customer.id } },
      orderBy: { id: "asc" },
    });
    expect(ledger.length).toBeGreaterThan(0);
    expect(audit.length).toBeGreaterThan(0);
    return { ledger, audit };
  }

  /** The account's identity, records about others, page views, cookies, the newsletter. */
  async function expectErased(
    customer: RegisteredCustomer,
    visitor: { id: string; cookieId: string },
  ) {
    const prisma = api.db.prisma;
    const row = await prisma.customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(row.erasedAt).not.toBeNull();
    expect(row.name).not.toBe(customer.name);
    expect(row.email).not.toBe(customer.email);
    expect(await prisma.customerHeldRecord.count({ where: { customerId: customer.id } })).toBe(0);
    expect(await prisma.navigationEvent.count({ where: { visitorId: visitor.id } })).toBe(0);
    expect(
      (await prisma.visitor.findUniqueOrThrow({ where: { id: visitor.id } })).cookieId,
    ).not.toBe(visitor.cookieId);
    expect(await prisma.newsletterSubscriber.count({ where: { email: customer.email } })).toBe(0);
    const sessions = await prisma.session.findMany({ where: { customerId: customer.id } });
    expect(sessions.length).toBeGreaterThan(0);
    for (const session of sessions) {
      expect(session.revokedAt).not.toBeNull();
      expect(session.ipAddress).toBe("0.0.0.0");
    }
  }

  /** What the open court order covers: the card, the customer's own words. */
  async function expectKeptWhatTheOpenOrderCovers(customer: RegisteredCustomer, supportId: string) {
    const prisma = api.db.prisma;
    expect(await prisma.paymentMethod.count({ where: { customerId: customer.id } })).toBe(1);
    expect(
      (await prisma.supportRequest.findUniqueOrThrow({ where: { id: supportId } })).message,
    ).toBe("Please refund my order.");
  }

  /** The outcome says what was kept and why, naming the open request only. */
  function expectTheOutcomeToSayWhatWasKeptAndWhy(
    outcome: DeletionOutcome,
    held: { openId: string; closedId: string },
    customer: RegisteredCustomer,
  ) {
    expect(outcome.kind).toBe("DELETION");
    expect(outcome.kept.map((k) => k.data).sort()).toEqual([
      "PaymentMethod",
      "PrivacyRequest (details, stored exports)",
      "SupportRequest (subject, message, reply address)",
    ]);
    for (const kept of outcome.kept) {
      expect(kept).toMatchObject({ reason: "LEGAL_HOLD", legalRequestIds: [held.openId] });
      expect(kept.why).toMatch(/legal request/);
    }
    expect(JSON.stringify(outcome)).not.toContain(held.closedId);
    expect(outcome.erased.map((e) => e.data)).toEqual(
      expect.arrayContaining([
        "Customer.name",
        "Customer.email",
        "CustomerHeldRecord",
        "NavigationEvent",
        "NewsletterSubscriber",
      ]),
    );
    expect(outcome.sessionsRevoked).toBeGreaterThan(0);
    expect(JSON.stringify(outcome)).not.toContain(customer.email);
  }

  /** The customer can no longer sign in, and their old session no longer names them. */
  async function expectTheCustomerSignedOutForGood(
    client: ApiClient,
    customer: RegisteredCustomer,
  ) {
    const me = await client.gql(ME);
    expect(me.errors).toEqual([]);
    expect(me.data?.me).toBeNull();
    const signIn = await api
      .client()
      .gql(SIGN_IN, { email: customer.email, password: TEST_PASSWORD });
    expect(signIn.errors[0]?.extensions?.code).toBe("INVALID_CREDENTIALS");
  }

  /** History is untouched and still verifies; consents still given are withdrawn by new events. */
  async function expectHistoryUntouchedAndVerifying(
    customer: RegisteredCustomer,
    before: Awaited<ReturnType<typeof historyBeforeOfAStaffRead>>,
    outcome: DeletionOutcome,
  ) {
    const prisma = api.db.prisma;
    const ledgerAfter = await prisma.consentEvent.findMany({
      where: { subjectId: customer.id },
      orderBy: { sequence: "asc" },
    });
    expect(ledgerAfter.slice(0, before.ledger.length)).toEqual(before.ledger);
    const appended = ledgerAfter.slice(before.ledger.length);
    expect(appended.map((e) => [e.purpose, e.state, e.source])).toContainEqual([
      "MARKETING",
      "WITHDRAWN",
      "STAFF_ON_REQUEST",
    ]);
    expect(outcome.consentsWithdrawn).toEqual(appended.map((e) => e.purpose));
    expect(
      await prisma.consentCurrent.count({ where: { subjectId: customer.id, state: "GIVEN" } }),
    ).toBe(0);
    // The officer's reads during the request are appended; nothing earlier changed.
    const auditAfter = await prisma.accessRecord.findMany({
      where: { subjectIds: { has: customer.id } },
      orderBy: { id: "asc" },
    });
    expect(auditAfter.slice(0, before.audit.length)).toEqual(before.audit);
    const ledger = await verifyConsentLedger(prisma, {
      subjectKind: "CUSTOMER",
      subjectId: customer.id,
    });
    expect(ledger).toEqual({ ok: true, checked: ledgerAfter.length });
    expect((await verifyAuditLog(prisma)).ok).toBe(true);
  }

  it("without an open legal request, deletion leaves nothing personal: cards gone, messages and earlier exports erased, pending mail not sent", async () => {
    const prisma = api.db.prisma;
    const client = api.client();
    const customer = await registerCustomer(client);
    await prisma.paymentMethod.create({
      data: {
        customerId: customer.id,
        brand: "visa",
        last4: "1111",
        expiryMonth: 1,
        expiryYear: 2031,
        processorToken: "tok_test_2",
      },
    });
    const support = await prisma.supportRequest.create({
      data: {
        customerId: customer.id,
        subject: "Hello",
        message: "My phone is 555-0100.",
        replyTo: customer.email,
      },
    });
    // A staff answer quotes the customer back to them: it goes with the question.
    const staff = await prisma.staffUser.findFirstOrThrow();
    await prisma.supportReply.create({
      data: { requestId: support.id, staffUserId: staff.id, body: "We called 555-0100 back." },
    });
    const access = await submitRequest(client, "ACCESS", "Send me my data.");
    await officer.gql(VERIFY, { id: access.id });
    expect((await officer.gql(FULFIL, { id: access.id })).errors).toEqual([]);
    const reject = await submitRequest(client, "CORRECTION", "Something");
    await officer.gql(REJECT, { id: reject.id, reason: "We need more information from you." });
    const deletion = await submitRequest(client, "DELETION", "Forget me.");
    await officer.gql(VERIFY, { id: deletion.id });
    const fulfilled = await officer.gql(FULFIL, { id: deletion.id });
    expect(fulfilled.errors).toEqual([]);
    const outcome = JSON.parse(fulfilled.data?.fulfilPrivacyRequest.outcome ?? "{}");
    expect(outcome.kept).toEqual([]);

    await expectNothingPersonalLeft(customer, support.id, access.id);
    // Fulfilling it twice is refused.
    const again = await officer.gql(FULFIL, { id: deletion.id });
    expect(again.errors[0]?.extensions).toMatchObject({ reason: "CLOSED" });
  });

  async function expectNothingPersonalLeft(
    customer: RegisteredCustomer,
    supportId: string,
    accessId: string,
  ) {
    const prisma = api.db.prisma;
    expect(await prisma.paymentMethod.count({ where: { customerId: customer.id } })).toBe(0);
    // The verification link sent at registration died with the account.
    expect(await prisma.customerAccountToken.count({ where: { customerId: customer.id } })).toBe(0);
    // And its emails, which carry no customer id, are found by address and anonymised too.
    expect(await prisma.outboxEmail.count({ where: { toAddress: customer.email } })).toBe(0);
    expect(
      await prisma.outboxEmail.count({
        where: { kind: "CUSTOMER_ACCOUNT", toAddress: erasedEmail(customer.id) },
      }),
    ).toBeGreaterThan(0);
    const erasedSupport = await prisma.supportRequest.findUniqueOrThrow({
      where: { id: supportId },
    });
    expect(erasedSupport).toMatchObject({
      subject: "[erased]",
      message: "[erased]",
      replyTo: null,
    });
    const replies = await prisma.supportReply.findMany({ where: { requestId: supportId } });
    expect(replies.map((r) => r.body)).toEqual(["[erased]"]);
    const requests = await prisma.privacyRequest.findMany({ where: { customerId: customer.id } });
    expect(requests.map((r) => r.details)).toEqual(["", "", ""]);
    const accessRow = requests.find((r) => r.id === accessId);
    expect(accessRow?.outcome).not.toHaveProperty("document");
    expect(accessRow?.outcome).toHaveProperty("export.sha256");
    const emails = await prisma.outboxEmail.findMany({ where: { customerId: customer.id } });
    // Three acknowledgements of receipt, the access request's completion and the rejection:
    // pending, so never sent, and erased.
    expect(emails).toHaveLength(5);
    for (const email of emails) {
      expect(email).toMatchObject({ status: "FAILED", textBody: "[erased]" });
      expect(email.toAddress).not.toBe(customer.email);
    }
    const dump = JSON.stringify(
      await Promise.all([
        prisma.customer.findUniqueOrThrow({ where: { id: customer.id } }),
        prisma.privacyRequest.findMany({ where: { customerId: customer.id } }),
        prisma.outboxEmail.findMany({ where: { customerId: customer.id } }),
        prisma.supportRequest.findMany({ where: { customerId: customer.id } }),
      ]),
    );
    expect(dump).not.toContain(customer.email);
    expect(dump).not.toContain(customer.name);
  }
});
