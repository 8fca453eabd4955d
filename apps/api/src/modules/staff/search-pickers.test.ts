/**
 * The console's pickers for staff, processors and legal requests, over HTTP: each finds by any
 * part of a name (or an authority, a reference), and only the roles the permission table lists
 * may search (the staff guard's own test sends every role to every operation; here the refusals
 * that matter to these forms are shown by name).
 */
import { randomUUID } from "node:crypto";
import { testDatabases } from "@privet/db/testing";
import type { StaffRole } from "@privet/domain/principals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import { createStaff, signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

const STAFF = graphql(`
  query PickStaff($text: String!) { searchStaff(text: $text) { id name role } }
`);
const PROCESSORS = graphql(`
  query PickProcessor($text: String!) { searchProcessors(text: $text) { id name kind } }
`);
const LEGAL_REQUESTS = graphql(`
  query PickLegalRequest($text: String!, $openOnly: Boolean) {
    searchLegalRequests(text: $text, openOnly: $openOnly) { id authority reference status }
  }
`);

describe.each(testDatabases)("the staff, processor and legal-request pickers on $name", (kind) => {
  let api: TestApi;
  const token = `Zw${randomUUID().slice(0, 6)}`;
  const staff = new Map<StaffRole, ApiClient>();
  const as = (role: StaffRole) => staff.get(role) as ApiClient;
  let engineerId: string;
  let processorId: string;
  let openRequestId: string;
  let closedRequestId: string;

  beforeAll(async () => {
    api = await startTestApi(kind);
    const { prisma } = api.db;
    for (const role of ["SECURITY_OFFICER", "AUDITOR", "SUPPORT_AGENT", "ADMINISTRATOR"] as const) {
      const client = api.client();
      await signInStaff(prisma, client, role);
      staff.set(role, client);
    }
    const engineer = await createStaff(prisma, "SECURITY_OFFICER");
    engineerId = (
      await prisma.staffUser.update({ where: { id: engineer.id }, data: { name: `Lin ${token}` } })
    ).id;
    const gone = await createStaff(prisma, "SECURITY_OFFICER");
    await prisma.staffUser.update({
      where: { id: gone.id },
      data: { name: `Former ${token}`, disabledAt: new Date() },
    });
    processorId = (
      await prisma.processor.create({
        data: {
          name: `Mailer ${token}`,
          kind: "EMAIL_SERVICE",
          region: "EU — Ireland",
          country: "IE",
          description: "Sends email.",
        },
      })
    ).id;
    const request = (reference: string, status: "OPEN" | "CLOSED") =>
      prisma.legalRequest.create({
        data: {
          kind: "COURT_ORDER",
          authority: `Court of ${token}`,
          reference,
          receivedAt: new Date("2026-11-01T00:00:00Z"),
          categories: ["user.contact.email"],
          status,
          createdById: engineer.id,
        },
      });
    openRequestId = (await request("CO-OPEN-1", "OPEN")).id;
    closedRequestId = (await request("CO-CLOSED-2", "CLOSED")).id;
  });
  afterAll(() => api?.close());

  it("finds active staff members by part of their name, leaving disabled accounts out", async () => {
    const result = await as("SECURITY_OFFICER").gql(STAFF, { text: token.toLowerCase() });
    expect(result.errors).toEqual([]);
    expect(result.data?.searchStaff).toEqual([
      { id: engineerId, name: `Lin ${token}`, role: "SECURITY_OFFICER" },
    ]);
  });

  it("lets auditors choose a staff member, and refuses support agents and administrators", async () => {
    expect((await as("AUDITOR").gql(STAFF, { text: token })).data?.searchStaff).toHaveLength(1);
    for (const role of ["SUPPORT_AGENT", "ADMINISTRATOR"] as const) {
      const refused = await as(role).gql(STAFF, { text: token });
      expect(refused.errors[0]?.extensions?.code, role).toBe("FORBIDDEN");
      expect(refused.data?.searchStaff, role).toBeUndefined();
    }
  });

  it("finds processors by part of their name for key managers and audit readers", async () => {
    for (const role of ["ADMINISTRATOR", "AUDITOR", "SECURITY_OFFICER"] as const) {
      const result = await as(role).gql(PROCESSORS, { text: `mailer ${token}` });
      expect(result.data?.searchProcessors, role).toEqual([
        { id: processorId, name: `Mailer ${token}`, kind: "EMAIL_SERVICE" },
      ]);
    }
    const refused = await as("SUPPORT_AGENT").gql(PROCESSORS, { text: token });
    expect(refused.errors[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("[P-11] finds legal requests by authority or reference, open ones only when asked", async () => {
    const all = await as("AUDITOR").gql(LEGAL_REQUESTS, { text: token });
    expect(all.data?.searchLegalRequests.map((r) => r.id).sort()).toEqual(
      [openRequestId, closedRequestId].sort(),
    );
    const open = await as("SECURITY_OFFICER").gql(LEGAL_REQUESTS, {
      text: "co-open",
      openOnly: true,
    });
    expect(open.data?.searchLegalRequests.map((r) => r.id)).toContain(openRequestId);
    expect(open.data?.searchLegalRequests.map((r) => r.id)).not.toContain(closedRequestId);
    const refused = await as("SUPPORT_AGENT").gql(LEGAL_REQUESTS, { text: token });
    expect(refused.errors[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
