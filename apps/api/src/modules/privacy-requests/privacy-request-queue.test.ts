import { testDatabases } from "@privet/db/testing";
import { daysLeft } from "@privet/domain/clocks";
import type { StaffRole } from "@privet/domain/principals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient, GraphQLResponse, TestApi } from "../../test-support/api.js";
import { registerCustomer, signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import {
  EXTEND,
  FULFIL,
  QUEUE,
  REJECT,
  receivedDaysAgo,
  START,
  startQueueApi,
  submitRequest,
  updatesTo,
  VERIFY,
} from "../../test-support/privacy-request-queue.js";

const QUEUE_WITHOUT_A_PURPOSE = graphql(`
  query QueueWithoutAPurpose {
    privacyRequestQueue(kind: ACCESS, first: 500) { id customerEmail customerName }
  }
`);

const LIST_WITHOUT_WHO_ASKED = graphql(`
  query ListWithoutWhoAsked @purpose(name: PRIVACY_REQUEST_HANDLING, ref: "PR-list") {
    privacyRequestQueue(first: 500) { id customerId status daysLeft }
  }
`);
const OPEN_ONE_REQUEST = graphql(`
  query OpenOneRequest($id: ID!) @purpose(name: PRIVACY_REQUEST_HANDLING, ref: "PR-open") {
    privacyRequestQueue(id: $id) { id customerName customerEmail details }
  }
`);

describe.each(testDatabases)("the privacy officer's request queue on $name", (kind) => {
  let api: TestApi;
  let officer: ApiClient;
  beforeAll(async () => {
    ({ api, officer } = await startQueueApi(kind));
  });
  afterAll(() => api?.close());

  it("orders overdue requests first, then by due date, each with its days left", async () => {
    const customer = await registerCustomer(api.client(), { country: "FR", region: null });
    const prisma = api.db.prisma;
    const fresh = await receivedDaysAgo(prisma, customer.id, 1);
    const late = await receivedDaysAgo(prisma, customer.id, 40);
    const later = await receivedDaysAgo(prisma, customer.id, 70);
    const closed = await receivedDaysAgo(prisma, customer.id, 90);
    await prisma.privacyRequest.update({
      where: { id: closed.id },
      data: { status: "FULFILLED", fulfilledAt: new Date() },
    });
    // A CCPA request received now, due in 45 days: after the fresh GDPR one (due in ~29 days).
    const ccpaClient = api.client();
    await registerCustomer(ccpaClient, { country: "US", region: "CA" });
    const ccpa = await submitRequest(ccpaClient, "DELETION");

    const result = await officer.gql(QUEUE);
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

    await filtersByKindAndByStatus(ccpa.id, closed.id);
  });

  /** Filters: by kind, and by status (closed ones on request, with no days left). */
  async function filtersByKindAndByStatus(ccpaId: string, closedId: string) {
    const deletions = await officer.gql(QUEUE, { kind: "DELETION" });
    expect(deletions.data?.privacyRequestQueue.every((i) => i.kind === "DELETION")).toBe(true);
    expect(deletions.data?.privacyRequestQueue.map((i) => i.id)).toContain(ccpaId);
    const fulfilled = await officer.gql(QUEUE, { status: "FULFILLED" });
    const closedItem = fulfilled.data?.privacyRequestQueue.find((i) => i.id === closedId);
    expect(closedItem).toMatchObject({ status: "FULFILLED", daysLeft: null, overdue: false });
  }

  it("[P-06] who asked is personal: without a declared purpose name and email are redacted, with one they are read and audited", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const request = await submitRequest(client, "ACCESS", "Everything, please.");
    const bare = await officer.gql(QUEUE_WITHOUT_A_PURPOSE);
    const item = bare.data?.privacyRequestQueue.find((i) => i.id === request.id);
    expect(item).toEqual({ id: request.id, customerEmail: null, customerName: null });
    expect(bare.errors.some((e) => e.extensions?.code === "PRIVACY_REDACTED")).toBe(true);

    const before = await api.db.prisma.accessRecord.count({
      where: { subjectIds: { has: customer.id } },
    });
    const read = await officer.gql(QUEUE, { kind: "ACCESS" });
    expect(read.data?.privacyRequestQueue.find((i) => i.id === request.id)).toMatchObject({
      customerEmail: customer.email,
    });
    const after = await api.db.prisma.accessRecord.count({
      where: { subjectIds: { has: customer.id } },
    });
    expect(after).toBeGreaterThan(before);
  });

  it("[P-06] handling privacy requests reads who asked for the one request opened, and the list without who asked reads no one", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const opened = await submitRequest(client, "ACCESS", "Everything, please.");
    const bystanderClient = api.client();
    const bystander = await registerCustomer(bystanderClient);
    await submitRequest(bystanderClient, "DELETION");
    const readsOf = (subjectId: string) =>
      api.db.prisma.accessRecord.count({ where: { subjectIds: { has: subjectId } } });
    const bystanderBefore = await readsOf(bystander.id);

    const list = await officer.gql(LIST_WITHOUT_WHO_ASKED);
    expect(list.errors).toEqual([]);
    expect(list.data?.privacyRequestQueue.map((i) => i.customerId)).toContain(bystander.id);
    // Under the purpose made for it, who asked is read, not redacted, for that request alone.
    const one = await officer.gql(OPEN_ONE_REQUEST, { id: opened.id });
    expect(one.errors).toEqual([]);
    expect(one.data?.privacyRequestQueue).toEqual([
      {
        id: opened.id,
        customerName: customer.name,
        customerEmail: customer.email,
        details: "Everything, please.",
      },
    ]);
    expect(await readsOf(customer.id)).toBeGreaterThan(0);
    expect(await readsOf(bystander.id)).toBe(bystanderBefore);
    const malformed = await officer.gql(OPEN_ONE_REQUEST, { id: "not-an-id" });
    expect(malformed.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("a support agent, an administrator, an auditor and a customer cannot see or act on the queue; a visitor must sign in", async () => {
    const client = api.client();
    await registerCustomer(client);
    const request = await submitRequest(client, "DELETION");
    const snapshot = () =>
      api.db.prisma.privacyRequest.findUniqueOrThrow({ where: { id: request.id } });
    const before = await snapshot();
    const roles: StaffRole[] = ["SUPPORT_AGENT", "ADMINISTRATOR", "AUDITOR", "SECURITY_OFFICER"];
    const id = request.id;
    const operations: Array<(client: ApiClient) => Promise<GraphQLResponse<unknown>>> = [
      (c) => c.gql(QUEUE),
      (c) => c.gql(VERIFY, { id }),
      (c) => c.gql(START, { id }),
      (c) => c.gql(EXTEND, { id, reason: "We need to check more systems." }),
      (c) => c.gql(FULFIL, { id }),
      (c) => c.gql(REJECT, { id, reason: "Identity could not be confirmed." }),
    ];
    for (const role of roles) {
      const staff = api.client();
      await signInStaff(api.db.prisma, staff, role);
      for (const send of operations) {
        const result = await send(staff);
        expect(result.errors[0]?.extensions?.code, `${role}`).toBe("FORBIDDEN");
        expect(result.data).toBeNull();
      }
    }
    for (const send of operations) {
      expect((await send(client)).errors[0]?.extensions?.code).toBe("FORBIDDEN");
      expect((await send(api.client())).errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
    expect(await snapshot()).toEqual(before);
    // Only the acknowledgement of receipt: no refused action wrote to the customer.
    expect(await updatesTo(api.db.prisma, before.customerId)).toEqual([]);
  });
});
