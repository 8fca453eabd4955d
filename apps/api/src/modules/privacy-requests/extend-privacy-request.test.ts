import { testDatabases } from "@privet/db/testing";
import { addCalendarDays, ccpaDueDate, daysLeft, gdprDueDate } from "@privet/domain/clocks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient, TestApi } from "../../test-support/api.js";
import { type RegisteredCustomer, registerCustomer } from "../../test-support/fixtures.js";
import {
  EXTEND,
  FULFIL,
  startQueueApi,
  submitRequest,
  updatesTo,
  VERIFY,
} from "../../test-support/privacy-request-queue.js";

describe.each(testDatabases)("verifying, extending and fulfilling a request on $name", (kind) => {
  let api: TestApi;
  let officer: ApiClient;
  beforeAll(async () => {
    ({ api, officer } = await startQueueApi(kind));
  });
  afterAll(() => api?.close());

  it("verify → extend (the due date moves by the law, the reason is emailed, a second extension is refused) → fulfil", async () => {
    for (const [country, region, jurisdiction] of [
      ["DE", null, "GDPR"],
      ["US", "CA", "CCPA"],
    ] as const) {
      const client = api.client();
      const customer = await registerCustomer(client, { country, region });
      const submitted = await submitRequest(client, "CORRECTION", "My name is misspelt.");

      await fulfilBeforeVerifyingIsRefused(submitted.id);
      await verifyOnce(submitted.id);
      const reason = "We must check the spelling against your identity documents.";
      const expectedDue = await extendByTheLaw(submitted, jurisdiction, reason);
      await expectTheReasonAndTheNewDateEmailed(customer, reason, expectedDue);
      await aSecondExtensionIsRefused(submitted.id, customer.id, expectedDue);
      await fulfilWithANoteAndTellTheCustomer(submitted.id, customer);
      const closed = await officer.gql(EXTEND, { id: submitted.id, reason });
      expect(closed.errors[0]?.extensions).toMatchObject({ reason: "CLOSED" });
    }
  });

  async function fulfilBeforeVerifyingIsRefused(id: string) {
    const early = await officer.gql(FULFIL, { id, note: "Name corrected." });
    expect(early.errors[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "NOT_VERIFIED",
    });
  }

  async function verifyOnce(id: string) {
    const verified = await officer.gql(VERIFY, { id });
    expect(verified.errors).toEqual([]);
    expect(verified.data?.verifyPrivacyRequest).toMatchObject({ status: "VERIFIED" });
    expect(verified.data?.verifyPrivacyRequest.verifiedAt).not.toBeNull();
    const again = await officer.gql(VERIFY, { id });
    expect(again.errors[0]?.extensions).toMatchObject({ reason: "NOT_RECEIVED" });
  }

  /** A reason too short is refused; a good one moves the due date as the law allows. */
  async function extendByTheLaw(
    submitted: { id: string; receivedAt: string },
    jurisdiction: "GDPR" | "CCPA",
    reason: string,
  ): Promise<Date> {
    const short = await officer.gql(EXTEND, { id: submitted.id, reason: "busy" });
    expect(short.errors[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "reason",
    });

    const extended = await officer.gql(EXTEND, { id: submitted.id, reason });
    expect(extended.errors).toEqual([]);
    const received = new Date(submitted.receivedAt);
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
    return expectedDue;
  }

  async function expectTheReasonAndTheNewDateEmailed(
    customer: RegisteredCustomer,
    reason: string,
    expectedDue: Date,
  ) {
    const emails = await updatesTo(api.db.prisma, customer.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      kind: "REQUEST_UPDATE",
      status: "PENDING",
      toAddress: customer.email,
    });
    expect(emails[0]?.textBody).toContain(reason);
    expect(emails[0]?.textBody).toContain(expectedDue.toISOString().slice(0, 10));
  }

  async function aSecondExtensionIsRefused(id: string, customerId: string, expectedDue: Date) {
    const second = await officer.gql(EXTEND, {
      id,
      reason: "Another reason to wait even longer.",
    });
    expect(second.errors[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "ALREADY_EXTENDED",
    });
    const row = await api.db.prisma.privacyRequest.findUniqueOrThrow({ where: { id } });
    expect(row.dueAt.toISOString()).toBe(expectedDue.toISOString());
    expect(await updatesTo(api.db.prisma, customerId)).toHaveLength(1);
  }

  async function fulfilWithANoteAndTellTheCustomer(id: string, customer: RegisteredCustomer) {
    const noNote = await officer.gql(FULFIL, { id });
    expect(noNote.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "note" });
    const fulfilled = await officer.gql(FULFIL, {
      id,
      note: "Name spelling corrected in the account record.",
    });
    expect(fulfilled.errors).toEqual([]);
    const done = fulfilled.data?.fulfilPrivacyRequest;
    expect(done).toMatchObject({ status: "FULFILLED", daysLeft: null, overdue: false });
    expect(done?.fulfilledAt).not.toBeNull();
    expect(JSON.parse(done?.outcome ?? "{}")).toMatchObject({
      kind: "CORRECTION",
      corrected: "Name spelling corrected in the account record.",
    });
    // The customer is told it is done, after the extension notice.
    const mail = await updatesTo(api.db.prisma, customer.id);
    expect(mail.map((m) => [m.kind, m.status, m.toAddress])).toEqual([
      ["REQUEST_UPDATE", "PENDING", customer.email],
      ["REQUEST_UPDATE", "PENDING", customer.email],
    ]);
    expect(mail[1]?.textBody).toMatch(/corrected/);
  }
});
