import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { registerCustomer } from "../../test-support/fixtures.js";
import { submitRequest } from "../../test-support/privacy-request-queue.js";
import { RECEIPT_SUBJECT } from "./receipt-acknowledgement.js";

describe.each(testDatabases)("acknowledging a request's receipt on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("receipt is confirmed by email at once, with the legal due date and nothing the customer wrote", async () => {
    for (const [country, region] of [
      ["US", "CA"],
      ["DE", null],
    ] as const) {
      const client = api.client();
      const customer = await registerCustomer(client, { country, region });
      const details = "Please delete the photo of my neighbour's dog.";
      const submitted = await submitRequest(client, "DELETION", details);
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
});
