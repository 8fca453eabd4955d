import { testDatabases } from "@privet/db/testing";
import {
  isPartnerKey,
  PARTNER_KEY_PATTERN,
  PartnerApiError,
  PartnerSubjectsDocument,
  PartnerWhoAmIDocument,
} from "@privet/partner-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import { createPartner, registerCustomer, signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import { partnerSdk } from "../../test-support/partner-client.js";

const ISSUE = graphql(`
  mutation IssueScopedKey($processorId: ID!, $label: String!, $expiresAt: DateTimeISO, $purposes: [Purpose!]) {
    issuePartnerApiKey(processorId: $processorId, label: $label, expiresAt: $expiresAt, purposes: $purposes) {
      key
      apiKey { id prefix expiresAt purposes replacedById lastUsedAt }
    }
  }
`);

const ROTATE = graphql(`
  mutation RotateKey($keyId: ID!, $overlapHours: Int!) {
    rotatePartnerApiKey(keyId: $keyId, overlapHours: $overlapHours) {
      key
      apiKey { id label expiresAt purposes }
    }
  }
`);

const HOUR = 60 * 60 * 1000;

/** Expects the partner's request to be refused with `code`, and returns the error. */
async function refusal(promise: Promise<unknown>, code: string): Promise<PartnerApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PartnerApiError);
  expect((error as PartnerApiError).code).toBe(code);
  return error as PartnerApiError;
}

