import { testDatabases } from "@privet/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient, TestApi } from "../../test-support/api.js";
import { startTestApi } from "../../test-support/api.js";
import { createPartner, registerCustomer, signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import { partnerClient, readPage } from "../../test-support/partner-subjects.js";
import { FULFIL, submitRequest, VERIFY } from "../../test-support/privacy-request-queue.js";
import {
  DISABLE_ENDPOINT,
  deliverNow,
  type Endpoint,
  endpointFor,
  movableClock,
} from "../../test-support/webhooks.js";
import { subjectPseudonym } from "../partners/public.js";

const REVOKE = graphql(`
  mutation WebhookRevokeKey($id: ID!) {
    revokePartnerApiKey(id: $id) { id prefix revokedAt }
  }
`);

const DAY = 86_400_000;

describe.each(testDatabases)("events told to processors on $name", (kind) => {
  const clock = movableClock();
  let api: TestApi;
  let admin: ApiClient;
  let officer: ApiClient;
  beforeAll(async () => {
    api = await startTestApi(kind, { clock: clock.now });
    ({ admin, officer } = await staffSignedIn());
  });
  afterAll(() => api?.close());

  const endpoints: Endpoint[] = [];
  afterEach(async () => {
    for (const endpoint of endpoints.splice(0)) {
      await admin.gql(DISABLE_ENDPOINT, { id: endpoint.id });
      await endpoint.receiver.stop();
    }
  });

  /** Staff sessions end after 8 idle hours: tests that move the clock by days sign in again. */
  async function staffSignedIn() {
    const admin = api.client();
    await signInStaff(api.db.prisma, admin, "ADMINISTRATOR");
    const officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
    return { admin, officer };
  }

  async function aProcessor(purposes: Array<"MARKETING" | "SUPPORT"> | null, validUntil?: Date) {
    const { processor, apiKey } = await createPartner(
      api.db.prisma,
      purposes ? { purposes, categories: ["user.contact.email"], validUntil } : null,
    );
    const endpoint = await endpointFor(admin, processor.id);
    endpoints.push(endpoint);
    return { id: processor.id, apiKey, endpoint };
  }

  const pseudonym = (processorId: string, customerId: string) =>
    subjectPseudonym(processorId, customerId, api.config.hashKey);

  const eventsOf = (endpoint: Endpoint, type: string) =>
    endpoint.receiver.received.filter((r) => r.payload.type === type);

  it("an erasure reaches every processor that received the person's data, each by its own pseudonym", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    // Read the person under its agreement, which has since ended: it still holds their data.
    const reader = await aProcessor(["MARKETING"]);
    const page = await readPage(partnerClient(api, { id: reader.id }, reader.apiKey), "MARKETING");
    expect(page.bySubject.get(customer.id)?.node.email).toBe(customer.email);
    await api.db.prisma.processorAgreement.updateMany({
      where: { processorId: reader.id },
      data: { terminatedAt: clock.now() },
    });
    clock.advance(1_000);
    // May read them at any time under an agreement in force.
    const inForce = await aProcessor(["SUPPORT"]);
    // Never had an agreement nor read anyone.
    const stranger = await aProcessor(null);
    await deliverNow(admin);

    const request = await submitRequest(client, "DELETION");
    expect((await officer.gql(VERIFY, { id: request.id })).errors).toEqual([]);
    expect((await officer.gql(FULFIL, { id: request.id })).errors).toEqual([]);
    await deliverNow(admin);

    for (const processor of [reader, inForce]) {
      const erased = eventsOf(processor.endpoint, "subject.erased");
      expect(erased).toHaveLength(1);
      expect(erased[0]?.verified).toBe(true);
      expect(erased[0]?.payload.data).toEqual({ subject: pseudonym(processor.id, customer.id) });
      expect(erased[0]?.body).not.toContain(customer.id);
      expect(erased[0]?.body).not.toContain(customer.email);
    }
    expect(eventsOf(stranger.endpoint, "subject.erased")).toEqual([]);
    // The ended agreement no longer covers marketing: its withdrawal is not the reader's news.
    expect(eventsOf(reader.endpoint, "consent.withdrawn")).toEqual([]);
  });

  it("a correction is told to the processors that may read the person, without what was corrected", async () => {
    const client = api.client();
    const customer = await registerCustomer(client);
    const inForce = await aProcessor(["SUPPORT"]);
    const request = await submitRequest(client, "CORRECTION", "My country is wrong.");
    await officer.gql(VERIFY, { id: request.id });
    const fulfilled = await officer.gql(FULFIL, { id: request.id, note: "Country set to FR." });
    expect(fulfilled.errors).toEqual([]);
    await deliverNow(admin);
    const [corrected, ...more] = eventsOf(inForce.endpoint, "subject.corrected");
    expect(more).toEqual([]);
    expect(corrected?.payload.data).toEqual({ subject: pseudonym(inForce.id, customer.id) });
    expect(corrected?.body).not.toContain("FR");
  });

  it("a revoked key is told once to its processor, by its prefix", async () => {
    const processor = await aProcessor(["SUPPORT"]);
    const key = await api.db.prisma.partnerApiKey.findFirstOrThrow({
      where: { processorId: processor.id },
    });
    expect((await admin.gql(REVOKE, { id: key.id })).errors).toEqual([]);
    expect((await admin.gql(REVOKE, { id: key.id })).errors).toEqual([]);
    await deliverNow(admin);
    const revoked = eventsOf(processor.endpoint, "api_key.revoked");
    expect(revoked).toHaveLength(1);
    expect(revoked[0]?.payload.data).toEqual({ apiKeyId: key.id, keyPrefix: key.prefix });
    expect(revoked[0]?.body).not.toContain(processor.apiKey);
  });

  it("[P-10] an agreement is announced once as lapsing two weeks before its end and once as lapsed, when the partner's reads are refused", async () => {
    const validUntil = new Date(clock.now().getTime() + 20 * DAY);
    const processor = await aProcessor(["MARKETING"], validUntil);
    const customer = await registerCustomer(api.client());
    const reference = (
      await api.db.prisma.processorAgreement.findFirstOrThrow({
        where: { processorId: processor.id },
      })
    ).reference;
    await deliverNow(admin);
    expect(eventsOf(processor.endpoint, "agreement.lapsing")).toEqual([]);

    clock.advance(7 * DAY);
    ({ admin } = await staffSignedIn());
    await deliverNow(admin);
    await deliverNow(admin);
    const lapsing = eventsOf(processor.endpoint, "agreement.lapsing");
    expect(lapsing).toHaveLength(1);
    expect(lapsing[0]?.payload.data).toEqual({
      agreement: reference,
      validUntil: validUntil.toISOString(),
    });

    clock.advance(14 * DAY);
    ({ admin, officer } = await staffSignedIn());
    await deliverNow(admin);
    await deliverNow(admin);
    expect(eventsOf(processor.endpoint, "agreement.lapsing")).toHaveLength(1);
    const lapsed = eventsOf(processor.endpoint, "agreement.lapsed");
    expect(lapsed).toHaveLength(1);
    expect(lapsed[0]?.payload).toMatchObject({
      type: "agreement.lapsed",
      data: { agreement: reference, validUntil: validUntil.toISOString() },
    });
    // What it was told holds: from its agreement's end it reads nothing.
    const partner = partnerClient(api, { id: processor.id }, processor.apiKey);
    const read = await readPage(partner, "MARKETING");
    expect(read.bySubject.get(customer.id)?.denied.email).toBe("AGREEMENT_EXPIRED");
  });
});
