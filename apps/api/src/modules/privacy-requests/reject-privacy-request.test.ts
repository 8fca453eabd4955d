import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient, TestApi } from "../../test-support/api.js";
import { registerCustomer } from "../../test-support/fixtures.js";
import {
  FULFIL,
  REJECT,
  startQueueApi,
  submitRequest,
  updatesTo,
} from "../../test-support/privacy-request-queue.js";

describe.each(testDatabases)("rejecting a request on $name", (kind) => {
  let api: TestApi;
  let officer: ApiClient;
  beforeAll(async () => {
    ({ api, officer } = await startQueueApi(kind));
  });
  afterAll(() => api?.close());

  it("a rejection records its reason and tells the customer why", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const submitted = await submitRequest(client, "ACCESS");
    const reason = "We could not confirm your identity from the answers given.";
    const rejected = await officer.gql(REJECT, { id: submitted.id, reason });
    expect(rejected.errors).toEqual([]);
    expect(rejected.data?.rejectPrivacyRequest).toMatchObject({
      status: "REJECTED",
      daysLeft: null,
    });
    expect(JSON.parse(rejected.data?.rejectPrivacyRequest.outcome ?? "{}")).toMatchObject({
      kind: "REJECTED",
      reason,
    });
    const [email, ...more] = await updatesTo(api.db.prisma, customer.id);
    expect(more).toEqual([]);
    expect(email).toMatchObject({
      kind: "REQUEST_UPDATE",
      status: "PENDING",
      toAddress: customer.email,
    });
    expect(email?.textBody).toContain(reason);
    const fulfil = await officer.gql(FULFIL, { id: submitted.id });
    expect(fulfil.errors[0]?.extensions).toMatchObject({ reason: "CLOSED" });
  });
});