describe.each(testDatabases)("partner API keys on $name", (kind) => {
  let api: TestApi;
  let now = Date.now();
  let admin: ApiClient;
  beforeAll(async () => {
    api = await startTestApi(kind, { clock: () => new Date(now) });
    admin = api.client();
    await signInStaff(api.db.prisma, admin, "ADMINISTRATOR");
  });
  afterAll(() => api?.close());

  async function issue(processorId: string, extra: { expiresAt?: string; purposes?: string[] }) {
    return admin.gql(ISSUE, {
      processorId,
      label: "Production",
      ...extra,
    } as Parameters<typeof admin.gql<typeof ISSUE>>[1]);
  }

  it("a new key has the documented, scanner-checkable format and a display prefix", async () => {
    const { processor } = await createPartner(api.db.prisma, null);
    const issued = await issue(processor.id, {});
    expect(issued.errors).toEqual([]);
    const key = issued.data?.issuePartnerApiKey.key ?? "";
    expect(key).toMatch(PARTNER_KEY_PATTERN);
    expect(isPartnerKey(key)).toBe(true);
    expect(issued.data?.issuePartnerApiKey.apiKey.prefix).toBe(key.slice(0, 17));
    const who = await partnerSdk(api, key).request(PartnerWhoAmIDocument, {});
    expect(who.data.viewer).toEqual({ kind: "partner", processorId: processor.id });
    // One changed character breaks the checksum: refused before any lookup, as anonymous.
    const typo = `${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`;
    const anon = await partnerSdk(api, typo).request(PartnerWhoAmIDocument, {});
    expect(anon.data.viewer.kind).toBe("anonymous");
  });

  it("[P-10] a key scoped to some purposes reads under them only, as if the agreement were narrower", async () => {
    const { processor } = await createPartner(api.db.prisma, {
      purposes: ["MARKETING", "SERVICE_ANNOUNCEMENTS"],
      categories: ["user.name", "user.contact.email"],
    });
    const customer = await registerCustomer(api.client());
    const issued = await issue(processor.id, { purposes: ["SERVICE_ANNOUNCEMENTS"] });
    expect(issued.data?.issuePartnerApiKey.apiKey.purposes).toEqual(["SERVICE_ANNOUNCEMENTS"]);
    const key = issued.data?.issuePartnerApiKey.key ?? "";

    const inScope = await partnerSdk(api, key, "SERVICE_ANNOUNCEMENTS").request(
      PartnerSubjectsDocument,
      { first: 500 },
    );
    const emails = inScope.data.partnerSubjects.edges.map((edge) => edge.node.email);
    expect(emails).toContain(customer.email);

    const outside = await partnerSdk(api, key, "MARKETING").request(PartnerSubjectsDocument, {
      first: 500,
    });
    expect(JSON.stringify(outside.data)).not.toContain(customer.email);
    expect(outside.redactions.length).toBeGreaterThan(0);
    expect(new Set(outside.redactions.map((r) => r.reason))).toEqual(
      new Set(["PURPOSE_NOT_PERMITTED"]),
    );
  });

  it("issuing a scope wider than the agreement, or an expiry in the past, is refused in words", async () => {
    const { processor } = await createPartner(api.db.prisma, {
      purposes: ["MARKETING"],
      categories: ["user.contact.email"],
    });
    const wider = await issue(processor.id, { purposes: ["MARKETING", "REMARKETING"] });
    expect(wider.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(wider.errors[0]?.extensions?.field).toBe("purposes");
    expect(wider.errors[0]?.message).toMatch(/agreement does not cover Remarketing/);
    const past = await issue(processor.id, { expiresAt: new Date(now - HOUR).toISOString() });
    expect(past.errors[0]?.extensions?.field).toBe("expiresAt");
    expect(past.errors[0]?.message).toBe("The expiry must be in the future.");
    // Only the fixture's own (legacy `pk_`) key: neither refusal issued one.
    expect(await api.db.prisma.partnerApiKey.count({ where: { processorId: processor.id } })).toBe(
      1,
    );
  });

  it("an expired key is refused with API_KEY_EXPIRED, not treated as anonymous", async () => {
    const { processor } = await createPartner(api.db.prisma, null);
    const issued = await issue(processor.id, { expiresAt: new Date(now + HOUR).toISOString() });
    const sdk = partnerSdk(api, issued.data?.issuePartnerApiKey.key ?? "");
    expect((await sdk.request(PartnerWhoAmIDocument, {})).data.viewer.kind).toBe("partner");
    now += 2 * HOUR;
    const error = await refusal(sdk.request(PartnerWhoAmIDocument, {}), "API_KEY_EXPIRED");
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/expired/);
  });

  it("rotation: the new key works at once, the old one until the overlap ends, then is refused", async () => {
    const { processor } = await createPartner(api.db.prisma, {
      purposes: ["MARKETING"],
      categories: ["user.contact.email"],
    });
    const issued = await issue(processor.id, { purposes: ["MARKETING"] });
    const oldKey = issued.data?.issuePartnerApiKey.key ?? "";
    const oldId = issued.data?.issuePartnerApiKey.apiKey.id ?? "";
    const rotated = await admin.gql(ROTATE, { keyId: oldId, overlapHours: 2 });
    expect(rotated.errors).toEqual([]);
    const newKey = rotated.data?.rotatePartnerApiKey.key ?? "";
    expect(newKey).not.toBe(oldKey);
    expect(rotated.data?.rotatePartnerApiKey.apiKey).toMatchObject({
      label: "Production",
      purposes: ["MARKETING"],
      expiresAt: null,
    });
    const old = await api.db.prisma.partnerApiKey.findUniqueOrThrow({ where: { id: oldId } });
    expect(old.replacedById).toBe(rotated.data?.rotatePartnerApiKey.apiKey.id);
    expect(old.expiresAt?.getTime()).toBe(now + 2 * HOUR);

    const again = await admin.gql(ROTATE, { keyId: oldId, overlapHours: 2 });
    expect(again.errors[0]?.message).toBe("This key was already rotated.");
    const tooLong = await admin.gql(ROTATE, { keyId: oldId, overlapHours: 10_000 });
    expect(tooLong.errors[0]?.extensions?.field).toBe("overlapHours");

    now += HOUR;
    for (const key of [oldKey, newKey]) {
      const who = await partnerSdk(api, key).request(PartnerWhoAmIDocument, {});
      expect(who.data.viewer.kind).toBe("partner");
    }
    now += 2 * HOUR;
    const error = await refusal(
      partnerSdk(api, oldKey).request(PartnerWhoAmIDocument, {}),
      "API_KEY_EXPIRED",
    );
    expect(error.message).toMatch(/replaced by a newer one/);
    const who = await partnerSdk(api, newKey).request(PartnerWhoAmIDocument, {});
    expect(who.data.viewer.kind).toBe("partner");
  });

  it("last use is kept to the minute: one write a minute per key, not one a request", async () => {
    const { processor } = await createPartner(api.db.prisma, null);
    const issued = await issue(processor.id, {});
    expect(issued.data?.issuePartnerApiKey.apiKey.lastUsedAt).toBeNull();
    const id = issued.data?.issuePartnerApiKey.apiKey.id ?? "";
    const sdk = partnerSdk(api, issued.data?.issuePartnerApiKey.key ?? "");
    const lastUsed = async () =>
      (
        await api.db.prisma.partnerApiKey.findUniqueOrThrow({ where: { id } })
      ).lastUsedAt?.getTime();

    const first = now;
    await sdk.request(PartnerWhoAmIDocument, {});
    expect(await lastUsed()).toBe(first);
    now += 30_000;
    await sdk.request(PartnerWhoAmIDocument, {});
    expect(await lastUsed()).toBe(first);
    now += 31_000;
    await sdk.request(PartnerWhoAmIDocument, {});
    expect(await lastUsed()).toBe(now);
  });
});
