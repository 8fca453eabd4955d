import { testDatabases } from "@privet/db/testing";
import {
  ccpaConfirmBy,
  ccpaDueDate,
  daysLeft,
  gdprDueDate,
  optOutHonourBy,
} from "@privet/domain/clocks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import { registerCustomer, signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import type {
  PrivacyRequestKind,
  SubmitPrivacyRequestInput,
} from "../../test-support/generated/graphql.js";

const SUBMIT = graphql(`
  mutation Submit($input: SubmitPrivacyRequestInput!) {
    submitPrivacyRequest(input: $input) {
      id kind status jurisdiction details receivedAt dueAt confirmBy extendedAt daysLeft
    }
  }
`);
const MINE = graphql(`
  query Mine {
    me { privacyRequests { id kind status details daysLeft } }
  }
`);
const STAFF_READ = graphql(`
  query PrivacyRequestsOfAnother($id: ID!) @purpose(name: SUPPORT, ref: "T-9") {
    customer(id: $id) { id privacyRequests { id } }
  }
`);
const KINDS = ["ACCESS", "DELETION", "CORRECTION", "STOP_SHARING"] as const;

const iso = (date: Date) => date.toISOString();

describe.each(testDatabases)("privacy requests on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  async function submit(client: ApiClient, input: SubmitPrivacyRequestInput) {
    return client.gql(SUBMIT, { input });
  }

  /** submit, which must succeed. */
  async function submitted(client: ApiClient, input: SubmitPrivacyRequestInput) {
    const result = await submit(client, input);
    expect(result.errors, input.kind).toEqual([]);
    const request = result.data?.submitPrivacyRequest;
    if (!request) throw new Error("no request");
    return request;
  }

  it("a California customer files each kind: 45 days and receipt confirmed within 10 business days; an opt-out of sharing honoured within 15", async () => {
    const client = api.client();
    const customer = await registerCustomer(client, { country: "US", region: "CA" });
    for (const requestKind of KINDS) {
      const request = await submitted(client, {
        kind: requestKind,
        details: "  About my account.  ",
      });
      const received = new Date(request.receivedAt);
      const optOut = requestKind === "STOP_SHARING";
      expect(request, requestKind).toMatchObject({
        kind: requestKind,
        status: "RECEIVED",
        jurisdiction: "CCPA",
        details: "About my account.",
        dueAt: iso(optOut ? optOutHonourBy(received) : ccpaDueDate(received)),
        confirmBy: optOut ? null : iso(ccpaConfirmBy(received)),
        extendedAt: null,
      });
      if (!optOut) expect(request.daysLeft).toBe(45);
      expect(request.daysLeft).toBe(daysLeft(new Date(request.dueAt), received));
      // Stored as answered, against the customer.
      const row = await api.db.prisma.privacyRequest.findUniqueOrThrow({
        where: { id: request.id },
      });
      expect(row).toMatchObject({
        customerId: customer.id,
        kind: requestKind,
        jurisdiction: "CCPA",
        dueAt: new Date(request.dueAt),
      });
    }
  });

  it("under the GDPR every kind is due one calendar month after receipt, with no confirmation date", async () => {
    const client = api.client();
    await registerCustomer(client, { country: "DE", region: null });
    for (const requestKind of KINDS) {
      const request = await submitted(client, { kind: requestKind });
      const received = new Date(request.receivedAt);
      expect(request, requestKind).toMatchObject({
        jurisdiction: "GDPR",
        details: "",
        dueAt: iso(gdprDueDate(received)),
        confirmBy: null,
        // 28 to 31 days, by the month.
        daysLeft: daysLeft(gdprDueDate(received), received),
      });
      expect(request.daysLeft).toBeGreaterThanOrEqual(28);
      expect(request.daysLeft).toBeLessThanOrEqual(31);
    }
  });

  it("lists a customer's own requests newest first, to them only: another customer and staff never see them", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const ids: string[] = [];
    for (const requestKind of ["ACCESS", "CORRECTION", "DELETION"] as const) {
      const result = await submit(client, { kind: requestKind, details: `Please: ${requestKind}` });
      ids.push(result.data?.submitPrivacyRequest.id ?? "");
    }
    const other = api.client();
    await registerCustomer(other);
    await submit(other, { kind: "ACCESS", details: "Someone else's" });

    const mine = await client.gql(MINE);
    expect(mine.errors).toEqual([]);
    expect(mine.data?.me?.privacyRequests?.map((r) => [r.id, r.kind, r.details])).toEqual([
      [ids[2], "DELETION", "Please: DELETION"],
      [ids[1], "CORRECTION", "Please: CORRECTION"],
      [ids[0], "ACCESS", "Please: ACCESS"],
    ]);

    // Staff reading the customer, even under a purpose, get the rest of the record but not these.
    const agent = api.client();
    await signInStaff(api.db.prisma, agent, "PRIVACY_OFFICER");
    const staffRead = await agent.gql(STAFF_READ, { id: customer.id });
    expect(staffRead.data?.customer).toEqual({ id: customer.id, privacyRequests: null });
    expect(staffRead.errors[0]?.extensions).toMatchObject({
      code: "FORBIDDEN",
      reason: "NOT_OWNER",
    });
  });

  it("refuses an anonymous visitor, an unknown kind, oversize details and a card number, with a code, storing nothing", async () => {
    const count = () => api.db.prisma.privacyRequest.count();
    const before = await count();

    const anonymous = await submit(api.client(), { kind: "ACCESS" });
    expect(anonymous.errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(anonymous.data).toBeNull();
    const staff = api.client();
    await signInStaff(api.db.prisma, staff, "PRIVACY_OFFICER");
    expect((await submit(staff, { kind: "ACCESS" })).errors[0]?.extensions?.code).toBe(
      "UNAUTHENTICATED",
    );

    const client = api.client();
    await registerCustomer(client);
    // Not a kind: sent as it is on purpose.
    const unknownKind = await submit(client, { kind: "SELL_MY_DATA" as PrivacyRequestKind });
    expect(unknownKind.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");

    const oversize = await submit(client, { kind: "ACCESS", details: "x".repeat(2001) });
    expect(oversize.errors[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "details",
    });
    const control = await submit(client, { kind: "ACCESS", details: "line\u0000break" });
    expect(control.errors[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "details",
    });

    for (const details of [
      "My card is 4111 1111 1111 1111",
      "card 4111-1111-1111-1111 exp 12/30",
    ]) {
      const card = await submit(client, { kind: "DELETION", details });
      expect(card.errors[0]?.extensions).toMatchObject({
        code: "CARD_NUMBER_REJECTED",
        field: "details",
      });
      expect(card.errors[0]?.message).not.toContain("4111");
    }
    expect(await count()).toBe(before);

    // At the limit it is accepted.
    const longest = await submit(client, { kind: "ACCESS", details: "x".repeat(2000) });
    expect(longest.errors).toEqual([]);
    expect(await count()).toBe(before + 1);
  });
});
