import { verifyAuditLog } from "@privet/db/audit";
import { verifyConsentLedger } from "@privet/db/ledger";
import { testDatabases } from "@privet/db/testing";
import {
  addCalendarDays,
  ccpaDueDate,
  daysLeft,
  gdprDueDate,
  privacyRequestDueDate,
} from "@privet/domain/clocks";
import type { StaffRole } from "@privet/domain/principals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import { registerCustomer, signInStaff, TEST_PASSWORD } from "../../test-support/fixtures.js";
import { RECEIPT_SUBJECT } from "./receipt-acknowledgement.js";

const START = `mutation St($id: ID!) { startPrivacyRequest(id: $id) { id status } }`;
const ITEM = `id customerId kind status jurisdiction receivedAt dueAt daysLeft overdue verifiedAt extendedAt fulfilledAt outcome`;
const QUEUE = `query Queue($status: PrivacyRequestStatus, $kind: PrivacyRequestKind) @purpose(name: SUPPORT, ref: "PR-queue") {
  privacyRequestQueue(status: $status, kind: $kind, first: 500) { ${ITEM} customerName customerEmail }
}`;
const VERIFY = `mutation V($id: ID!) @purpose(name: SUPPORT, ref: "PR-verify") { verifyPrivacyRequest(id: $id) { ${ITEM} } }`;
const EXTEND = `mutation E($id: ID!, $reason: String!) @purpose(name: SUPPORT, ref: "PR-ext") { extendPrivacyRequest(id: $id, reason: $reason) { ${ITEM} extensionReason } }`;
const FULFIL = `mutation F($id: ID!, $note: String) @purpose(name: SUPPORT, ref: "PR-fulfil") { fulfilPrivacyRequest(id: $id, note: $note) { ${ITEM} } }`;
const REJECT = `mutation R($id: ID!, $reason: String!) @purpose(name: SUPPORT, ref: "PR-reject") { rejectPrivacyRequest(id: $id, reason: $reason) { ${ITEM} } }`;
const SUBMIT = `mutation S($input: SubmitPrivacyRequestInput!) { submitPrivacyRequest(input: $input) { id receivedAt } }`;

interface Item {
  id: string;
  customerId: string;
  kind: string;
  status: string;
  jurisdiction: string;
  receivedAt: string;
  dueAt: string;
  daysLeft: number | null;
  overdue: boolean;
  verifiedAt: string | null;
  extendedAt: string | null;
  extensionReason?: string | null;
  fulfilledAt: string | null;
  outcome: string | null;
  customerName?: string | null;
  customerEmail?: string | null;
}

const DAY = 24 * 60 * 60 * 1000;

