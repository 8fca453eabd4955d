import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient, TestApi } from "../../test-support/api.js";
import { registerCustomer } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import {
  FULFIL,
  QUEUE,
  START,
  startQueueApi,
  submitRequest,
  updatesTo,
  VERIFY,
} from "../../test-support/privacy-request-queue.js";

const MY_REQUESTS = graphql(`
  query StartedRequestsOfMine {
    me { privacyRequests { id status } }
  }
`);

describe.each(testDatabases)("starting work on a request on $name", (kind) => {
  let api: TestApi;
  let officer: ApiClient;
  beforeAll(async () => {
    ({ api, officer } = await startQueueApi(kind));
  });
  afterAll(() => api?.close());

  it("work starts on a verified request only: VERIFIED → IN_PROGRESS, shown to the customer, then fulfilled", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const submitted = await submitRequest(client, "ACCESS");
    const early = await officer.gql(START, { id: submitted.id });
    expect(early.errors[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "id",
      reason: "NOT_VERIFIED",
    });
    expect((await officer.gql(VERIFY, { id: submitted.id })).errors).toEqual([]);
    const started = await officer.gql(START, { id: submitted.id });
    expect(started.errors).toEqual([]);
    expect(started.data?.startPrivacyRequest).toMatchObject({ status: "IN_PROGRESS" });
    const twice = await officer.gql(START, { id: submitted.id });
    expect(twice.errors[0]?.extensions).toMatchObject({ reason: "ALREADY_STARTED" });

    // The queue and the customer's own list say it is being handled.
    const queue = await officer.gql(QUEUE, { status: "IN_PROGRESS" });
    expect(queue.data?.privacyRequestQueue.map((i) => i.id)).toContain(submitted.id);
    const mine = await client.gql(MY_REQUESTS);
    expect(mine.data?.me?.privacyRequests).toContainEqual({
      id: submitted.id,
      status: "IN_PROGRESS",
    });

    const fulfilled = await officer.gql(FULFIL, { id: submitted.id });
    expect(fulfilled.errors).toEqual([]);
    expect(fulfilled.data?.fulfilPrivacyRequest.status).toBe("FULFILLED");
    const closed = await officer.gql(START, { id: submitted.id });
    expect(closed.errors[0]?.extensions).toMatchObject({ reason: "CLOSED" });
    expect(await updatesTo(api.db.prisma, customer.id)).toHaveLength(1);
  });

  it("starting work refuses an id that is not a request", async () => {
    const malformed = await officer.gql(START, { id: "not-an-id" });
    expect(malformed.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    const unknown = await officer.gql(START, { id: "0193a0a0-0000-7000-8000-000000000000" });
    expect(unknown.errors[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});
