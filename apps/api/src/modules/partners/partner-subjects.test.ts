import { findAccessEvents } from "@privet/db/audit";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VISITOR_COOKIE } from "../../http/cookies.js";
import { encodeSubjectCursor } from "../../pagination/subject-cursor.js";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  accessEventsOf,
  createPartner,
  type RegisteredCustomer,
  redactions,
  registerCustomer,
  signInStaff,
} from "../../test-support/fixtures.js";
import { partnerPseudonym } from "./partner-pseudonym.js";

interface Node {
  id: string;
  pseudonymousId: string | null;
  name: string | null;
  email: string | null;
  country: string | null;
  cardLast4: string | null;
  navigationEvents: Array<{ path: string; occurredAt: string }> | null;
}
interface Page {
  partnerSubjects: {
    edges: Array<{ cursor: string; node: Node }>;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
}

const PERSONAL_FIELDS = [
  "pseudonymousId",
  "name",
  "email",
  "country",
  "cardLast4",
  "navigationEvents",
] as const;

const subjectsQuery = (purpose: string) => `
  query Subjects($first: Int!, $after: String) @purpose(name: ${purpose}, ref: "CAMPAIGN-7") {
    partnerSubjects(first: $first, after: $after) {
      edges { cursor node {
        id pseudonymousId name email country cardLast4 navigationEvents { path occurredAt }
      } }
      pageInfo { endCursor hasNextPage }
    }
  }`;

/** Every field of a subject, in edges and in nodes, with the page's cursors. */
const ALL_FIELDS_QUERY = `
  query All($first: Int!, $after: String) @purpose(name: MARKETING, ref: "P-09") {
    partnerSubjects(first: $first, after: $after) {
      edges { cursor node {
        id pseudonymousId name email country cardLast4 navigationEvents { path occurredAt }
      } }
      nodes { id pseudonymousId name email country cardLast4 navigationEvents { path occurredAt } }
      pageInfo { endCursor hasNextPage }
    }
  }`;

const SET_CONSENT = `mutation($purpose: ConsentPurpose!, $state: ConsentState!) {
  setConsent(purpose: $purpose, state: $state) { purpose state }
}`;
const PAGE_VIEW = `mutation($path: String!) { recordPageView(path: $path) }`;
const SET_CARD = `mutation($input: PaymentMethodInput!) { setPaymentMethod(input: $input) { id } }`;
const RECORD_AGREEMENT = `mutation($input: RecordProcessorAgreementInput!) {
  recordProcessorAgreement(input: $input) { id processorId reference purposes categories validFrom validUntil }
}`;

/** A partner's client, and the id it is shown for a customer (its pseudonym of the customer). */
interface Partner {
  readonly client: ApiClient;
  readonly apiKey: string;
  readonly idOf: (customerId: string) => string;
}

/**
 * One page as a partner sees it, each subject with its fields and redaction reasons, by the
 * customer's id in Privet (which the partner never sees: it is mapped through `idOf`).
 */
async function readPage(partner: Partner, purpose: string, first = 500, after?: string) {
  const result = await partner.client.gql<Page>(subjectsQuery(purpose), { first, after });
  const reasons = redactions(result);
  const edges = result.data?.partnerSubjects.edges ?? [];
  const byNodeId = new Map(
    edges.map((edge, i) => {
      const denied = Object.fromEntries(
        PERSONAL_FIELDS.flatMap((field) => {
          const r = reasons.get(`partnerSubjects.edges.${i}.node.${field}`);
          return r ? [[field, r.reason]] : [];
        }),
      ) as Partial<Record<(typeof PERSONAL_FIELDS)[number], string>>;
      return [edge.node.id, { node: edge.node, denied }];
    }),
  );
  return {
    result,
    edges,
    reasons,
    subjects: [...byNodeId.values()],
    bySubject: { get: (customerId: string) => byNodeId.get(partner.idOf(customerId)) },
  };
}

describe.each(testDatabases)("partner subjects on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  const partnerClient = (processor: { id: string }, apiKey: string): Partner => ({
    client: api.client({ authorization: `Bearer ${apiKey}` }),
    apiKey,
    idOf: (customerId) => partnerPseudonym(processor.id, customerId, api.config.hashKey),
  });

  it("[P-09] a partner key with no agreement gets every personal field redacted (NO_AGREEMENT) across a page", async () => {
    for (let i = 0; i < 3; i++) await registerCustomer(api.client());
    const { processor, apiKey } = await createPartner(api.db.prisma, null);
    const page = await readPage(partnerClient(processor, apiKey), "MARKETING", 20);

    expect(page.edges.length).toBeGreaterThanOrEqual(3);
    for (const { node, denied } of page.subjects) {
      for (const field of PERSONAL_FIELDS) {
        expect(node[field]).toBeNull();
        expect(denied[field]).toBe("NO_AGREEMENT");
      }
    }
    expect(page.reasons.size).toBe(page.edges.length * PERSONAL_FIELDS.length);
    // Every refused read is evidence: one DENIED event per redacted field, none allowed.
    const events = await accessEventsOf(api.db.prisma, page.result);
    expect(events).toHaveLength(page.reasons.size);
    expect(new Set(events.map((e) => `${e.outcome}:${e.denyReason}:${e.principalId}`))).toEqual(
      new Set([`DENIED:NO_AGREEMENT:${processor.id}`]),
    );
  });

  it("[P-09] each processor sees its own stable pseudonym for a customer and never the customer's id, in nodes, cursors or errors", async () => {
    const consenting = await registerCustomer(api.client());
    const leaverClient = api.client();
    const leaver = await registerCustomer(leaverClient);
    expect(
      (await leaverClient.gql(SET_CONSENT, { purpose: "MARKETING", state: "WITHDRAWN" })).errors,
    ).toEqual([]);
    const agreed = await createPartner(api.db.prisma, {
      purposes: ["MARKETING"],
      categories: ["user.name", "user.contact.email"],
    });
    const unagreed = await createPartner(api.db.prisma, null);
    const partners = [
      partnerClient(agreed.processor, agreed.apiKey),
      partnerClient(unagreed.processor, unagreed.apiKey),
    ] as const;

    /** Every page, in small pages so that many cursors are issued, as the raw response bodies. */
    const walk = async (partner: Partner) => {
      const bodies: string[] = [];
      const ids: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 500; pages++) {
        const response = await fetch(api.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "apollo-require-preflight": "true",
            authorization: `Bearer ${partner.apiKey}`,
          },
          body: JSON.stringify({ query: ALL_FIELDS_QUERY, variables: { first: 4, after } }),
        });
        const body = await response.text();
        bodies.push(body);
        const page = (JSON.parse(body) as { data: Page & { partnerSubjects: { nodes: Node[] } } })
          .data.partnerSubjects;
        ids.push(...page.edges.map((edge) => edge.node.id));
        expect(page.nodes.map((node) => node.id)).toEqual(page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      return { bodies, ids };
    };
    const [a, b] = partners;
    const [seenByA, seenByB, seenByAAgain] = [await walk(a), await walk(b), await walk(a)];

    for (const customer of [consenting, leaver]) {
      const ofA = a.idOf(customer.id);
      const ofB = b.idOf(customer.id);
      expect(seenByA.ids).toContain(ofA);
      expect(seenByB.ids).toContain(ofB);
      expect(ofA).not.toBe(ofB);
      for (const id of [ofA, ofB]) {
        expect(id).not.toBe(customer.id);
        expect(id).not.toContain(customer.id.replaceAll("-", ""));
      }
    }
    // Stable for one processor; nothing in common between two.
    expect(seenByAAgain.ids).toEqual(seenByA.ids);
    expect(seenByA.ids.filter((id) => seenByB.ids.includes(id))).toEqual([]);

    // No customer's id, in any form, anywhere in any body: nodes, cursors, redaction errors.
    const customers = await api.db.prisma.customer.findMany({
      select: { id: true, erasedAt: true },
    });
    expect(seenByA.ids).toHaveLength(customers.filter((c) => c.erasedAt === null).length);
    for (const body of [...seenByA.bodies, ...seenByB.bodies, ...seenByAAgain.bodies]) {
      const text = body.toLowerCase();
      for (const { id } of customers) {
        expect(text).not.toContain(id.toLowerCase());
        expect(text).not.toContain(id.replaceAll("-", "").toLowerCase());
      }
    }

    // The old field is gone from the schema, so it cannot be asked for.
    const old = await a.client.gql(
      `{ partnerSubjects(first: 1) { edges { node { subjectId } } } }`,
    );
    expect(old.errors[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(old.data).toBeNull();
  });

  it("[P-10] an expired agreement is denied, a renewal restores access, and both reads are in the audit log", async () => {
    const subject = await registerCustomer(api.client()); // marketing consent from registration
    const { processor, apiKey } = await createPartner(api.db.prisma, {
      kind: "EMAIL_SERVICE",
      purposes: ["MARKETING"],
      categories: ["user.name", "user.contact.email"],
      validFrom: new Date("2023-01-01T00:00:00Z"),
      validUntil: new Date("2024-01-01T00:00:00Z"),
    });
    const partner = partnerClient(processor, apiKey);

    const lapsed = await readPage(partner, "MARKETING");
    const before = lapsed.bySubject.get(subject.id);
    expect(before?.node.email).toBeNull();
    expect(before?.denied.email).toBe("AGREEMENT_EXPIRED");
    expect(before?.denied.name).toBe("AGREEMENT_EXPIRED");
    expect(JSON.stringify(lapsed.result.data)).not.toContain(subject.email);

    const officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
    const now = Date.now();
    const renewal = await officer.gql<{ recordProcessorAgreement: { processorId: string } }>(
      RECORD_AGREEMENT,
      {
        input: {
          processorId: processor.id,
          reference: `DPA-renewal-${now}`,
          purposes: ["MARKETING"],
          categories: ["user.name", "user.contact.email"],
          signedAt: new Date(now - 60_000).toISOString(),
          validFrom: new Date(now - 60_000).toISOString(),
          validUntil: new Date(now + 365 * 86_400_000).toISOString(),
        },
      },
    );
    expect(renewal.errors).toEqual([]);
    expect(renewal.data?.recordProcessorAgreement.processorId).toBe(processor.id);

    const renewed = await readPage(partner, "MARKETING");
    const after = renewed.bySubject.get(subject.id);
    expect(after?.node).toMatchObject({ email: subject.email, name: subject.name });
    // Outside the agreement: country and card stay redacted.
    expect(after?.denied.country).toBe("PURPOSE_NOT_PERMITTED");

    const audit = await findAccessEvents(api.db.prisma, {
      subjectId: subject.id,
      principalId: processor.id,
      category: "user.contact.email",
    });
    expect(audit.map((e) => [e.outcome, e.denyReason, e.purpose, e.principalKind])).toEqual([
      ["DENIED", "AGREEMENT_EXPIRED", "MARKETING", "PARTNER"],
      ["ALLOWED", null, "MARKETING", "PARTNER"],
    ]);
  });

  it("[P-10] terminating an agreement ends the partner's access at once; the refusal is audited", async () => {
    const subject = await registerCustomer(api.client()); // marketing consent from registration
    const { processor, apiKey } = await createPartner(api.db.prisma, {
      kind: "EMAIL_SERVICE",
      purposes: ["MARKETING"],
      categories: ["user.name", "user.contact.email"],
    });
    const partner = partnerClient(processor, apiKey);
    const running = await readPage(partner, "MARKETING");
    expect(running.bySubject.get(subject.id)?.node.email).toBe(subject.email);

    const agreement = await api.db.prisma.processorAgreement.findFirstOrThrow({
      where: { processorId: processor.id },
    });
    const officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
    const TERMINATE = `mutation($id: ID!) { terminateProcessorAgreement(id: $id) { id terminatedAt validUntil } }`;
    const ended = await officer.gql<{
      terminateProcessorAgreement: { terminatedAt: string; validUntil: string };
    }>(TERMINATE, { id: agreement.id });
    expect(ended.errors).toEqual([]);
    const terminatedAt = ended.data?.terminateProcessorAgreement.terminatedAt ?? "";
    expect(new Date(terminatedAt) < new Date(agreement.validUntil)).toBe(true);
    // Ending it again changes nothing.
    const again = await officer.gql<typeof ended.data>(TERMINATE, { id: agreement.id });
    expect(again.data?.terminateProcessorAgreement.terminatedAt).toBe(terminatedAt);

    const after = await readPage(partner, "MARKETING");
    const read = after.bySubject.get(subject.id);
    expect(read?.node.email).toBeNull();
    expect(read?.denied.email).toBe("AGREEMENT_EXPIRED");
    expect(read?.denied.name).toBe("AGREEMENT_EXPIRED");
    expect(JSON.stringify(after.result.data)).not.toContain(subject.email);

    const audit = await findAccessEvents(api.db.prisma, {
      subjectId: subject.id,
      principalId: processor.id,
      category: "user.contact.email",
    });
    expect(audit.map((e) => [e.outcome, e.denyReason])).toEqual([
      ["ALLOWED", null],
      ["DENIED", "AGREEMENT_EXPIRED"],
    ]);

    // Only privacy officers end agreements.
    const support = api.client();
    await signInStaff(api.db.prisma, support, "SUPPORT_AGENT");
    const refused = await support.gql(TERMINATE, { id: agreement.id });
    expect(refused.errors[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("the email service sees emails only of subjects whose marketing consent is given", async () => {
    const { processor, apiKey } = await createPartner(api.db.prisma, {
      kind: "EMAIL_SERVICE",
      purposes: ["MARKETING"],
      categories: ["user.name", "user.contact.email"],
    });
    const keeps = await registerCustomer(api.client());
    const leaverClient = api.client();
    const leaves = await registerCustomer(leaverClient);
    const withdrawn = await leaverClient.gql(SET_CONSENT, {
      purpose: "MARKETING",
      state: "WITHDRAWN",
    });
    expect(withdrawn.errors).toEqual([]);

    const page = await readPage(partnerClient(processor, apiKey), "MARKETING");
    expect(page.bySubject.get(keeps.id)?.node.email).toBe(keeps.email);
    expect(page.bySubject.get(leaves.id)?.node.email).toBeNull();
    expect(page.bySubject.get(leaves.id)?.denied.email).toBe("CONSENT_WITHDRAWN");
    expect(JSON.stringify(page.result.data)).not.toContain(leaves.email);
    // A purpose outside the agreement opens nothing, even for a consenting subject.
    const other = await readPage(partnerClient(processor, apiKey), "SERVICE_ANNOUNCEMENTS");
    expect(other.bySubject.get(keeps.id)?.denied.email).toBe("PURPOSE_NOT_PERMITTED");
  });

  it("[P-05] the advertising network sees pseudonymous IDs and navigation of consenting subjects only, never name, email or card; after withdrawal it sees none", async () => {
    const { processor, apiKey } = await createPartner(api.db.prisma, {
      kind: "ADVERTISING",
      purposes: ["REMARKETING"],
      categories: ["user.device.cookie_id", "user.behavior.navigation"],
    });
    const browse = async (client: ApiClient, paths: string[]) => {
      for (const path of paths) {
        const r = await client.gql<{ recordPageView: boolean }>(PAGE_VIEW, { path });
        expect(r.errors).toEqual([]);
      }
    };
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

    const partner = partnerClient(processor, apiKey);
    const page = await readPage(partner, "REMARKETING");
    const a = page.bySubject.get(alice.id);
    const firstVisitor = await api.db.prisma.visitor.findFirst({
      where: { customerId: alice.id },
      orderBy: { createdAt: "asc" },
    });
    // A per-processor pseudonym of the browser's cookie, never the cookie itself.
    const cookie = aliceClient.cookies.get(VISITOR_COOKIE) ?? "";
    expect(firstVisitor?.cookieId).toBe(cookie);
    expect(a?.node.pseudonymousId).toBe(partnerPseudonym(processor.id, cookie, api.config.hashKey));
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

    // Alice withdraws: nothing new is recorded, and the partner sees none of her events.
    expect(
      (await aliceClient.gql(SET_CONSENT, { purpose: "REMARKETING", state: "WITHDRAWN" })).errors,
    ).toEqual([]);
    const late = await aliceClient.gql<{ recordPageView: boolean }>(PAGE_VIEW, { path: "/late" });
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

    // The allowed reads are audited, one per field and subject, under REMARKETING.
    const events = await accessEventsOf(api.db.prisma, page.result);
    const bobEvents = events.filter((e) => e.subjectId === bob.id && e.outcome === "ALLOWED");
    expect(bobEvents.map((e) => e.category).sort()).toEqual([
      "user.behavior.navigation",
      "user.device.cookie_id",
    ]);
    expect(
      bobEvents.every((e) => e.purpose === "REMARKETING" && e.reference === "CAMPAIGN-7"),
    ).toBe(true);
  });

  it("pages do not overlap and cover every customer not erased; a bad cursor or size is BAD_USER_INPUT", async () => {
    const made: RegisteredCustomer[] = [];
    for (let i = 0; i < 4; i++) made.push(await registerCustomer(api.client()));
    const erased = made[1] as RegisteredCustomer;
    await api.db.prisma.customer.update({
      where: { id: erased.id },
      data: { erasedAt: new Date() },
    });
    const agreement = () => ({
      purposes: ["MARKETING" as const],
      categories: ["user.contact.email" as const],
    });
    const { processor, apiKey } = await createPartner(api.db.prisma, agreement());
    const partner = partnerClient(processor, apiKey);

    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await readPage(partner, "MARKETING", 3, after);
      expect(page.result.errors.filter((e) => e.extensions?.code !== "PRIVACY_REDACTED")).toEqual(
        [],
      );
      const info = page.result.data?.partnerSubjects.pageInfo;
      seen.push(...page.edges.map((edge) => edge.node.id));
      expect(info?.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      pages++;
      if (!info?.hasNextPage) break;
      after = info.endCursor ?? undefined;
      expect(pages).toBeLessThan(500);
    }
    const expected = await api.db.prisma.customer.findMany({
      where: { erasedAt: null },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    expect(new Set(seen).size).toBe(seen.length);
    // Still in customer id order, each shown as this processor's pseudonym.
    expect(seen).toEqual(expected.map((row) => partner.idOf(row.id)));
    expect(seen).not.toContain(partner.idOf(erased.id));
    expect(pages).toBe(Math.ceil(expected.length / 3));

    // A cursor issued to another processor opens nothing here, though it is valid there.
    const other = await createPartner(api.db.prisma, agreement());
    const foreign = (await readPage(partnerClient(other.processor, other.apiKey), "MARKETING", 1))
      .result.data?.partnerSubjects.pageInfo.endCursor;
    const mine = (await readPage(partner, "MARKETING", 1)).result.data?.partnerSubjects.pageInfo
      .endCursor;
    expect(foreign).toEqual(expect.any(String));
    expect(mine).toEqual(expect.any(String));
    const mineBytes = Buffer.from(mine ?? "", "base64url");
    const tampered = Buffer.from(mineBytes);
    tampered[tampered.length - 1] = (tampered.at(-1) ?? 0) ^ 1;
    expect((await readPage(partner, "MARKETING", 1, mine ?? "")).result.errors).not.toContainEqual(
      expect.objectContaining({ message: "bad cursor" }),
    );

    for (const bad of [
      "not a cursor",
      "bm9wZQ",
      Buffer.from("subject:not-a-uuid").toString("base64url"),
      // The old, plain form, even of a real customer's id.
      encodeSubjectCursor(made[0]?.id ?? ""),
      `${mine}=`,
      mineBytes.subarray(0, mineBytes.length - 1).toString("base64url"),
      tampered.toString("base64url"),
      foreign ?? "",
    ]) {
      const r = await partner.client.gql(subjectsQuery("MARKETING"), { first: 2, after: bad });
      expect(r.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
      expect(r.errors[0]?.message).toBe("bad cursor");
      expect(r.data).toBeNull();
    }
    for (const first of [0, -1, 501]) {
      const r = await partner.client.gql(subjectsQuery("MARKETING"), { first });
      expect(r.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    }
  });

  it("only a partner may list subjects: anonymous is UNAUTHENTICATED, customers and staff FORBIDDEN", async () => {
    const query = `{ partnerSubjects(first: 1) { edges { node { id } } } }`;
    expect((await api.client().gql(query)).errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const customer = api.client();
    await registerCustomer(customer);
    expect((await customer.gql(query)).errors[0]?.extensions?.code).toBe("FORBIDDEN");
    const staff = api.client();
    await signInStaff(api.db.prisma, staff, "PRIVACY_OFFICER");
    expect((await staff.gql(query)).errors[0]?.extensions?.code).toBe("FORBIDDEN");
    const forged = api.client({ authorization: "Bearer pk_not-a-real-key" });
    expect((await forged.gql(query)).errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