describe.each(testDatabases)("the privacy officer's request queue on $name", (kind) => {
  let api: TestApi;
  let officer: ApiClient;
  beforeAll(async () => {
    api = await startTestApi(kind);
    officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
  });
  afterAll(() => api?.close());

  async function submit(client: ApiClient, requestKind: string, details = "") {
    const result = await client.gql<{ submitPrivacyRequest: { id: string; receivedAt: string } }>(
      SUBMIT,
      { input: { kind: requestKind, details } },
    );
    expect(result.errors).toEqual([]);
    return result.data?.submitPrivacyRequest as { id: string; receivedAt: string };
  }

  async function act<K extends string>(client: ApiClient, query: string, variables: object) {
    return client.gql<Record<K, Item>>(query, variables as Record<string, unknown>);
  }

  /** The customer's request emails after the acknowledgement of receipt, oldest first. */
  function updatesTo(customerId: string) {
    return api.db.prisma.outboxEmail.findMany({
      where: { customerId, subject: { not: RECEIPT_SUBJECT } },
      orderBy: { createdAt: "asc" },
    });
  }

  /** A request received `daysAgo` days ago under the GDPR, written as the seed writes it. */
  async function receivedDaysAgo(customerId: string, daysAgo: number) {
    const receivedAt = new Date(Date.now() - daysAgo * DAY);
    return api.db.prisma.privacyRequest.create({
      data: {
        customerId,
        kind: "ACCESS",
        jurisdiction: "GDPR",
        receivedAt,
        dueAt: privacyRequestDueDate("GDPR", receivedAt),
      },
    });
  }

  it("orders overdue requests first, then by due date, each with its days left", async () => {
    const customer = await registerCustomer(api.client(), { country: "FR", region: null });
    const fresh = await receivedDaysAgo(customer.id, 1);
    const late = await receivedDaysAgo(customer.id, 40);
    const later = await receivedDaysAgo(customer.id, 70);
    const closed = await receivedDaysAgo(customer.id, 90);
    await api.db.prisma.privacyRequest.update({
      where: { id: closed.id },
      data: { status: "FULFILLED", fulfilledAt: new Date() },
    });
    // A CCPA request received now, due in 45 days: after the fresh GDPR one (due in ~29 days).
    const ccpaClient = api.client();
    await registerCustomer(ccpaClient, { country: "US", region: "CA" });
    const ccpa = await submit(ccpaClient, "DELETION");

    const result = await officer.gql<{ privacyRequestQueue: Item[] }>(QUEUE);
    expect(result.errors).toEqual([]);
    const queue = result.data?.privacyRequestQueue ?? [];
    const mine = queue.filter((item) =>
      [fresh.id, late.id, later.id, closed.id, ccpa.id].includes(item.id),
    );
    // The closed one is not in the (open) queue; the overdue ones lead, most overdue first.
    expect(mine.map((item) => item.id)).toEqual([later.id, late.id, fresh.id, ccpa.id]);
    const now = new Date();
    for (const item of mine) {
      expect(item.daysLeft).toBe(daysLeft(new Date(item.dueAt), now));
      expect(item.overdue).toBe((item.daysLeft ?? 0) < 0);
    }
    expect(mine[0]?.daysLeft).toBeLessThan(-30);
    expect(mine[3]).toMatchObject({ kind: "DELETION", jurisdiction: "CCPA", daysLeft: 45 });
    // Across the whole queue: no request that is not overdue comes before one that is.
    const firstOnTime = queue.findIndex((item) => !item.overdue);
    expect(queue.slice(firstOnTime).some((item) => item.overdue)).toBe(false);
    // Who asked, under the declared purpose.
    expect(mine[0]).toMatchObject({ customerName: customer.name, customerEmail: customer.email });

    // Filters: by kind, and by status (closed ones on request, with no days left).
    const deletions = await officer.gql<{ privacyRequestQueue: Item[] }>(QUEUE, {
      kind: "DELETION",
    });
    expect(deletions.data?.privacyRequestQueue.every((i) => i.kind === "DELETION")).toBe(true);
    expect(deletions.data?.privacyRequestQueue.map((i) => i.id)).toContain(ccpa.id);
    const fulfilled = await officer.gql<{ privacyRequestQueue: Item[] }>(QUEUE, {
      status: "FULFILLED",
    });
    const closedItem = fulfilled.data?.privacyRequestQueue.find((i) => i.id === closed.id);
    expect(closedItem).toMatchObject({ status: "FULFILLED", daysLeft: null, overdue: false });
  });

  it("[P-06] who asked is personal: without a declared purpose name and email are redacted, with one they are read and audited", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const request = await submit(client, "ACCESS", "Everything, please.");
    const bare = await officer.gql<{ privacyRequestQueue: Item[] }>(
      `query { privacyRequestQueue(kind: ACCESS, first: 500) { id customerEmail customerName } }`,
    );
    const item = bare.data?.privacyRequestQueue.find((i) => i.id === request.id);
    expect(item).toEqual({ id: request.id, customerEmail: null, customerName: null });
    expect(bare.errors.some((e) => e.extensions?.code === "PRIVACY_REDACTED")).toBe(true);

    const before = await api.db.prisma.accessRecord.count({
      where: { subjectIds: { has: customer.id } },
    });
    const read = await officer.gql<{ privacyRequestQueue: Item[] }>(QUEUE, { kind: "ACCESS" });
    expect(read.data?.privacyRequestQueue.find((i) => i.id === request.id)).toMatchObject({
      customerEmail: customer.email,
    });
    const after = await api.db.prisma.accessRecord.count({
      where: { subjectIds: { has: customer.id } },
    });
    expect(after).toBeGreaterThan(before);
  });

  it("a support agent, an administrator, an auditor and a customer cannot see or act on the queue; a visitor must sign in", async () => {
    const client = api.client();
    await registerCustomer(client);
    const request = await submit(client, "DELETION");
    const snapshot = () =>
      api.db.prisma.privacyRequest.findUniqueOrThrow({ where: { id: request.id } });
    const before = await snapshot();
    const roles: StaffRole[] = ["SUPPORT_AGENT", "ADMINISTRATOR", "AUDITOR", "SECURITY_OFFICER"];
    const operations: Array<[string, Record<string, unknown>]> = [
      [QUEUE, {}],
      [VERIFY, { id: request.id }],
      [START, { id: request.id }],
      [EXTEND, { id: request.id, reason: "We need to check more systems." }],
      [FULFIL, { id: request.id }],
      [REJECT, { id: request.id, reason: "Identity could not be confirmed." }],
    ];
    for (const role of roles) {
      const staff = api.client();
      await signInStaff(api.db.prisma, staff, role);
      for (const [query, variables] of operations) {
        const result = await staff.gql(query, variables);
        expect(result.errors[0]?.extensions?.code, `${role}`).toBe("FORBIDDEN");
        expect(result.data).toBeNull();
      }
    }
    for (const [query, variables] of operations) {
      expect((await client.gql(query, variables)).errors[0]?.extensions?.code).toBe("FORBIDDEN");
      expect((await api.client().gql(query, variables)).errors[0]?.extensions?.code).toBe(
        "UNAUTHENTICATED",
      );
    }
    expect(await snapshot()).toEqual(before);
    // Only the acknowledgement of receipt: no refused action wrote to the customer.
    expect(await updatesTo(before.customerId)).toEqual([]);
  });

  it("verify → extend (the due date moves by the law, the reason is emailed, a second extension is refused) → fulfil", async () => {
    for (const [country, region, jurisdiction] of [
      ["DE", null, "GDPR"],
      ["US", "CA", "CCPA"],
    ] as const) {
      const client = api.client();
      const customer = await registerCustomer(client, { country, region });
      const submitted = await submit(client, "CORRECTION", "My name is misspelt.");
      const received = new Date(submitted.receivedAt);

      const early = await act<"fulfilPrivacyRequest">(officer, FULFIL, {
        id: submitted.id,
        note: "Name corrected.",
      });
      expect(early.errors[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        reason: "NOT_VERIFIED",
      });

      const verified = await act<"verifyPrivacyRequest">(officer, VERIFY, { id: submitted.id });
      expect(verified.errors).toEqual([]);
      expect(verified.data?.verifyPrivacyRequest).toMatchObject({ status: "VERIFIED" });
      expect(verified.data?.verifyPrivacyRequest.verifiedAt).not.toBeNull();
      const again = await act(officer, VERIFY, { id: submitted.id });
      expect(again.errors[0]?.extensions).toMatchObject({ reason: "NOT_RECEIVED" });

      const short = await act(officer, EXTEND, { id: submitted.id, reason: "busy" });
      expect(short.errors[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "reason",
      });

      const reason = "We must check the spelling against your identity documents.";
      const extended = await act<"extendPrivacyRequest">(officer, EXTEND, {
        id: submitted.id,
        reason,
      });
      expect(extended.errors).toEqual([]);
      const expectedDue =
        jurisdiction === "GDPR" ? gdprDueDate(received, true) : ccpaDueDate(received, true);
      expect(extended.data?.extendPrivacyRequest).toMatchObject({
        status: "VERIFIED",
        dueAt: expectedDue.toISOString(),
        daysLeft: daysLeft(expectedDue, new Date()),
        extensionReason: reason,
      });
      expect(extended.data?.extendPrivacyRequest.extendedAt).not.toBeNull();
      if (jurisdiction === "CCPA") expect(extended.data?.extendPrivacyRequest.daysLeft).toBe(90);
      else expect(expectedDue.getTime()).toBeGreaterThan(addCalendarDays(received, 88).getTime());

      const emails = await updatesTo(customer.id);
      expect(emails).toHaveLength(1);
      expect(emails[0]).toMatchObject({
        kind: "REQUEST_UPDATE",
        status: "PENDING",
        toAddress: customer.email,
      });
      expect(emails[0]?.textBody).toContain(reason);
      expect(emails[0]?.textBody).toContain(expectedDue.toISOString().slice(0, 10));

      const second = await act(officer, EXTEND, {
        id: submitted.id,
        reason: "Another reason to wait even longer.",
      });
      expect(second.errors[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        reason: "ALREADY_EXTENDED",
      });
      const row = await api.db.prisma.privacyRequest.findUniqueOrThrow({
        where: { id: submitted.id },
      });
      expect(row.dueAt.toISOString()).toBe(expectedDue.toISOString());
      expect(await updatesTo(customer.id)).toHaveLength(1);

      const noNote = await act(officer, FULFIL, { id: submitted.id });
      expect(noNote.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "note" });
      const fulfilled = await act<"fulfilPrivacyRequest">(officer, FULFIL, {
        id: submitted.id,
        note: "Name spelling corrected in the account record.",
      });
      expect(fulfilled.errors).toEqual([]);
      const done = fulfilled.data?.fulfilPrivacyRequest as Item;
      expect(done).toMatchObject({ status: "FULFILLED", daysLeft: null, overdue: false });
      expect(done.fulfilledAt).not.toBeNull();
      expect(JSON.parse(done.outcome ?? "{}")).toMatchObject({
        kind: "CORRECTION",
        corrected: "Name spelling corrected in the account record.",
      });
      // The customer is told it is done, after the extension notice.
      const mail = await updatesTo(customer.id);
      expect(mail.map((m) => [m.kind, m.status, m.toAddress])).toEqual([
        ["REQUEST_UPDATE", "PENDING", customer.email],
        ["REQUEST_UPDATE", "PENDING", customer.email],
      ]);
      expect(mail[1]?.textBody).toMatch(/corrected/);
      const closed = await act(officer, EXTEND, { id: submitted.id, reason });
      expect(closed.errors[0]?.extensions).toMatchObject({ reason: "CLOSED" });
    }
  });

  it("a rejection records its reason and tells the customer why", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const submitted = await submit(client, "ACCESS");
    const reason = "We could not confirm your identity from the answers given.";
    const rejected = await act<"rejectPrivacyRequest">(officer, REJECT, {
      id: submitted.id,
      reason,
    });
    expect(rejected.errors).toEqual([]);
    expect(rejected.data?.rejectPrivacyRequest).toMatchObject({
      status: "REJECTED",
      daysLeft: null,
    });
    expect(JSON.parse(rejected.data?.rejectPrivacyRequest.outcome ?? "{}")).toMatchObject({
      kind: "REJECTED",
      reason,
    });
    const [email, ...more] = await updatesTo(customer.id);
    expect(more).toEqual([]);
    expect(email).toMatchObject({
      kind: "REQUEST_UPDATE",
      status: "PENDING",
      toAddress: customer.email,
    });
    expect(email?.textBody).toContain(reason);
    const fulfil = await act(officer, FULFIL, { id: submitted.id });
    expect(fulfil.errors[0]?.extensions).toMatchObject({ reason: "CLOSED" });
  });

  it("receipt is confirmed by email at once, with the legal due date and nothing the customer wrote", async () => {
    for (const [country, region] of [
      ["US", "CA"],
      ["DE", null],
    ] as const) {
      const client = api.client();
      const customer = await registerCustomer(client, { country, region });
      const details = "Please delete the photo of my neighbour's dog.";
      const submitted = await submit(client, "DELETION", details);
      const row = await api.db.prisma.privacyRequest.findUniqueOrThrow({
        where: { id: submitted.id },
      });
      const mail = await api.db.prisma.outboxEmail.findMany({
        where: { customerId: customer.id },
      });
      expect(mail).toHaveLength(1);
      expect(mail[0]).toMatchObject({
        kind: "REQUEST_UPDATE",
        status: "PENDING",
        toAddress: customer.email,
        subject: RECEIPT_SUBJECT,
      });
      const body = mail[0]?.textBody ?? "";
      expect(body).toContain(`request of ${row.receivedAt.toISOString().slice(0, 10)}`);
      expect(body).toContain(`answer by ${row.dueAt.toISOString().slice(0, 10)}`);
      expect(body).not.toContain("neighbour");
      // The CCPA's 10 business days to confirm are met: it is queued before them.
      if (row.confirmBy) {
        const queuedAt = mail[0]?.createdAt.getTime() ?? Number.POSITIVE_INFINITY;
        expect(queuedAt).toBeLessThan(row.confirmBy.getTime());
      } else expect(region).toBeNull();
    }
  });

  it("work starts on a verified request only: VERIFIED → IN_PROGRESS, shown to the customer, then fulfilled", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const submitted = await submit(client, "ACCESS");
    const early = await act(officer, START, { id: submitted.id });
    expect(early.errors[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "id",
      reason: "NOT_VERIFIED",
    });
    expect((await act(officer, VERIFY, { id: submitted.id })).errors).toEqual([]);
    const started = await act<"startPrivacyRequest">(officer, START, { id: submitted.id });
    expect(started.errors).toEqual([]);
    expect(started.data?.startPrivacyRequest).toMatchObject({ status: "IN_PROGRESS" });
    const twice = await act(officer, START, { id: submitted.id });
    expect(twice.errors[0]?.extensions).toMatchObject({ reason: "ALREADY_STARTED" });

    // The queue and the customer's own list say it is being handled.
    const queue = await officer.gql<{ privacyRequestQueue: Item[] }>(QUEUE, {
      status: "IN_PROGRESS",
    });
    expect(queue.data?.privacyRequestQueue.map((i) => i.id)).toContain(submitted.id);
    const mine = await client.gql<{
      me: { privacyRequests: Array<{ id: string; status: string }> };
    }>(`query { me { privacyRequests { id status } } }`);
    expect(mine.data?.me.privacyRequests).toContainEqual({
      id: submitted.id,
      status: "IN_PROGRESS",
    });

    const fulfilled = await act<"fulfilPrivacyRequest">(officer, FULFIL, { id: submitted.id });
    expect(fulfilled.errors).toEqual([]);
    expect(fulfilled.data?.fulfilPrivacyRequest.status).toBe("FULFILLED");
    const closed = await act(officer, START, { id: submitted.id });
    expect(closed.errors[0]?.extensions).toMatchObject({ reason: "CLOSED" });
    expect(await updatesTo(customer.id)).toHaveLength(1);
  });

  it("starting work refuses an id that is not a request", async () => {
    const malformed = await act(officer, START, { id: "not-an-id" });
    expect(malformed.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    const unknown = await act(officer, START, { id: "0193a0a0-0000-7000-8000-000000000000" });
    expect(unknown.errors[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("access request fulfilment produces the export the portal offers", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    await client.gql(`mutation { setConsent(purpose: MARKETING, state: GIVEN) { state } }`);
    const submitted = await submit(client, "ACCESS", "A copy of everything.");
    expect((await act(officer, VERIFY, { id: submitted.id })).errors).toEqual([]);
    const portal = await client.gql<{ myDataExport: string }>(`query { myDataExport }`);
    expect(portal.errors).toEqual([]);
    const fulfilled = await act<"fulfilPrivacyRequest">(officer, FULFIL, { id: submitted.id });
    expect(fulfilled.errors).toEqual([]);

    const row = await api.db.prisma.privacyRequest.findUniqueOrThrow({
      where: { id: submitted.id },
    });
    const stored = row.outcome as { document: Record<string, unknown>; export: { sha256: string } };
    const comparable = (document: Record<string, unknown>) => ({
      ...document,
      exportedAt: null,
      sessions: (document.sessions as Array<Record<string, unknown>>).map((s) => ({
        ...s,
        current: null,
      })),
    });
    const portalDocument = JSON.parse(portal.data?.myDataExport ?? "{}");
    expect(comparable(stored.document)).toEqual(comparable(portalDocument));
    expect((stored.document.profile as { email: string }).email).toBe(customer.email);

    // Staff see the summary, never the export itself.
    const outcome = JSON.parse(fulfilled.data?.fulfilPrivacyRequest.outcome ?? "{}");
    expect(outcome).toMatchObject({ kind: "ACCESS", export: { sha256: stored.export.sha256 } });
    expect(outcome.document).toBeUndefined();
    expect(fulfilled.data?.fulfilPrivacyRequest.outcome).not.toContain(customer.email);
    // The customer is told where to find it; the mail carries no data from the export.
    const [mail, ...more] = await updatesTo(customer.id);
    expect(more).toEqual([]);
    expect(mail).toMatchObject({
      kind: "REQUEST_UPDATE",
      status: "PENDING",
      toAddress: customer.email,
    });
    expect(mail?.textBody).toMatch(/My data/);
    expect(mail?.textBody).not.toContain(customer.name);
  });

  it("[P-05] stop sharing withdraws advertising consent through the ledger, on the customer's request", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const given = await client.gql(
      `mutation { setConsent(purpose: REMARKETING, state: GIVEN) { state } }`,
    );
    expect(given.errors).toEqual([]);
    const submitted = await submit(client, "STOP_SHARING");
    await act(officer, VERIFY, { id: submitted.id });
    const fulfilled = await act<"fulfilPrivacyRequest">(officer, FULFIL, { id: submitted.id });
    expect(fulfilled.errors).toEqual([]);
    expect(JSON.parse(fulfilled.data?.fulfilPrivacyRequest.outcome ?? "{}")).toMatchObject({
      kind: "STOP_SHARING",
      remarketing: "WITHDRAWN",
    });
    const current = await api.db.prisma.consentCurrent.findFirstOrThrow({
      where: { subjectKind: "CUSTOMER", subjectId: customer.id, purpose: "REMARKETING" },
    });
    expect(current.state).toBe("WITHDRAWN");
    const latest = await api.db.prisma.consentEvent.findFirstOrThrow({
      where: { subjectKind: "CUSTOMER", subjectId: customer.id, purpose: "REMARKETING" },
      orderBy: { sequence: "desc" },
    });
    expect(latest).toMatchObject({ state: "WITHDRAWN", source: "STAFF_ON_REQUEST" });
    expect(
      (
        await verifyConsentLedger(api.db.prisma, {
          subjectKind: "CUSTOMER",
          subjectId: customer.id,
        })
      ).ok,
    ).toBe(true);
  });

  it("deletion erases the customer's personal data but keeps what an open legal request covers, and records what was kept and why", async () => {
    const prisma = api.db.prisma;
    const client = api.client();
    const customer = await registerCustomer(client);
    await client.gql(`mutation { setConsent(purpose: MARKETING, state: GIVEN) { state } }`);
    const officerUser = await prisma.staffUser.findFirstOrThrow({
      where: { role: "PRIVACY_OFFICER" },
    });
    // What the customer has: a card, records about others, page views, a question, a newsletter.
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
    // An open court order covering cards and messages; a closed one covering navigation.
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
    // A staff read of the customer, so the audit log has a record about them.
    const read = await officer.gql(
      `query R($id: ID!) @purpose(name: SUPPORT, ref: "PR-del") { customer(id: $id) { email } }`,
      { id: customer.id },
    );
    expect(read.errors).toEqual([]);
    const ledgerBefore = await prisma.consentEvent.findMany({
      where: { subjectId: customer.id },
      orderBy: { sequence: "asc" },
    });
    const auditBefore = await prisma.accessRecord.findMany({
      where: { subjectIds: { has: customer.id } },
      orderBy: { id: "asc" },
    });
    expect(ledgerBefore.length).toBeGreaterThan(0);
    expect(auditBefore.length).toBeGreaterThan(0);

    const submitted = await submit(client, "DELETION", "Delete my account.");
    await act(officer, VERIFY, { id: submitted.id });
    const fulfilled = await act<"fulfilPrivacyRequest">(officer, FULFIL, { id: submitted.id });
    expect(fulfilled.errors).toEqual([]);
    expect(fulfilled.data?.fulfilPrivacyRequest.status).toBe("FULFILLED");

    // Erased: the account's identity, records about others, page views, cookies, the newsletter.
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
    // Kept: what the open court order covers (the card, the customer's own words).
    expect(await prisma.paymentMethod.count({ where: { customerId: customer.id } })).toBe(1);
    expect(
      (await prisma.supportRequest.findUniqueOrThrow({ where: { id: support.id } })).message,
    ).toBe("Please refund my order.");
    // The outcome says what was kept and why, naming the open request only.
    const outcome = JSON.parse(fulfilled.data?.fulfilPrivacyRequest.outcome ?? "{}");
    expect(outcome.kind).toBe("DELETION");
    expect(outcome.kept.map((k: { data: string }) => k.data).sort()).toEqual([
      "PaymentMethod",
      "PrivacyRequest (details, stored exports)",
      "SupportRequest (subject, message, reply address)",
    ]);
    for (const kept of outcome.kept) {
      expect(kept).toMatchObject({ reason: "LEGAL_HOLD", legalRequestIds: [open.id] });
      expect(kept.why).toMatch(/legal request/);
    }
    expect(JSON.stringify(outcome)).not.toContain(closed.id);
    expect(outcome.erased.map((e: { data: string }) => e.data)).toEqual(
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

    // The customer can no longer sign in, and their old session no longer names them.
    const me = await client.gql<{ me: unknown }>(`query { me { id } }`);
    expect(me.errors).toEqual([]);
    expect(me.data?.me).toBeNull();
    const signIn = await api
      .client()
      .gql(
        `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { customer { id } } }`,
        { email: customer.email, password: TEST_PASSWORD },
      );
    expect(signIn.errors[0]?.extensions?.code).toBe("INVALID_CREDENTIALS");

    // History is untouched and still verifies; consents still given are withdrawn by new events.
    const ledgerAfter = await prisma.consentEvent.findMany({
      where: { subjectId: customer.id },
      orderBy: { sequence: "asc" },
    });
    expect(ledgerAfter.slice(0, ledgerBefore.length)).toEqual(ledgerBefore);
    const appended = ledgerAfter.slice(ledgerBefore.length);
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
    expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore);
    const ledger = await verifyConsentLedger(prisma, {
      subjectKind: "CUSTOMER",
      subjectId: customer.id,
    });
    expect(ledger).toEqual({ ok: true, checked: ledgerAfter.length });
    expect((await verifyAuditLog(prisma)).ok).toBe(true);
  });
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
    const access = await submit(client, "ACCESS", "Send me my data.");
    await act(officer, VERIFY, { id: access.id });
    expect((await act(officer, FULFIL, { id: access.id })).errors).toEqual([]);
    const reject = await submit(client, "CORRECTION", "Something");
    await act(officer, REJECT, { id: reject.id, reason: "We need more information from you." });
    const deletion = await submit(client, "DELETION", "Forget me.");
    await act(officer, VERIFY, { id: deletion.id });
    const fulfilled = await act<"fulfilPrivacyRequest">(officer, FULFIL, { id: deletion.id });
    expect(fulfilled.errors).toEqual([]);
    const outcome = JSON.parse(fulfilled.data?.fulfilPrivacyRequest.outcome ?? "{}");
    expect(outcome.kept).toEqual([]);

    expect(await prisma.paymentMethod.count({ where: { customerId: customer.id } })).toBe(0);
    const erasedSupport = await prisma.supportRequest.findUniqueOrThrow({
      where: { id: support.id },
    });
    expect(erasedSupport).toMatchObject({
      subject: "[erased]",
      message: "[erased]",
      replyTo: null,
    });
    const requests = await prisma.privacyRequest.findMany({ where: { customerId: customer.id } });
    expect(requests.map((r) => r.details)).toEqual(["", "", ""]);
    const accessRow = requests.find((r) => r.id === access.id);
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
    // Fulfilling it twice is refused.
    const again = await act(officer, FULFIL, { id: deletion.id });
    expect(again.errors[0]?.extensions).toMatchObject({ reason: "CLOSED" });
  });
});
