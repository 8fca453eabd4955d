import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { registerCustomer, signInStaff } from "../../test-support/fixtures.js";
import { WHO } from "../../test-support/staff-accounts.js";

const HOUR = 60 * 60 * 1000;

describe.each(testDatabases)("idle staff sessions on $name", (kind) => {
  let api: TestApi;
  let now = new Date("2026-12-07T08:00:00Z");
  beforeAll(async () => {
    // The default: a working day (8 hours) without a request ends a staff session.
    api = await startTestApi(kind, { clock: () => new Date(now) });
  });
  afterAll(() => api?.close());

  const later = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };

  it("a staff session in use lasts; one left idle for a working day ends", async () => {
    expect(api.config.staffIdleMs).toBe(8 * HOUR);
    const staff = api.client();
    await signInStaff(api.db.prisma, staff, "SECURITY_OFFICER");
    const customer = api.client();
    await registerCustomer(customer);

    // Used every 7 hours, it stays signed in well past 8 hours from sign-in.
    for (let i = 0; i < 3; i++) {
      later(7 * HOUR);
      expect((await staff.gql(WHO)).data?.viewer.kind, `after ${(i + 1) * 7} h`).toBe("staff");
    }
    later(8 * HOUR + 60_000);
    expect((await staff.gql(WHO)).data?.viewer.kind).toBe("anonymous");
    // Customers' sessions are not held to the staff's idle limit.
    expect((await customer.gql(WHO)).data?.viewer.kind).toBe("customer");
  });
});
