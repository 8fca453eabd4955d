import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VISITOR_COOKIE } from "../../http/cookies.js";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  accessEventsOf,
  createPartner,
  type RegisteredCustomer,
  registerCustomer,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import {
  type Partner,
  partnerClient,
  readPage,
  SET_CONSENT,
} from "../../test-support/partner-subjects.js";
import { partnerPseudonym } from "./partner-pseudonym.js";

const PAGE_VIEW = graphql(`
  mutation AdvertisedPageView($path: String!) {
    recordPageView(path: $path)
  }
`);
const SET_CARD = graphql(`
  mutation AdvertisedCustomerCard($input: PaymentMethodInput!) {
    setPaymentMethod(input: $input) { id }
  }
`);

type Page = Awaited<ReturnType<typeof readPage>>;

describe.each(testDatabases)("the advertising network's view of subjects on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  const browse = async (client: ApiClient, paths: string[]) => {
    for (const path of paths) {
      const r = await client.gql(PAGE_VIEW, { path });
      expect(r.errors).toEqual([]);
    }
  };

  it("[P-05] the advertising network sees pseudonymous IDs and navigation of consenting subjects only, never name, email or card; after withdrawal it sees none", async () => {
    const { processor, apiKey } = await createPartner(api.db.prisma, {
      kind: "ADVERTISING",
      purposes: ["REMARKETING"],
      categories: ["user.device.cookie_id", "user.behavior.navigation"],
    });
    const people = await aliceAndBobConsentAndBrowseCarolDoesNot();
    const partner = partnerClient(api, processor, apiKey);
    const page = await readPage(partner, "REMARKETING");
    await expectPseudonymsAndNavigationOfTheConsentingOnly(page, processor.id, people);
    await afterAliceWithdrawsThePartnerSeesNoneOfHers(partner, people);
    expectTheAllowedReadsAudited(await accessEventsOf(api.db.prisma, page.result), people.bob);
  });

  async function aliceAndBobConsentAndBrowseCarolDoesNot() {
    const clients: ApiClient[] = [api.client(), api.client(), api.client()];
    const [aliceClient, bobClient, carolClient] = clients as [ApiClient, ApiClient, ApiClient];
    const alice = await registerCustomer(aliceClient);
    const bob = await registerCustomer(bobClient);
    const carol = await registerCustomer(carolClient); // never gives advertising consent
    for (const client of [aliceClient, bobClient]) {
      expect(
        (await client.gql(SET_CONSENT, { purpose: "REMARKETING", state: "GIVEN" })).errors,
      ).toEqual([]);
    }
    await browse(aliceClient, ["/shoes", "/shoes/red"]);
    await browse(bobClient, ["/hats"]);
    await browse(carolClient, ["/gloves"]); // recorded nowhere: no consent
    const card = await aliceClient.gql(SET_CARD, {
      input: {
        processorToken: "tok_test_alice",
        brand: "visa",
        last4: "4242",
        expiryMonth: 12,
        expiryYear: 2031,
      },
    });
    expect(card.errors).toEqual([]);
    return { alice, bob, carol, aliceClient };
  }

  async function expectPseudonymsAndNavigationOfTheConsentingOnly(
    page: Page,
    processorId: string,
    {
      alice,
      bob,
      carol,
      aliceClient,
    }: Awaited<ReturnType<typeof aliceAndBobConsentAndBrowseCarolDoesNot>>,
  ) {
    const a = page.bySubject.get(alice.id);
    const firstVisitor = await api.db.prisma.visitor.findFirst({
      where: { customerId: alice.id },
      orderBy: { createdAt: "asc" },
    });
    // A per-processor pseudonym of the browser's cookie, never the cookie itself.
    const cookie = aliceClient.cookies.get(VISITOR_COOKIE) ?? "";
    expect(firstVisitor?.cookieId).toBe(cookie);
    expect(a?.node.pseudonymousId).toBe(partnerPseudonym(processorId, cookie, api.config.hashKey));
    expect(a?.node.pseudonymousId).not.toContain(cookie);
    expect(a?.node.navigationEvents?.map((e) => e.path)).toEqual(["/shoes/red", "/shoes"]);
    expect(page.bySubject.get(bob.id)?.node.navigationEvents?.map((e) => e.path)).toEqual([
      "/hats",
    ]);
    for (const field of ["name", "email", "cardLast4", "country"] as const) {
      expect(a?.node[field]).toBeNull();
      expect(a?.denied[field]).toBe("PURPOSE_NOT_PERMITTED");
    }
    const c = page.bySubject.get(carol.id);
    expect(c?.node.navigationEvents).toBeNull();
    expect(c?.node.pseudonymousId).toBeNull();
    expect(c?.denied.navigationEvents).toBe("CONSENT_WITHDRAWN");
    const text = JSON.stringify(page.result);
    for (const secret of [
      alice.name,
      alice.email,
      bob.email,
      "4242",
      "/gloves",
      alice.id,
      bob.id,
    ]) {
      expect(text).not.toContain(secret);
    }
  }

  /** Alice withdraws: nothing new is recorded, and the partner sees none of her events. */
  async function afterAliceWithdrawsThePartnerSeesNoneOfHers(
    partner: Partner,
    {
      alice,
      bob,
      aliceClient,
    }: { alice: RegisteredCustomer; bob: RegisteredCustomer; aliceClient: ApiClient },
  ) {
    expect(
      (await aliceClient.gql(SET_CONSENT, { purpose: "REMARKETING", state: "WITHDRAWN" })).errors,
    ).toEqual([]);
    const late = await aliceClient.gql(PAGE_VIEW, { path: "/late" });
    expect(late.data?.recordPageView).toBe(false);
    const again = await readPage(partner, "REMARKETING");
    const a2 = again.bySubject.get(alice.id);
    expect(a2?.node.navigationEvents).toBeNull();
    expect(a2?.node.pseudonymousId).toBeNull();
    expect(a2?.denied.navigationEvents).toBe("CONSENT_WITHDRAWN");
    expect(JSON.stringify(again.result)).not.toContain("/shoes");
    expect(again.bySubject.get(bob.id)?.node.navigationEvents).toHaveLength(1);
    expect(
      await api.db.prisma.navigationEvent.count({ where: { path: { in: ["/late", "/gloves"] } } }),
    ).toBe(0);
  }

  /** The allowed reads are audited, one per field and subject, under REMARKETING. */
  function expectTheAllowedReadsAudited(
    events: Awaited<ReturnType<typeof accessEventsOf>>,
    bob: RegisteredCustomer,
  ) {
    const bobEvents = events.filter((e) => e.subjectId === bob.id && e.outcome === "ALLOWED");
    expect(bobEvents.map((e) => e.category).sort()).toEqual([
      "user.behavior.navigation",
      "user.device.cookie_id",
    ]);
    expect(
      bobEvents.every((e) => e.purpose === "REMARKETING" && e.reference === "CAMPAIGN-7"),
    ).toBe(true);
  }
});
