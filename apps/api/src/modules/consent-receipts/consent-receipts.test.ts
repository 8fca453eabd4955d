import { createPublicKey, verify } from "node:crypto";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  accessEventsOf,
  createPolicyVersion,
  registerCustomer,
  signInStaff,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

const HISTORY = graphql(`
  query ReceiptHistory {
    consentHistory { id purpose state }
  }
`);
const WITHDRAW = graphql(`
  mutation ReceiptWithdraws($purpose: ConsentPurpose!, $state: ConsentState!) {
    setConsent(purpose: $purpose, state: $state) { state }
  }
`);
const MY_RECEIPT = graphql(`
  query MyReceipt($eventId: ID!) {
    consentReceipt(eventId: $eventId) { eventId record jws keyId jwksUrl }
  }
`);
const STAFF_RECEIPT = graphql(`
  query StaffReceipt($customerId: ID!, $eventId: ID!, $purpose: Purpose!) @purpose(name: $purpose, ref: "T-560") {
    customerConsentReceipt(customerId: $customerId, eventId: $eventId) { eventId record jws }
  }
`);
const MY_ACCESS_LOG = graphql(`
  query ReceiptReadsInMyLog {
    me { accessLog(first: 5) { categoryLabel fieldPath purpose reference } }
  }
`);
const STAFF_RECEIPT_WITHOUT_A_PURPOSE = graphql(`
  query StaffReceiptWithoutAPurpose($customerId: ID!, $eventId: ID!) {
    customerConsentReceipt(customerId: $customerId, eventId: $eventId) { eventId }
  }
`);

/**
 * What a stranger holding a receipt does: fetch the JWK Set over HTTP, pick the key by `kid`,
 * and check the signature with node:crypto alone — nothing of Privet's code.
 */
async function verifyWithOnlyThePublishedKey(api: TestApi, jws: string) {
  const response = await fetch(new URL("/.well-known/jwks.json", api.url));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/jwk-set\+json/);
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  const { keys } = (await response.json()) as { keys: Array<Record<string, string>> };
  const [encodedHeader = "", encodedPayload = "", signature = ""] = jws.split(".");
  const header = JSON.parse(Buffer.from(encodedHeader, "base64url").toString());
  const jwk = keys.find((key) => key.kid === header.kid);
  expect(jwk).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
  const key = createPublicKey({ key: jwk as never, format: "jwk" });
  const valid = verify(
    null,
    Buffer.from(`${encodedHeader}.${encodedPayload}`),
    key,
    Buffer.from(signature, "base64url"),
  );
  return { valid, header, payload: Buffer.from(encodedPayload, "base64url").toString("utf8") };
}

/** The same JWS with one byte of its payload changed (re-encoded, so it still parses). */
function withOneByteChanged(jws: string): string {
  const [header, payload = "", signature] = jws.split(".");
  const bytes = Buffer.from(payload, "base64url");
  const at = bytes.indexOf(Buffer.from("dpv:ConsentWithdrawn"));
  const i = at >= 0 ? at + "dpv:Consent".length : 10;
  bytes[i] = (bytes[i] ?? 0) ^ 0x01;
  return `${header}.${bytes.toString("base64url")}.${signature}`;
}

