/**
 * Several API processes run the webhook outbox at once: the fan-out and the delivery claim
 * their rows with FOR UPDATE SKIP LOCKED, so no event is fanned out twice and no delivery is
 * sent twice. On PostgreSQL the workers are separate connection pools, as separate processes
 * would be; PGlite has one connection, so there the runs interleave on it.
 */
import { randomUUID } from "node:crypto";
import { type Database, openDatabase } from "@privet/db/client";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient, TestApi } from "../../test-support/api.js";
import { startTestApi } from "../../test-support/api.js";
import { createPartner, signInStaff } from "../../test-support/fixtures.js";
import { DISABLE_ENDPOINT, deliveriesOf, endpointFor } from "../../test-support/webhooks.js";
import { deliverPendingWebhooks } from "./deliver-webhooks.js";
import { fanOutWebhookEvents } from "./fan-out-webhook-events.js";

const EVENTS = 45;

describe.each(testDatabases)("webhook workers side by side on $name", (kind) => {
  let api: TestApi;
  let admin: ApiClient;
  let second: Database | null = null;
  beforeAll(async () => {
    api = await startTestApi(kind);
    admin = api.client();
    await signInStaff(api.db.prisma, admin, "ADMINISTRATOR");
    if (kind.name === "postgres") second = await openDatabase(api.config.database);
  });
  afterAll(async () => {
    await second?.close();
    await api?.close();
  });

  it("three workers at once fan out each event once and send each message once", async () => {
    const { processor } = await createPartner(api.db.prisma, {
      purposes: ["MARKETING"],
      categories: ["user.contact.email"],
    });
    const endpoint = await endpointFor(admin, processor.id);
    const now = new Date();
    // As the ledger's trigger writes them for customers' consent changes.
    await api.db.prisma.webhookEvent.createMany({
      data: Array.from({ length: EVENTS }, () => ({
        type: "consent.withdrawn",
        customerId: randomUUID(),
        purpose: "MARKETING" as const,
        occurredAt: now,
      })),
    });
    const workers = [api.db.prisma, second?.prisma ?? api.db.prisma, api.db.prisma];

    const queued = await Promise.all(
      workers.map((prisma) => fanOutWebhookEvents(prisma, api.config.hashKey, now)),
    );
    expect(queued.reduce((a, b) => a + b, 0)).toBe(EVENTS);

    const reports = await Promise.all(
      workers.map((prisma) =>
        deliverPendingWebhooks(prisma, {
          hashKey: api.config.hashKey,
          now,
          privateAddresses: "allow",
        }),
      ),
    );
    expect(reports.reduce((sum, r) => sum + r.delivered, 0)).toBe(EVENTS);
    expect(reports.reduce((sum, r) => sum + r.attempted, 0)).toBe(EVENTS);

    const ids = endpoint.receiver.received.map((r) => r.id);
    expect(ids).toHaveLength(EVENTS);
    expect(new Set(ids).size).toBe(EVENTS);
    expect(endpoint.receiver.received.every((r) => r.verified)).toBe(true);
    const deliveries = await deliveriesOf(admin, endpoint.id);
    expect(deliveries).toHaveLength(EVENTS);
    expect(deliveries.every((d) => d.status === "DELIVERED" && d.attempts === 1)).toBe(true);
    await admin.gql(DISABLE_ENDPOINT, { id: endpoint.id });
    await endpoint.receiver.stop();
  });

  it("a claim another worker holds is skipped until its lease ends", async () => {
    const { processor } = await createPartner(api.db.prisma, {
      purposes: ["MARKETING"],
      categories: ["user.contact.email"],
    });
    const endpoint = await endpointFor(admin, processor.id);
    const now = new Date();
    await api.db.prisma.webhookEvent.create({
      data: {
        type: "consent.given",
        customerId: randomUUID(),
        purpose: "MARKETING",
        occurredAt: now,
      },
    });
    await fanOutWebhookEvents(api.db.prisma, api.config.hashKey, now);
    // A worker that claimed the delivery and died: its lease runs five minutes.
    await api.db.prisma.webhookDelivery.updateMany({
      where: { endpoint: { processorId: processor.id } },
      data: { claimedUntil: new Date(now.getTime() + 5 * 60_000) },
    });
    const held = await deliverPendingWebhooks(api.db.prisma, {
      hashKey: api.config.hashKey,
      now,
      privateAddresses: "allow",
    });
    expect(held.attempted).toBe(0);
    expect(endpoint.receiver.received).toEqual([]);

    const later = new Date(now.getTime() + 5 * 60_000 + 1);
    const resumed = await deliverPendingWebhooks(api.db.prisma, {
      hashKey: api.config.hashKey,
      now: later,
      privateAddresses: "allow",
    });
    expect(resumed.delivered).toBe(1);
    expect(endpoint.receiver.received).toHaveLength(1);
    await admin.gql(DISABLE_ENDPOINT, { id: endpoint.id });
    await endpoint.receiver.stop();
  });
});
