import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { customerWithRecords, GRANT, inHours, REVOKE } from "../../test-support/break-glass.js";
import { createStaff, signInStaff } from "../../test-support/fixtures.js";
import type { GrantBreakGlassInput } from "../../test-support/generated/graphql.js";

describe.each(testDatabases)("granting break-glass access on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("refuses grants that break the rules, and writes none", async () => {
    const { customer } = await customerWithRecords(api);
    const approverClient = api.client();
    const approver = await signInStaff(api.db.prisma, approverClient, "SECURITY_OFFICER");
    const security = await createStaff(api.db.prisma, "SECURITY_OFFICER");
    const support = await createStaff(api.db.prisma, "SUPPORT_AGENT");
    const officer = await createStaff(api.db.prisma, "PRIVACY_OFFICER");
    const base: GrantBreakGlassInput = {
      staffUserId: security.id,
      customerId: customer.id,
      reason: "MALFUNCTION",
      incidentRef: "INC-1",
      justification: "Investigating a sync failure.",
      expiresAt: inHours(1),
    };
    const cases = await grantsThatBreakTheRules({
      customer: customer.id,
      officer: officer.id,
      security: security.id,
      support: support.id,
      approver: approver.id,
    });
    for (const [change, code, field] of cases) {
      const r = await approverClient.gql(GRANT, { input: { ...base, ...change } });
      expect(r.errors[0]?.extensions, JSON.stringify(change)).toMatchObject({
        code,
        ...(field ? { field } : {}),
      });
    }
    for (const role of ["SUPPORT_AGENT", "AUDITOR", "ADMINISTRATOR"] as const) {
      const client = api.client();
      await signInStaff(api.db.prisma, client, role);
      const r = await client.gql(GRANT, { input: base });
      expect(r.errors[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const anonymous = await api.client().gql(GRANT, { input: base });
    expect(anonymous.errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await api.db.prisma.breakGlassGrant.count({ where: { customerId: customer.id } })).toBe(
      0,
    );

    const missing = await approverClient.gql(REVOKE, {
      id: "00000000-0000-7000-8000-000000000000",
    });
    expect(missing.errors[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  /**
   * Each case: a change to a good grant, the code it is refused with and the field named. Two
   * legal requests to cite: a closed one about the customer, and an open one not about them.
   */
  async function grantsThatBreakTheRules(ids: {
    customer: string;
    officer: string;
    security: string;
    support: string;
    approver: string;
  }): Promise<Array<[Partial<GrantBreakGlassInput>, string, string?]>> {
    const closedRequest = await api.db.prisma.legalRequest.create({
      data: {
        kind: "GOVERNMENT_REQUEST",
        authority: "Agency",
        reference: `GR-${ids.customer.slice(0, 8)}`,
        receivedAt: new Date(),
        categories: ["user.held.other_individuals"],
        createdById: ids.officer,
        status: "CLOSED",
        subjects: { create: [{ customerId: ids.customer }] },
      },
    });
    const otherRequest = await api.db.prisma.legalRequest.create({
      data: {
        kind: "LEGAL_PROCESS",
        authority: "Agency",
        reference: `LP-${ids.customer.slice(0, 8)}`,
        receivedAt: new Date(),
        categories: ["user.held.other_individuals"],
        createdById: ids.officer,
      },
    });
    return [
      [{ incidentRef: null }, "BAD_USER_INPUT", "incidentRef"],
      [{ legalRequestId: otherRequest.id }, "BAD_USER_INPUT", "legalRequestId"],
      [{ expiresAt: inHours(-1) }, "BAD_USER_INPUT", "expiresAt"],
      [{ expiresAt: inHours(73) }, "BAD_USER_INPUT", "expiresAt"],
      [{ justification: "because" }, "BAD_USER_INPUT", "justification"],
      [{ staffUserId: ids.support }, "BAD_USER_INPUT", "staffUserId"],
      [{ staffUserId: "00000000-0000-7000-8000-000000000000" }, "BAD_USER_INPUT", "staffUserId"],
      [{ customerId: "00000000-0000-7000-8000-000000000000" }, "BAD_USER_INPUT", "customerId"],
      [{ staffUserId: ids.approver }, "FORBIDDEN"],
      [
        { reason: "LEGAL_REQUEST", staffUserId: ids.officer, incidentRef: null },
        "BAD_USER_INPUT",
        "legalRequestId",
      ],
      [
        { reason: "LEGAL_REQUEST", staffUserId: ids.officer, legalRequestId: closedRequest.id },
        "BAD_USER_INPUT",
        "legalRequestId",
      ],
      [
        { reason: "LEGAL_REQUEST", staffUserId: ids.officer, legalRequestId: otherRequest.id },
        "BAD_USER_INPUT",
        "legalRequestId",
      ],
      [
        { reason: "LEGAL_REQUEST", staffUserId: ids.security, legalRequestId: otherRequest.id },
        "BAD_USER_INPUT",
      ],
    ];
  }
});
