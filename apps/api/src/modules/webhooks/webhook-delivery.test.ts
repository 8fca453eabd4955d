import { testDatabases } from "@privet/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient, TestApi } from "../../test-support/api.js";
import { startTestApi } from "../../test-support/api.js";
import {
  captureOutput,
  createPartner,
  registerCustomer,
  signInStaff,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import {
  DISABLE_ENDPOINT,
  deliveriesOf,
  deliverNow,
  type Endpoint,
  endpointFor,
  movableClock,
  REPLAY,
} from "../../test-support/webhooks.js";
import { subjectPseudonym } from "../partners/public.js";
import { MAX_ATTEMPTS } from "./webhook-backoff.js";

const WITHDRAW_MARKETING = graphql(`
  mutation WebhookWithdrawMarketing {
    setConsent(purpose: MARKETING, state: WITHDRAWN) { state }
  }
`);
const BANNER = graphql(`
  mutation WebhookVisitorBanner($choices: [CookieChoiceInput!]!) {
    setCookieConsents(choices: $choices) { category state }
  }
`);
const OPTIONAL = ["PREFERENCES", "ANALYTICS", "ADVERTISING"] as const;

const HOUR = 3_600_000;

describe.each(testDatabases)("webhook deliveries on $name", (kind) => {
  const clock = movableClock();
  let api: TestApi;
  let admin: ApiClient;
  beforeAll(async () => {
    api = await startTestApi(kind, { clock: clock.now });
    admin = api.client();
    await signInStaff(api.db.prisma, admin, "ADMINISTRATOR");
    // Whatever earlier set-up queued (registrations' consents) goes out before each test.
    await deliverNow(admin);
  });
  afterAll(() => api?.close());

  // Each test's endpoints are disabled after it, so its leftovers (a receiver still refusing)
  // do not count in the next test's runs.
  const endpoints: Endpoint[] = [];
  afterEach(async () => {
    for (const endpoint of endpoints.splice(0)) {
      await admin.gql(DISABLE_ENDPOINT, { id: endpoint.id });
      await endpoint.receiver.stop();
    }
  });

  async function anEndpointFor(processorId: string): Promise<Endpoint> {
    const endpoint = await endpointFor(admin, processorId);
    endpoints.push(endpoint);
    return endpoint;
  }

  async function aMarketingProcessorWithAnEndpoint(): Promise<{ id: string; endpoint: Endpoint }> {
    const { processor } = await createPartner(api.db.prisma, {
      purposes: ["MARKETING"],
      categories: ["user.contact.email"],
    });
    return { id: processor.id, endpoint: await anEndpointFor(processor.id) };
  }

  /** A customer who registered (consent given) and whose registration events went out. */
  async function aCustomerWhoThenWithdraws() {
    const client = api.client();
    const customer = await registerCustomer(client);
    await deliverNow(admin);
    return { client, customer };
  }

  function about(endpoint: Endpoint, type: string, subject: string) {
    return endpoint.receiver.received.filter(
      (r) => r.payload.type === type && r.payload.data.subject === subject,
    );
  }

  it("a customer's withdrawal reaches the processor signed, with its pseudonym and nothing that names them", async () => {
    const marketing = await aMarketingProcessorWithAnEndpoint();
    const { processor: other } = await createPartner(api.db.prisma, {
      purposes: ["SUPPORT"],
      categories: ["user.contact.email"],
    });
    const otherEndpoint = await anEndpointFor(other.id);
    const { client, customer } = await aCustomerWhoThenWithdraws();

    expect((await client.gql(WITHDRAW_MARKETING)).errors).toEqual([]);
    const report = await deliverNow(admin);
    expect(report.delivered).toBeGreaterThanOrEqual(1);

    const pseudonym = subjectPseudonym(marketing.id, customer.id, api.config.hashKey);
    const [received, ...more] = about(marketing.endpoint, "consent.withdrawn", pseudonym);
    expect(more).toEqual([]);
    expect(received?.verified).toBe(true);
    expect(received?.payload).toEqual({
      type: "consent.withdrawn",
      timestamp: clock.now().toISOString(),
      data: { subject: pseudonym, purpose: "MARKETING" },
    });
    expect(received?.id).toMatch(/^msg_[0-9a-f]{32}$/);
    for (const secret of [customer.id, customer.email, customer.name]) {
      expect(received?.body).not.toContain(secret);
    }
    // A processor whose agreement does not cover marketing hears nothing of it.
    expect(otherEndpoint.receiver.received).toEqual([]);
    const [delivery] = await deliveriesOf(admin, marketing.endpoint.id);
    expect(delivery).toMatchObject({
      messageId: received?.id,
      eventType: "consent.withdrawn",
      status: "DELIVERED",
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
    });
  });

  it("a visitor's banner choice sends nothing: visitors are unknown to partners", async () => {
    const { processor } = await createPartner(api.db.prisma, {
      purposes: ["MARKETING", "PERSONALISATION", "SERVICE_IMPROVEMENT", "REMARKETING"],
      categories: ["user.device.cookie_id"],
    });
    const endpoint = await anEndpointFor(processor.id);
    const events = await api.db.prisma.webhookEvent.count();
    const visitor = api.client();
    for (const enabled of [true, false]) {
      const choices = OPTIONAL.map((category) => ({ category, enabled }));
      expect((await visitor.gql(BANNER, { choices })).errors).toEqual([]);
    }
    expect(await deliverNow(admin)).toMatchObject({ queued: 0, attempted: 0 });
    expect(endpoint.receiver.received).toEqual([]);
    expect(await api.db.prisma.webhookEvent.count()).toBe(events);
  });

  it("with the receiver killed mid-way, deliveries are retried with backoff and land, same webhook-id, once it is back", async () => {
    const marketing = await aMarketingProcessorWithAnEndpoint();
    const first = await aCustomerWhoThenWithdraws();
    const second = await aCustomerWhoThenWithdraws();
    const receiver = marketing.endpoint.receiver;
    const pseudonymOf = (id: string) => subjectPseudonym(marketing.id, id, api.config.hashKey);

    await first.client.gql(WITHDRAW_MARKETING);
    await deliverNow(admin);
    expect(
      about(marketing.endpoint, "consent.withdrawn", pseudonymOf(first.customer.id)),
    ).toHaveLength(1);

    await receiver.stop();
    await second.client.gql(WITHDRAW_MARKETING);
    const { result: down, output } = await captureOutput(() => deliverNow(admin));
    expect(down).toMatchObject({ delivered: 0, retrying: 1 });
    const [failing] = await deliveriesOf(admin, marketing.endpoint.id);
    // The log names the delivery and the kind of failure: not the URL, the body or the person.
    const line = output.split("\n").find((l) => l.includes("webhook delivery failed")) ?? "";
    expect(line).toContain(failing?.id);
    expect(line).toContain("The connection was refused.");
    for (const secret of [
      receiver.url,
      "127.0.0.1",
      second.customer.id,
      pseudonymOf(second.customer.id),
    ]) {
      expect(output).not.toContain(secret);
    }
    expect(failing).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: null });
    expect(failing?.lastError).toBe("The connection was refused.");
    // Not due yet: a run before the backoff has passed does not try again.
    expect(await deliverNow(admin)).toMatchObject({ attempted: 0 });
    const wait = Date.parse(failing?.nextAttemptAt ?? "") - clock.now().getTime();
    expect(wait).toBeGreaterThanOrEqual(15_000);
    expect(wait).toBeLessThanOrEqual(30_000);

    await receiver.start();
    clock.advance(HOUR);
    expect(await deliverNow(admin)).toMatchObject({ delivered: 1 });
    const landed = about(marketing.endpoint, "consent.withdrawn", pseudonymOf(second.customer.id));
    expect(landed).toHaveLength(1);
    expect(landed[0]?.verified).toBe(true);
    expect(landed[0]?.id).toBe(failing?.messageId);
    expect((await deliveriesOf(admin, marketing.endpoint.id))[0]).toMatchObject({
      status: "DELIVERED",
      attempts: 2,
      lastError: null,
    });
  });

  it("a delivery the endpoint keeps refusing is FAILED after the last attempt, and a replay sends the same message again", async () => {
    const marketing = await aMarketingProcessorWithAnEndpoint();
    const { client } = await aCustomerWhoThenWithdraws();
    const receiver = marketing.endpoint.receiver;
    receiver.answerWith(503);
    await client.gql(WITHDRAW_MARKETING);

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const run = await deliverNow(admin);
      expect(run.attempted).toBe(1);
      expect(attempt < MAX_ATTEMPTS ? run.retrying : run.failed).toBe(1);
      clock.advance(7 * HOUR);
    }
    expect(await deliverNow(admin)).toMatchObject({ attempted: 0 });
    const [failed] = await deliveriesOf(admin, marketing.endpoint.id);
    expect(failed).toMatchObject({
      status: "FAILED",
      attempts: MAX_ATTEMPTS,
      lastStatusCode: 503,
      lastError: "The endpoint answered HTTP 503.",
    });
    const attempts = receiver.received.filter((r) => r.payload.type === "consent.withdrawn");
    expect(attempts).toHaveLength(MAX_ATTEMPTS);
    expect(new Set(attempts.map((r) => r.id))).toEqual(new Set([failed?.messageId]));

    receiver.answerWith(204);
    const replayed = await admin.gql(REPLAY, { id: failed?.id ?? "" });
    expect(replayed.errors).toEqual([]);
    expect(replayed.data?.replayWebhookDelivery).toMatchObject({
      messageId: failed?.messageId,
      status: "PENDING",
      attempts: 0,
    });
    expect(await deliverNow(admin)).toMatchObject({ delivered: 1 });
    const last = receiver.received.at(-1);
    expect(last).toMatchObject({ id: failed?.messageId, answered: 204, verified: true });
    expect(last?.body).toBe(attempts[0]?.body);
    const [newest, original] = await deliveriesOf(admin, marketing.endpoint.id);
    expect(newest).toMatchObject({ status: "DELIVERED", messageId: failed?.messageId });
    expect(original).toMatchObject({ id: failed?.id, status: "FAILED" });
  });

  it("a pending delivery cannot be replayed, and says why", async () => {
    const marketing = await aMarketingProcessorWithAnEndpoint();
    const { client } = await aCustomerWhoThenWithdraws();
    marketing.endpoint.receiver.answerWith(500);
    await client.gql(WITHDRAW_MARKETING);
    await deliverNow(admin);
    const [pending] = await deliveriesOf(admin, marketing.endpoint.id);
    expect(pending?.status).toBe("PENDING");
    const refused = await admin.gql(REPLAY, { id: pending?.id ?? "" });
    expect(refused.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(refused.errors[0]?.message).toBe(
      "This delivery is still being tried: wait until it is delivered or has failed.",
    );
  });
});
