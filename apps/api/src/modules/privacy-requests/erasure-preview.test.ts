import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient, TestApi } from "../../test-support/api.js";
import { registerCustomer, signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import {
  FULFIL,
  startQueueApi,
  submitRequest,
  VERIFY,
} from "../../test-support/privacy-request-queue.js";

const PREVIEW = graphql(`
  query PreviewErasure($id: ID!) {
    erasurePreview(id: $id) {
      requestId
      erased { what count }
      kept { what count reason why }
      sessionsRevoked
      consentsWithdrawn
      untouched
    }
  }
`);
const GIVE_MARKETING = graphql(`
  mutation PreviewGiveMarketing {
    setConsent(purpose: MARKETING, state: GIVEN) { state }
  }
`);

describe.each(testDatabases)("previewing an erasure on $name", (kind) => {
  let api: TestApi;
  let officer: ApiClient;
  beforeAll(async () => {
    ({ api, officer } = await startQueueApi(kind));
  });
  afterAll(() => api?.close());

  /** A customer with a card under an open court order, a record about others, and a deletion request. */
  async function aCustomerAskingForDeletion() {
    const client = api.client();
    const customer = await registerCustomer(client);
    expect((await client.gql(GIVE_MARKETING)).errors).toEqual([]);
    const prisma = api.db.prisma;
    await prisma.paymentMethod.create({
      data: {
        customerId: customer.id,
        brand: "visa",
        last4: "4242",
        expiryMonth: 12,
        expiryYear: 2030,
        processorToken: "tok_preview",
      },
    });
    await prisma.customerHeldRecord.create({
      data: { customerId: customer.id, label: "Contact", content: "A friend's number" },
    });
    const officerUser = await prisma.staffUser.findFirstOrThrow({
      where: { role: "PRIVACY_OFFICER" },
    });
    await prisma.legalRequest.create({
      data: {
        kind: "COURT_ORDER",
        authority: "Superior Court",
        reference: `CO-preview-${customer.id}`,
        receivedAt: new Date(),
        categories: ["user.financial.card.last4"],
        legalHold: true,
        createdById: officerUser.id,
        subjects: { create: [{ customerId: customer.id }] },
      },
    });
    const request = await submitRequest(client, "DELETION", "Please delete me.");
    expect((await officer.gql(VERIFY, { id: request.id })).errors).toEqual([]);
    return { customer, request };
  }

  it("says in words what Fulfil would erase and keep, and why, changing nothing", async () => {
    const { customer, request } = await aCustomerAskingForDeletion();
    const before = await api.db.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } });

    const result = await officer.gql(PREVIEW, { id: request.id });
    expect(result.errors).toEqual([]);
    const preview = result.data?.erasurePreview;
    expect(preview?.erased.map((item) => item.what)).toEqual(
      expect.arrayContaining(["Name", "Email address", "Records they hold about other people"]),
    );
    expect(preview?.kept).toEqual([
      expect.objectContaining({ what: "Payment cards", count: 1, reason: "LEGAL_HOLD" }),
    ]);
    expect(preview?.kept[0]?.why).toMatch(/legal request/);
    expect(preview?.consentsWithdrawn).toContain("MARKETING");
    expect(preview?.sessionsRevoked).toBeGreaterThan(0);
    expect(JSON.stringify(preview)).not.toContain(customer.email);

    // Nothing changed: the rehearsal was rolled back.
    const after = await api.db.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(after).toEqual(before);
    expect(
      await api.db.prisma.customerHeldRecord.count({ where: { customerId: customer.id } }),
    ).toBe(1);
    expect(
      await api.db.prisma.session.count({ where: { customerId: customer.id, revokedAt: null } }),
    ).toBeGreaterThan(0);
    const request2 = await api.db.prisma.privacyRequest.findUniqueOrThrow({
      where: { id: request.id },
    });
    expect(request2.status).toBe("VERIFIED");
  });

  it("is what Fulfil then does: the same things erased and kept, with the same counts", async () => {
    const { request } = await aCustomerAskingForDeletion();
    const preview = (await officer.gql(PREVIEW, { id: request.id })).data?.erasurePreview;
    const fulfilled = await officer.gql(FULFIL, { id: request.id });
    expect(fulfilled.errors).toEqual([]);
    const outcome = JSON.parse(fulfilled.data?.fulfilPrivacyRequest.outcome ?? "{}") as {
      erased: Array<{ count: number }>;
      kept: Array<{ count: number; reason: string }>;
      consentsWithdrawn: string[];
    };
    expect(preview?.erased.map((item) => item.count)).toEqual(outcome.erased.map((e) => e.count));
    expect(preview?.kept.map((item) => [item.count, item.reason])).toEqual(
      outcome.kept.map((k) => [k.count, k.reason]),
    );
    expect(preview?.consentsWithdrawn).toEqual(outcome.consentsWithdrawn);
  });

  it("refuses requests that are not deletions, not yet verified, closed or unknown, with a reason", async () => {
    const client = api.client();
    await registerCustomer(client);
    const access = await submitRequest(client, "ACCESS");
    await officer.gql(VERIFY, { id: access.id });
    const received = await submitRequest(client, "DELETION");
    const cases: Array<[string, object]> = [
      [access.id, { code: "BAD_USER_INPUT", field: "id", reason: "NOT_DELETION" }],
      [received.id, { code: "BAD_USER_INPUT", field: "id", reason: "NOT_VERIFIED" }],
      ["not-an-id", { code: "BAD_USER_INPUT", field: "id" }],
      ["00000000-0000-7000-8000-000000000000", { code: "NOT_FOUND" }],
    ];
    for (const [id, expected] of cases) {
      const result = await officer.gql(PREVIEW, { id });
      expect(result.errors[0]?.extensions, id).toMatchObject(expected);
    }
  });

  it("is for privacy officers only", async () => {
    const { request } = await aCustomerAskingForDeletion();
    const admin = api.client();
    await signInStaff(api.db.prisma, admin, "ADMINISTRATOR");
    const refused = await admin.gql(PREVIEW, { id: request.id });
    expect(refused.errors[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(refused.data).toBeNull();
  });
});
