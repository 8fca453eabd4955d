import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient, TestApi } from "../../test-support/api.js";
import { startTestApi } from "../../test-support/api.js";
import {
  createPartner,
  dumpDatabase,
  registerCustomer,
  signInStaff,
} from "../../test-support/fixtures.js";
import {
  DISABLE_ENDPOINT,
  deliveriesOf,
  deliverNow,
  ENDPOINTS,
  endpointFor,
  REGISTER_ENDPOINT,
} from "../../test-support/webhooks.js";

describe.each(testDatabases)("webhook endpoints on $name", (kind) => {
  let api: TestApi;
  let admin: ApiClient;
  let processorId: string;
  beforeAll(async () => {
    api = await startTestApi(kind);
    admin = api.client();
    await signInStaff(api.db.prisma, admin, "ADMINISTRATOR");
    const { processor } = await createPartner(api.db.prisma, {
      purposes: ["MARKETING"],
      categories: ["user.contact.email"],
    });
    processorId = processor.id;
  });
  afterAll(() => api?.close());

  it("registers an endpoint whose secret is shown once and kept only sealed", async () => {
    const registered = await admin.gql(REGISTER_ENDPOINT, {
      processorId,
      url: "https://partner.example/webhooks",
      description: "Production",
    });
    expect(registered.errors).toEqual([]);
    const { secret, endpoint } = registered.data?.registerWebhookEndpoint ?? {};
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret?.slice(6) ?? "", "base64")).toHaveLength(32);
    expect(endpoint).toMatchObject({
      processorId,
      url: "https://partner.example/webhooks",
      description: "Production",
      disabledAt: null,
    });
    const dump = await dumpDatabase(api.db.prisma);
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain(secret?.slice(6));
    const listed = await admin.gql(ENDPOINTS, { processorId });
    expect(listed.data?.webhookEndpoints).toContainEqual({
      id: endpoint?.id,
      url: "https://partner.example/webhooks",
      description: "Production",
      disabledAt: null,
    });
    expect(JSON.stringify(listed)).not.toContain(secret);
  });

  it.each([
    ["ftp://partner.example/hook", "The URL must start with https:// (or http://)."],
    ["javascript:alert(1)", "The URL must start with https:// (or http://)."],
    ["file:///etc/passwd", "The URL must start with https:// (or http://)."],
    [
      "https://user:pass@partner.example/hook",
      "The URL must not contain a user name or password: the signature authenticates each delivery.",
    ],
    ["partner.example/hook", "Enter a full URL, such as https://partner.example/webhooks."],
    ["", "Enter the endpoint's URL."],
    [
      `https://partner.example/${"a".repeat(2_000)}`,
      "The URL is too long: at most 2000 characters.",
    ],
  ])("refuses %s in words", async (url, message) => {
    const refused = await admin.gql(REGISTER_ENDPOINT, { processorId, url, description: "" });
    expect(refused.data).toBeNull();
    expect(refused.errors[0]).toMatchObject({
      message,
      extensions: { code: "BAD_USER_INPUT", field: "url" },
    });
    expect(JSON.stringify(refused)).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it("refuses an unknown processor, and staff other than administrators", async () => {
    const unknown = await admin.gql(REGISTER_ENDPOINT, {
      processorId: "0190a1b2-0000-7000-8000-000000000000",
      url: "https://partner.example/webhooks",
      description: "",
    });
    expect(unknown.errors[0]).toMatchObject({
      message: "No processor has this id.",
      extensions: { code: "BAD_USER_INPUT", field: "processorId" },
    });
    const officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
    const forbidden = await officer.gql(REGISTER_ENDPOINT, {
      processorId,
      url: "https://partner.example/webhooks",
      description: "",
    });
    expect(forbidden.errors[0]?.extensions?.code).toBe("FORBIDDEN");
    // The privacy officer may see how deliveries went.
    expect((await officer.gql(ENDPOINTS, { processorId })).errors).toEqual([]);
  });

  it("a disabled endpoint is sent nothing more: its pending deliveries stop and new events skip it", async () => {
    const endpoint = await endpointFor(admin, processorId);
    endpoint.receiver.answerWith(500);
    await registerCustomer(api.client());
    await deliverNow(admin);
    const [pending] = await deliveriesOf(admin, endpoint.id);
    expect(pending).toMatchObject({ eventType: "consent.given", status: "PENDING" });

    const disabled = await admin.gql(DISABLE_ENDPOINT, { id: endpoint.id });
    expect(disabled.errors).toEqual([]);
    expect(disabled.data?.disableWebhookEndpoint.disabledAt).not.toBeNull();
    const received = endpoint.receiver.received.length;
    await registerCustomer(api.client());
    await deliverNow(admin);
    expect(endpoint.receiver.received).toHaveLength(received);
    const deliveries = await deliveriesOf(admin, endpoint.id);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      status: "FAILED",
      lastError: "Not sent: the endpoint was disabled.",
    });
    await endpoint.receiver.stop();
  });
});
