/**
 * Closing a breach incident over HTTP (P-17): allowed once every affected customer who can be
 * written to was sent a notice, or when nobody was affected; refused, with a typed error and
 * plain words, while notices are drafts, approved but unsent, or not yet drafted. Offered in
 * `actions` exactly when allowed, recorded in the staff action log, and final: a closed incident
 * takes no more notices.
 */
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  APPROVE,
  at,
  createCustomers,
  eraseEarlierCustomers,
  recordedIncident,
  SEND,
} from "../../test-support/breach-incidents.js";
import { signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import { actionsOf } from "../../test-support/staff-accounts.js";

const CLOSE = graphql(`
  mutation BreachCloseIncident($id: ID!) {
    closeBreachIncident(incidentId: $id) { id status actions }
  }
`);
const ACTIONS = graphql(`
  query BreachIncidentActions($id: ID!) {
    breachIncident(id: $id) { status actions }
  }
`);
const REDRAFT = graphql(`
  mutation BreachRedraftAfterClosing($id: ID!) {
    draftBreachNotices(incidentId: $id) { id }
  }
`);

describe.each(testDatabases)("closing a breach incident on $name", (kind) => {
  let api: TestApi;
  let officer: ApiClient;
  let officerId: string;
  let agent: ApiClient;
  beforeAll(async () => {
    api = await startTestApi(kind);
    officer = api.client();
    officerId = (await signInStaff(api.db.prisma, officer, "SECURITY_OFFICER")).id;
    agent = api.client();
    await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT");
  });
  afterAll(() => api?.close());
  beforeEach(() => eraseEarlierCustomers(api.db.prisma));

  const actionsNow = async (id: string) =>
    (await officer.gql(ACTIONS, { id })).data?.breachIncident.actions ?? [];
  const refusedWith = async (id: string, message: string) => {
    const result = await officer.gql(CLOSE, { id });
    expect(result.data).toBeNull();
    expect(result.errors[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "incidentId",
      reason: "NOT_ALLOWED_IN_STATE",
    });
    expect(result.errors[0]?.message).toBe(message);
  };

  it("[P-17] refuses while notices are drafts or unsent, then closes once they are sent", async () => {
    await createCustomers(api.db.prisma, [
      { createdAt: at("2020-05-01") },
      { createdAt: at("2020-05-01") },
      // Erased since: their approved notice can never be sent, and does not hold closing up.
      { createdAt: at("2020-05-01"), erasedAt: at("2021-05-01") },
    ]);
    const incident = await recordedIncident(officer, {});
    expect(incident.draftNotices).toBe(3);
    expect(await actionsNow(incident.id)).not.toContain("CLOSE");
    await refusedWith(
      incident.id,
      "Some notices are still drafts. Approve and send them (or redraft them) before closing the incident.",
    );

    await officer.gql(APPROVE, { id: incident.id });
    expect(await actionsNow(incident.id)).not.toContain("CLOSE");
    await refusedWith(
      incident.id,
      "Some approved notices have not been sent yet. Send them before closing the incident.",
    );

    const sent = await officer.gql(SEND, { id: incident.id });
    expect(sent.data?.sendBreachNotices).toMatchObject({ queued: 2, unreachable: 1 });
    expect(await actionsNow(incident.id)).toContain("CLOSE");

    const closed = await officer.gql(CLOSE, { id: incident.id });
    expect(closed.errors).toEqual([]);
    expect(closed.data?.closeBreachIncident).toEqual({
      id: incident.id,
      status: "CLOSED",
      actions: [],
    });
    const row = await api.db.prisma.breachIncident.findUniqueOrThrow({
      where: { id: incident.id },
    });
    expect(row.status).toBe("CLOSED");

    // Closed is final: closing again, or drafting more, is refused in words.
    await refusedWith(incident.id, "The incident is already closed.");
    const redraft = await officer.gql(REDRAFT, { id: incident.id });
    expect(redraft.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT" });

    // The staff action log holds the refusals and the closing, in order.
    const log = (await actionsOf(api.db.prisma, officerId)).filter((a) =>
      a.startsWith("closeBreachIncident"),
    );
    expect(log).toEqual([
      "closeBreachIncident ATTEMPTED",
      "closeBreachIncident FAILED",
      "closeBreachIncident ATTEMPTED",
      "closeBreachIncident FAILED",
      "closeBreachIncident ATTEMPTED",
      "closeBreachIncident SUCCEEDED",
      "closeBreachIncident ATTEMPTED",
      "closeBreachIncident FAILED",
    ]);
  });

  it("[P-17] closes an incident that affected nobody: no notice is required", async () => {
    const incident = await recordedIncident(officer, {
      windowStart: "2019-01-01T00:00:00Z",
      windowEnd: "2019-02-01T00:00:00Z",
    });
    expect(incident.affectedCustomers).toBe(0);
    expect(await actionsNow(incident.id)).toContain("CLOSE");
    const closed = await officer.gql(CLOSE, { id: incident.id });
    expect(closed.data?.closeBreachIncident.status).toBe("CLOSED");
  });

  it("[P-17] refuses to close before affected customers were notified", async () => {
    await createCustomers(api.db.prisma, [{ createdAt: at("2020-05-01") }]);
    const incident = await recordedIncident(officer, {});
    // Without drafts (deleted, as if drafting had not run yet): the affected count is from the data.
    await api.db.prisma.breachNotice.deleteMany({ where: { incidentId: incident.id } });
    await refusedWith(
      incident.id,
      "Customers affected by this incident have not been notified yet. Draft, approve and send their notices before closing it.",
    );
  });

  it("refuses a role outside the breach team, and an incident that does not exist", async () => {
    const incident = await recordedIncident(officer, {
      windowStart: "2019-01-01T00:00:00Z",
      windowEnd: "2019-02-01T00:00:00Z",
    });
    const forbidden = await agent.gql(CLOSE, { id: incident.id });
    expect(forbidden.errors[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    const missing = await officer.gql(CLOSE, { id: "0195f3c2-7a10-7000-8000-000000000000" });
    expect(missing.errors[0]?.extensions).toMatchObject({ code: "NOT_FOUND" });
    expect(missing.errors[0]?.message).not.toMatch(/\bid\b/);
    const malformed = await officer.gql(CLOSE, { id: "not-an-id" });
    expect(malformed.errors[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "incidentId",
    });
  });
});
