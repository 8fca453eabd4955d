import { verifyConsentLedger } from "@privet/db/ledger";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient, TestApi } from "../../test-support/api.js";
import { registerCustomer } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import {
  FULFIL,
  startQueueApi,
  submitRequest,
  VERIFY,
} from "../../test-support/privacy-request-queue.js";

const GIVE_REMARKETING = graphql(`
  mutation StopSharingGiveRemarketing {
    setConsent(purpose: REMARKETING, state: GIVEN) { state }
  }
`);

describe.each(testDatabases)("fulfilling a request to stop sharing on $name", (kind) => {
  let api: TestApi;
  let officer: ApiClient;
  beforeAll(async () => {
    ({ api, officer } = await startQueueApi(kind));
  });
  afterAll(() => api?.close());

  it("[P-05] stop sharing withdraws advertising consent through the ledger, on the customer's request", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const given = await client.gql(GIVE_REMARKETING);
    expect(given.errors).toEqual([]);
    const submitted = await submitRequest(client, "STOP_SHARING");
    await officer.gql(VERIFY, { id: submitted.id });
    const fulfilled = await officer.gql(FULFIL, { id: submitted.id });
    expect(fulfilled.errors).toEqual([]);
    expect(JSON.parse(fulfilled.data?.fulfilPrivacyRequest.outcome ?? "{}")).toMatchObject({
      kind: "STOP_SHARING",
      remarketing: "WITHDRAWN",
    });
    const current = await api.db.prisma.consentCurrent.findFirstOrThrow({
      where: { subjectKind: "CUSTOMER", subjectId: customer.id, purpose: "REMARKETING" },
    });
    expect(current.state).toBe("WITHDRAWN");
    const latest = await api.db.prisma.consentEvent.findFirstOrThrow({
      where: { subjectKind: "CUSTOMER", subjectId: customer.id, purpose: "REMARKETING" },
      orderBy: { sequence: "desc" },
    });
    expect(latest).toMatchObject({ state: "WITHDRAWN", source: "STAFF_ON_REQUEST" });
    expect(
      (
        await verifyConsentLedger(api.db.prisma, {
          subjectKind: "CUSTOMER",
          subjectId: customer.id,
        })
      ).ok,
    ).toBe(true);
  });
});
