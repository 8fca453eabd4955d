import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient, TestApi } from "../../test-support/api.js";
import { registerCustomer } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import {
  FULFIL,
  startQueueApi,
  submitRequest,
  updatesTo,
  VERIFY,
} from "../../test-support/privacy-request-queue.js";

const GIVE_MARKETING = graphql(`
  mutation AccessFulfilmentGiveMarketing {
    setConsent(purpose: MARKETING, state: GIVEN) { state }
  }
`);
const MY_DATA_EXPORT = graphql(`
  query AccessFulfilmentMyDataExport {
    myDataExport
  }
`);

describe.each(testDatabases)("fulfilling an access request on $name", (kind) => {
  let api: TestApi;
  let officer: ApiClient;
  beforeAll(async () => {
    ({ api, officer } = await startQueueApi(kind));
  });
  afterAll(() => api?.close());

  it("access request fulfilment produces the export the portal offers", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    await client.gql(GIVE_MARKETING);
    const submitted = await submitRequest(client, "ACCESS", "A copy of everything.");
    expect((await officer.gql(VERIFY, { id: submitted.id })).errors).toEqual([]);
    const portal = await client.gql(MY_DATA_EXPORT);
    expect(portal.errors).toEqual([]);
    const fulfilled = await officer.gql(FULFIL, { id: submitted.id });
    expect(fulfilled.errors).toEqual([]);

    const row = await api.db.prisma.privacyRequest.findUniqueOrThrow({
      where: { id: submitted.id },
    });
    const stored = row.outcome as { document: Record<string, unknown>; export: { sha256: string } };
    const comparable = (document: Record<string, unknown>) => ({
      ...document,
      exportedAt: null,
      sessions: (document.sessions as Array<Record<string, unknown>>).map((s) => ({
        ...s,
        current: null,
      })),
    });
    const portalDocument = JSON.parse(portal.data?.myDataExport ?? "{}");
    expect(comparable(stored.document)).toEqual(comparable(portalDocument));
    expect((stored.document.profile as { email: string }).email).toBe(customer.email);

    // Staff see the summary, never the export itself.
    const outcome = JSON.parse(fulfilled.data?.fulfilPrivacyRequest.outcome ?? "{}");
    expect(outcome).toMatchObject({ kind: "ACCESS", export: { sha256: stored.export.sha256 } });
    expect(outcome.document).toBeUndefined();
    expect(fulfilled.data?.fulfilPrivacyRequest.outcome).not.toContain(customer.email);
    // The customer is told where to find it; the mail carries no data from the export.
    const [mail, ...more] = await updatesTo(api.db.prisma, customer.id);
    expect(more).toEqual([]);
    expect(mail).toMatchObject({
      kind: "REQUEST_UPDATE",
      status: "PENDING",
      toAddress: customer.email,
    });
    expect(mail?.textBody).toMatch(/My data/);
    expect(mail?.textBody).not.toContain(customer.name);
  });
});
