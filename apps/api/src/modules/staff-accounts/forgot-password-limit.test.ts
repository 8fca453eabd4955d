import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { createStaff, uniqueEmail } from "../../test-support/fixtures.js";
import { FORGOT, outcome } from "../../test-support/staff-accounts.js";

const LIMITS = { perIp: 3, registrationsPerIp: 5, failuresBeforeDelay: 5, perDevice: 10 };

describe.each(testDatabases)("'forgot your password' is rate-limited per IP on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind, { attemptLimits: LIMITS });
  });
  afterAll(() => api?.close());

  it("past the per-IP limit, a member's address and an unknown one are refused alike, and nothing is sent", async () => {
    const member = await createStaff(api.db.prisma, "SUPPORT_AGENT");
    const nobody = uniqueEmail("nobody");
    for (let i = 0; i < LIMITS.perIp; i++) {
      const asked = await api.client().gql(FORGOT, { email: i % 2 ? nobody : member.email });
      expect(outcome(asked)).toBe("OK");
    }
    const sentBefore = await api.db.prisma.outboxEmail.count({
      where: { toAddress: member.email },
    });
    const known = await api.client().gql(FORGOT, { email: member.email });
    const unknown = await api.client().gql(FORGOT, { email: nobody });
    expect(outcome(known)).toBe("RATE_LIMITED");
    expect(known.errors[0]?.message).toBe(unknown.errors[0]?.message);
    expect(outcome(unknown)).toBe("RATE_LIMITED");
    expect(await api.db.prisma.outboxEmail.count({ where: { toAddress: member.email } })).toBe(
      sentBefore,
    );
  });
});
