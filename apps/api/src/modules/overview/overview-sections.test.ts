/**
 * The overview's lists over HTTP: requests due this week and overdue, open breaches with their
 * 72-hour clocks, recent break-glass grants — each only for the roles whose areas hold it
 * (the permission table), and none of them naming or reading a customer.
 */
import type { ResultOf } from "@graphql-typed-document-node/core";
import { testDatabases } from "@privet/db/testing";
import type { StaffRole } from "@privet/domain/principals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { createStaff, registerCustomer, signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

const SECTIONS = graphql(`
  query OverviewSections {
    privacyOverview {
      requestsDue {
        overdue
        dueThisWeek
        requests { id kind status jurisdiction dueAt daysLeft }
      }
      openBreaches { id title discoveredAt authorityNoticeDue hoursLeft notifying }
      recentBreakGlassGrants { id reason startsAt expiresAt revokedAt active }
    }
  }
`);
const REQUEST_DELETION = graphql(`
  mutation OverviewSectionsRequestDeletion {
    submitPrivacyRequest(input: { kind: DELETION }) { id }
  }
`);

type Sections = ResultOf<typeof SECTIONS>["privacyOverview"];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(testDatabases)("the overview's lists on $name", (kind) => {
  let api: TestApi;
  let customerId: string;
  let overdueId: string;
  let dueSoonId: string;
  let laterId: string;
  let breachId: string;
  let grantId: string;

  beforeAll(async () => {
    api = await startTestApi(kind);
    const prisma = api.db.prisma;
    const customer = api.client();
    customerId = (await registerCustomer(customer)).id;
    const filed = async (dueInDays: number) => {
      const result = await customer.gql(REQUEST_DELETION);
      const id = result.data?.submitPrivacyRequest.id;
      if (!id) throw new Error(`request failed: ${result.errors[0]?.message}`);
      await prisma.privacyRequest.update({
        where: { id },
        data: { dueAt: new Date(Date.now() + dueInDays * DAY) },
      });
      return id;
    };
    overdueId = await filed(-3);
    dueSoonId = await filed(2);
    laterId = await filed(20);
    const now = Date.now();
    breachId = (
      await prisma.breachIncident.create({
        data: {
          title: `Overview breach ${now}`,
          description: "A test incident.",
          discoveredAt: new Date(now - 10 * HOUR - 60_000),
          windowStart: new Date(now - 5 * DAY),
          windowEnd: new Date(now - 4 * DAY),
          categories: ["user.contact.email"],
        },
      })
    ).id;
    const grantee = await createStaff(prisma, "SUPPORT_AGENT");
    const approver = await createStaff(prisma, "SECURITY_OFFICER");
    grantId = (
      await prisma.breakGlassGrant.create({
        data: {
          staffUserId: grantee.id,
          approvedById: approver.id,
          customerId,
          reason: "MALFUNCTION",
          incidentRef: "INC-1",
          justification: "Investigating a sync fault.",
          startsAt: new Date(now - HOUR),
          expiresAt: new Date(now + HOUR),
        },
      })
    ).id;
  });
  afterAll(() => api?.close());

  async function sectionsAs(role: StaffRole): Promise<{ sections: Sections; body: string }> {
    const staff = api.client();
    await signInStaff(api.db.prisma, staff, role);
    const result = await staff.gql(SECTIONS);
    expect(result.errors).toEqual([]);
    if (!result.data) throw new Error("no overview");
    return { sections: result.data.privacyOverview, body: JSON.stringify(result.data) };
  }

  it("gives a privacy officer the requests due this week and overdue, most urgent first", async () => {
    const { sections } = await sectionsAs("PRIVACY_OFFICER");
    const due = sections.requestsDue;
    if (!due) throw new Error("no requests due");
    const ids = due.requests.map((r) => r.id);
    expect(ids).toContain(overdueId);
    expect(ids).toContain(dueSoonId);
    expect(ids).not.toContain(laterId);
    expect(ids.indexOf(overdueId)).toBeLessThan(ids.indexOf(dueSoonId));
    const overdue = due.requests.find((r) => r.id === overdueId);
    expect(overdue).toMatchObject({ kind: "DELETION", status: "RECEIVED", daysLeft: -3 });
    expect(due.requests.find((r) => r.id === dueSoonId)?.daysLeft).toBe(2);
    expect(due.overdue).toBeGreaterThanOrEqual(1);
    expect(due.dueThisWeek).toBeGreaterThanOrEqual(1);
    expect(due.overdue + due.dueThisWeek).toBeGreaterThanOrEqual(due.requests.length);
  });

  it("gives the breach team each open breach with its 72-hour clock", async () => {
    for (const role of ["PRIVACY_OFFICER", "SECURITY_OFFICER"] as const) {
      const { sections } = await sectionsAs(role);
      const breach = sections.openBreaches?.find((b) => b.id === breachId);
      expect(breach, role).toBeDefined();
      const discovered = new Date(breach?.discoveredAt ?? 0).getTime();
      expect(new Date(breach?.authorityNoticeDue ?? 0).getTime()).toBe(discovered + 72 * HOUR);
      // Found 10 hours and a minute ago: 61 whole hours remain.
      expect(breach?.hoursLeft).toBe(61);
      expect(breach?.notifying).toBe(false);
    }
    await api.db.prisma.breachIncident.update({
      where: { id: breachId },
      data: { status: "CLOSED" },
    });
    const { sections } = await sectionsAs("SECURITY_OFFICER");
    expect(sections.openBreaches?.map((b) => b.id)).not.toContain(breachId);
    await api.db.prisma.breachIncident.update({
      where: { id: breachId },
      data: { status: "OPEN" },
    });
  });

  it("lists recent break-glass grants with why and until when, not whom they opened", async () => {
    const { sections, body } = await sectionsAs("AUDITOR");
    const grant = sections.recentBreakGlassGrants?.find((g) => g.id === grantId);
    expect(grant).toMatchObject({ reason: "MALFUNCTION", revokedAt: null, active: true });
    expect(body).not.toContain(customerId);
  });

  it("shows each role only the lists its areas hold", async () => {
    const seen = async (role: StaffRole) => {
      const { sections } = await sectionsAs(role);
      return {
        requestsDue: sections.requestsDue !== null,
        openBreaches: sections.openBreaches !== null,
        recentBreakGlassGrants: sections.recentBreakGlassGrants !== null,
      };
    };
    expect(await seen("PRIVACY_OFFICER")).toEqual({
      requestsDue: true,
      openBreaches: true,
      recentBreakGlassGrants: true,
    });
    expect(await seen("SECURITY_OFFICER")).toEqual({
      requestsDue: false,
      openBreaches: true,
      recentBreakGlassGrants: true,
    });
    expect(await seen("AUDITOR")).toEqual({
      requestsDue: false,
      openBreaches: false,
      recentBreakGlassGrants: true,
    });
    expect(await seen("ADMINISTRATOR")).toEqual({
      requestsDue: false,
      openBreaches: false,
      recentBreakGlassGrants: false,
    });
  });

  it("names no customer and adds nothing to anyone's access log", async () => {
    const before = await api.db.prisma.accessRecord.count();
    const { body } = await sectionsAs("PRIVACY_OFFICER");
    expect(body).not.toContain(customerId);
    expect(await api.db.prisma.accessRecord.count()).toBe(before);
  });
});
