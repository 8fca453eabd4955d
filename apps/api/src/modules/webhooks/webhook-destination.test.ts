/**
 * Webhooks reach only public addresses where private ones are refused (production): an
 * administrator's URL — or a host name that resolves to this machine — must not become a way
 * into the company's own network.
 */
import { randomUUID } from "node:crypto";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient, TestApi } from "../../test-support/api.js";
import { startTestApi } from "../../test-support/api.js";
import { createPartner, signInStaff } from "../../test-support/fixtures.js";
import { deliveriesOf, endpointFor, REGISTER_ENDPOINT } from "../../test-support/webhooks.js";
import { deliverPendingWebhooks, PRIVATE_ADDRESS_FAILURE } from "./deliver-webhooks.js";
import { fanOutWebhookEvents } from "./fan-out-webhook-events.js";
import { isPrivateAddress, namesPrivateAddress } from "./webhook-destination.js";

describe("private addresses", () => {
  it.each([
    "127.0.0.1",
    "127.8.9.10",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "::1",
    "[::1]",
    "::",
    "fe80::1",
    "fd12:3456::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
  ])("%s is private", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    "8.8.8.8",
    "172.32.0.1",
    "93.184.216.34",
    "2001:4860:4860::8888",
    "::ffff:8.8.8.8",
    "partner.example",
  ])("%s is not", (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it("names localhost and its subdomains as private, a public name not", () => {
    expect(namesPrivateAddress(new URL("http://localhost:8080/x"))).toBe(true);
    expect(namesPrivateAddress(new URL("http://api.localhost/x"))).toBe(true);
    expect(namesPrivateAddress(new URL("http://[::1]/x"))).toBe(true);
    expect(namesPrivateAddress(new URL("https://partner.example/hooks"))).toBe(false);
  });
});

describe.each(testDatabases)("webhook destinations on $name", (kind) => {
  let api: TestApi;
  let refusing: TestApi;
  let admin: ApiClient;
  let refusingAdmin: ApiClient;
  beforeAll(async () => {
    api = await startTestApi(kind);
    admin = api.client();
    await signInStaff(api.db.prisma, admin, "ADMINISTRATOR");
    refusing = await startTestApi(kind, { webhookPrivateAddresses: "refuse" });
    refusingAdmin = refusing.client();
    await signInStaff(refusing.db.prisma, refusingAdmin, "ADMINISTRATOR");
  });
  afterAll(async () => {
    await refusing?.close();
    await api?.close();
  });

  it.each([
    "http://127.0.0.1:8080/hooks",
    "http://localhost/hooks",
    "http://[::1]/hooks",
    "http://169.254.169.254/latest/meta-data",
    "https://10.0.0.5/hooks",
  ])("refuses to register %s in words where private addresses are refused", async (url) => {
    const { processor } = await createPartner(refusing.db.prisma, {
      purposes: ["MARKETING"],
      categories: ["user.contact.email"],
    });
    const refused = await refusingAdmin.gql(REGISTER_ENDPOINT, {
      processorId: processor.id,
      url,
      description: "",
    });
    expect(refused.errors[0]).toMatchObject({
      message:
        "The URL points at this machine or a private network: webhooks go only to the processor's public address.",
      extensions: { code: "BAD_USER_INPUT", field: "url" },
    });
    expect(await refusing.db.prisma.webhookEndpoint.count({ where: { url } })).toBe(0);

    const accepted = await refusingAdmin.gql(REGISTER_ENDPOINT, {
      processorId: processor.id,
      url: "https://partner.example/hooks",
      description: "",
    });
    expect(accepted.errors).toEqual([]);
  });

  it("sends nothing to an address, or a name, that is private, and delivers once allowed", async () => {
    const { processor } = await createPartner(api.db.prisma, {
      purposes: ["MARKETING"],
      categories: ["user.contact.email"],
    });
    const byAddress = await endpointFor(admin, processor.id);
    const byName = await endpointFor(admin, processor.id);
    // A name that resolves to this machine, as a rebinding DNS record would: refused where the
    // connection is made, not only by looking at the URL.
    const port = new URL(byName.receiver.url).port;
    await api.db.prisma.webhookEndpoint.update({
      where: { id: byName.id },
      data: { url: `http://localhost:${port}/webhooks` },
    });
    const now = new Date();
    await api.db.prisma.webhookEvent.create({
      data: {
        type: "consent.withdrawn",
        customerId: randomUUID(),
        purpose: "MARKETING",
        occurredAt: now,
      },
    });
    // One delivery per endpoint.
    expect(await fanOutWebhookEvents(api.db.prisma, api.config.hashKey, now)).toBe(2);

    const refused = await deliverPendingWebhooks(api.db.prisma, {
      hashKey: api.config.hashKey,
      now,
      privateAddresses: "refuse",
    });
    expect(refused).toMatchObject({ attempted: 2, delivered: 0, retrying: 2 });
    expect(byAddress.receiver.received).toEqual([]);
    expect(byName.receiver.received).toEqual([]);
    for (const endpoint of [byAddress, byName]) {
      const [delivery] = await deliveriesOf(admin, endpoint.id);
      expect(delivery).toMatchObject({ status: "PENDING", lastError: PRIVATE_ADDRESS_FAILURE });
    }

    const later = new Date(now.getTime() + 60 * 60_000);
    const allowed = await deliverPendingWebhooks(api.db.prisma, {
      hashKey: api.config.hashKey,
      now: later,
      privateAddresses: "allow",
    });
    expect(allowed.delivered).toBeGreaterThanOrEqual(1);
    expect(byAddress.receiver.received).toHaveLength(1);
    expect(byAddress.receiver.received[0]?.verified).toBe(true);
  });
});
