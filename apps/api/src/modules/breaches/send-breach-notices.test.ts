import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  APPROVE,
  at,
  createCustomers,
  eraseEarlierCustomers,
  expectFiveHeadingsInOrder,
  NOTICE_IDS,
  noticesOf,
  recordedIncident,
  SEND,
} from "../../test-support/breach-incidents.js";
import { signInStaff } from "../../test-support/fixtures.js";

describe.each(testDatabases)("sending breach notices on $name", (kind) => {
  let api: TestApi;
  let officer: ApiClient;
  beforeAll(async () => {
    api = await startTestApi(kind);
    officer = api.client();
    await signInStaff(api.db.prisma, officer, "SECURITY_OFFICER");
  });
  afterAll(() => api?.close());
  beforeEach(() => eraseEarlierCustomers(api.db.prisma));

  it("[P-17] sending queues one PENDING outbox email per approved notice, linked to it, and marks them sent", async () => {
    const ids = await createCustomers(api.db.prisma, [
      { createdAt: at("2020-05-01") },
      { createdAt: at("2020-05-01") },
      { createdAt: at("2020-05-01") },
      { createdAt: at("2020-05-01"), erasedAt: at("2021-05-01") }, // erased since: no address
    ]);
    const incident = await recordedIncident(officer, {});
    expect(incident.affectedCustomers).toBe(4);

    await nothingApprovedSendsNothing(incident.id);
    await approveOneThenTheRest(incident.id, ids[0]);
    await sendQueuesAnEmailPerReachableNotice(incident.id);
    const emails = await expectEachSentNoticeLinkedToItsPendingEmail(incident.id, ids);
    await expectTheEmailShownForReviewIsTheOneQueued(incident.id, emails);

    // Sending again queues nothing twice.
    const again = await officer.gql(SEND, { id: incident.id });
    expect(again.data?.sendBreachNotices.queued).toBe(0);
    expect(await api.db.prisma.outboxEmail.count({ where: { customerId: { in: ids } } })).toBe(3);
  });

  async function nothingApprovedSendsNothing(incidentId: string) {
    const early = await officer.gql(SEND, { id: incidentId });
    expect(early.errors).toEqual([]);
    expect(early.data?.sendBreachNotices.queued).toBe(0);
  }

  async function approveOneThenTheRest(incidentId: string, customerId: string | undefined) {
    const drafts = (await officer.gql(NOTICE_IDS, { id: incidentId, first: 100 })).data
      ?.breachIncident.notices;
    if (!drafts) throw new Error("no notices");
    const first = drafts.find((n) => n.customerId === customerId);
    const one = await officer.gql(APPROVE, { id: incidentId, noticeIds: [first?.id ?? ""] });
    expect(one.data?.approveBreachNotices).toEqual({
      draftNotices: 3,
      approvedNotices: 1,
      sentNotices: 0,
    });
    const all = await officer.gql(APPROVE, { id: incidentId });
    expect(all.data?.approveBreachNotices).toEqual({
      draftNotices: 0,
      approvedNotices: 4,
      sentNotices: 0,
    });
  }

  /** The erased customer has no address: their notice stays approved, unsent. */
  async function sendQueuesAnEmailPerReachableNotice(incidentId: string) {
    const sent = await officer.gql(SEND, { id: incidentId });
    expect(sent.errors).toEqual([]);
    expect(sent.data?.sendBreachNotices).toEqual({
      queued: 3,
      unreachable: 1,
      incident: { status: "NOTIFYING", approvedNotices: 1, sentNotices: 3 },
    });
  }

  async function expectEachSentNoticeLinkedToItsPendingEmail(incidentId: string, ids: string[]) {
    const notices = await api.db.prisma.breachNotice.findMany({
      where: { incidentId },
      include: { email: true, customer: { select: { email: true, erasedAt: true } } },
    });
    const emails = await api.db.prisma.outboxEmail.findMany({
      where: { customerId: { in: ids } },
    });
    expect(emails).toHaveLength(3);
    for (const notice of notices) {
      if (notice.customer.erasedAt) {
        expect(notice.status).toBe("APPROVED");
        expect(notice.emailId).toBeNull();
        continue;
      }
      expect(notice.status).toBe("SENT");
      expect(notice.email).toMatchObject({
        kind: "BREACH_NOTICE",
        status: "PENDING",
        customerId: notice.customerId,
        toAddress: notice.customer.email,
      });
      const body = notice.email?.textBody ?? "";
      expectFiveHeadingsInOrder(body);
      expect(body).toContain(notice.whatInfo);
      expect(body).toContain(notice.whatYouCanDo);
    }
    expect(new Set(notices.map((n) => n.emailId).filter(Boolean))).toEqual(
      new Set(emails.map((e) => e.id)),
    );
    return emails;
  }

  async function expectTheEmailShownForReviewIsTheOneQueued(
    incidentId: string,
    emails: Array<{ id: string; textBody: string }>,
  ) {
    const reviewed = await noticesOf(officer, incidentId);
    for (const notice of reviewed.filter((n) => n.status === "SENT")) {
      expect(notice.emailStatus).toBe("PENDING");
      const email = emails.find((e) => e.id === notice.emailId);
      expect(email?.textBody).toBe(notice.text);
    }
  }
});
