import { testDatabases } from "@privet/db/testing";
import { gppStringFor } from "@privet/domain/gpp";
import type { Purpose } from "@privet/domain/purposes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import { accessEventsOf, createPartner, registerCustomer } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import { type Partner, partnerClient, SET_CONSENT } from "../../test-support/partner-subjects.js";

const GPP_PAGE = graphql(`
  query PartnerGppPage($purpose: Purpose!) @purpose(name: $purpose, ref: "GPP-1") {
    partnerSubjects(first: 500) { nodes { id gpp } }
  }
`);

async function gppOf(partner: Partner, purpose: Purpose, customerId: string) {
  const page = await partner.client.gql(GPP_PAGE, { purpose });
  expect(page.errors).toEqual([]);
  const node = page.data?.partnerSubjects.nodes.find((n) => n.id === partner.idOf(customerId));
  if (!node) throw new Error("the subject is not on the page");
  return { gpp: node.gpp, page };
}

describe.each(testDatabases)("the GPP string handed to partners on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  async function aCustomerWhoGaveAdvertising(): Promise<{ client: ApiClient; id: string }> {
    const client = api.client();
    const { id } = await registerCustomer(client);
    const given = await client.gql(SET_CONSENT, { purpose: "REMARKETING", state: "GIVEN" });
    expect(given.errors).toEqual([]);
    return { client, id };
  }

  it("[P-15] the advertising partner gets each subject's GPP string, which turns to opted out when consent is withdrawn", async () => {
    const { processor, apiKey } = await createPartner(api.db.prisma, {
      kind: "ADVERTISING",
      purposes: ["REMARKETING"],
      categories: ["user.device.cookie_id", "user.behavior.navigation"],
    });
    const partner = partnerClient(api, processor, apiKey);
    const person = await aCustomerWhoGaveAdvertising();

    const before = await gppOf(partner, "REMARKETING", person.id);
    expect(before.gpp).toBe(gppStringFor({ REMARKETING: "GIVEN" }, false));
    const reads = await accessEventsOf(api.db.prisma, before.page);
    expect(reads).toContainEqual(
      expect.objectContaining({
        subjectId: person.id,
        category: "consent.choice",
        fieldPath: "partnerSubjects.gpp",
      }),
    );

    const withdrawn = await person.client.gql(SET_CONSENT, {
      purpose: "REMARKETING",
      state: "WITHDRAWN",
    });
    expect(withdrawn.errors).toEqual([]);
    const after = await gppOf(partner, "REMARKETING", person.id);
    expect(after.gpp).toBe(gppStringFor({ REMARKETING: "WITHDRAWN" }, false));
    expect(after.gpp).not.toBe(before.gpp);
  });

  it("[P-15] a subject whose browser sent GPC carries the GPC flag to the advertising partner", async () => {
    const { processor, apiKey } = await createPartner(api.db.prisma, {
      kind: "ADVERTISING",
      purposes: ["REMARKETING"],
      categories: ["user.device.cookie_id"],
    });
    const partner = partnerClient(api, processor, apiKey);
    const person = await aCustomerWhoGaveAdvertising();
    const signalled = await person.client.gql(
      SET_CONSENT,
      { purpose: "MARKETING", state: "GIVEN" },
      {
        headers: { "sec-gpc": "1" },
      },
    );
    expect(signalled.errors).toEqual([]);
    expect((await gppOf(partner, "REMARKETING", person.id)).gpp).toBe(
      gppStringFor({ REMARKETING: "WITHDRAWN" }, true),
    );
  });

  it("a processor whose agreement does not cover advertising gets no GPP string", async () => {
    const { processor, apiKey } = await createPartner(api.db.prisma, {
      kind: "EMAIL_SERVICE",
      purposes: ["MARKETING"],
      categories: ["user.contact.email"],
    });
    const partner = partnerClient(api, processor, apiKey);
    const person = await aCustomerWhoGaveAdvertising();
    expect((await gppOf(partner, "MARKETING", person.id)).gpp).toBeNull();
  });
});