describe.each(testDatabases)("consent receipts on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
    await createPolicyVersion(api.db.prisma);
  });
  afterAll(() => api?.close());

  async function aCustomerWhoWithdrewMarketing() {
    const client = api.client();
    const customer = await registerCustomer(client);
    const withdrawn = await client.gql(WITHDRAW, { purpose: "MARKETING", state: "WITHDRAWN" });
    expect(withdrawn.errors).toEqual([]);
    const history = await client.gql(HISTORY);
    const event = history.data?.consentHistory.find((e) => e.state === "WITHDRAWN");
    if (!event) throw new Error("no withdrawal in the history");
    return { client, customer, eventId: event.id };
  }

  async function receiptOf(client: ApiClient, eventId: string) {
    const result = await client.gql(MY_RECEIPT, { eventId });
    expect(result.errors).toEqual([]);
    const receipt = result.data?.consentReceipt;
    if (!receipt) throw new Error("no receipt");
    return receipt;
  }

  it("a receipt verifies with only the key published at /.well-known/jwks.json, and one changed byte does not", async () => {
    const { client, customer, eventId } = await aCustomerWhoWithdrewMarketing();
    const receipt = await receiptOf(client, eventId);

    const checked = await verifyWithOnlyThePublishedKey(api, receipt.jws);
    expect(checked.valid).toBe(true);
    expect(checked.header).toMatchObject({ alg: "EdDSA", kid: receipt.keyId });
    expect(checked.payload).toBe(receipt.record);
    expect(receipt.jwksUrl).toBe(`${new URL(api.url).origin}/.well-known/jwks.json`);

    const record = JSON.parse(receipt.record);
    expect(record).toMatchObject({
      "@type": "dpv:ConsentRecord",
      "dct:conformsTo": "https://w3id.org/dpv/schema/dpv-27560#record",
      "dct:identifier": eventId,
      "dpv:hasDataSubject": { "@id": `privet:customer:${customer.id}` },
      "dpv:hasDataController": { "dpv:hasContact": `mailto:${api.config.contactEmail}` },
      "dpv:hasLegalBasis": "dpv:Consent",
      "dpv:hasProcess": { "dpv:hasPurpose": { "@id": "privet:purpose:MARKETING" } },
      "dpv:hasNotice": { "@type": "dpv:ConsentNotice", "dct:identifier": "2018-11-02" },
      "dpv:hasConsentStatus": "dpv:ConsentWithdrawn",
      "dpv:isIndicatedBy": "dpv:DataSubject",
      "dpv:hasIndicationMethod": { "@id": "privet:source:PORTAL" },
    });
    // Nothing that names the person beyond their id.
    expect(receipt.record).not.toContain(customer.email);
    expect(receipt.record).not.toContain(customer.name);

    const tampered = await verifyWithOnlyThePublishedKey(api, withOneByteChanged(receipt.jws));
    expect(tampered.payload).not.toBe(receipt.record);
    expect(tampered.valid).toBe(false);
  });

  it("a customer cannot get another customer's receipt: not found, as an event that does not exist", async () => {
    const alice = await aCustomerWhoWithdrewMarketing();
    const mallory = api.client();
    await registerCustomer(mallory);
    const theirs = await mallory.gql(MY_RECEIPT, { eventId: alice.eventId });
    const none = await mallory.gql(MY_RECEIPT, { eventId: "01890000-0000-7000-8000-000000000000" });
    expect(theirs.data).toBeNull();
    expect(theirs.errors[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(theirs.errors[0]?.message).toBe(none.errors[0]?.message);
    expect(theirs.status).toBe(404);

    const visitor = await api.client().gql(MY_RECEIPT, { eventId: alice.eventId });
    expect(visitor.errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const malformed = await mallory.gql(MY_RECEIPT, { eventId: "not-an-id" });
    expect(malformed.errors[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "eventId",
    });
    expect(malformed.errors[0]?.message).toBe("Choose an event of the consent history.");
  });

  it("staff get a customer's receipt under a declared purpose, and the read is in the customer's access log", async () => {
    const { client, customer, eventId } = await aCustomerWhoWithdrewMarketing();
    const staff = api.client();
    await signInStaff(api.db.prisma, staff, "SUPPORT_AGENT");

    const read = await staff.gql(STAFF_RECEIPT, {
      customerId: customer.id,
      eventId,
      purpose: "SUPPORT",
    });
    expect(read.errors).toEqual([]);
    const jws = read.data?.customerConsentReceipt.jws ?? "";
    expect((await verifyWithOnlyThePublishedKey(api, jws)).valid).toBe(true);
    const events = await accessEventsOf(api.db.prisma, read);
    expect(events).toMatchObject([
      {
        subjectId: customer.id,
        category: "consent.choice",
        fieldPath: "customerConsentReceipt",
        purpose: "SUPPORT",
        reference: "T-560",
      },
    ]);

    const log = await client.gql(MY_ACCESS_LOG);
    expect(log.data?.me?.accessLog).toEqual([
      {
        categoryLabel: "A receipt of your consent choice",
        fieldPath: "customerConsentReceipt",
        purpose: "SUPPORT",
        reference: "T-560",
      },
    ]);

    const undeclared = await staff.gql(STAFF_RECEIPT_WITHOUT_A_PURPOSE, {
      customerId: customer.id,
      eventId,
    });
    expect(undeclared.errors[0]?.extensions).toMatchObject({
      code: "FORBIDDEN",
      reason: "PURPOSE_REQUIRED",
    });
    const notTheirs = await staff.gql(STAFF_RECEIPT, {
      customerId: (await registerCustomer(api.client())).id,
      eventId,
      purpose: "SUPPORT",
    });
    expect(notTheirs.errors[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});
