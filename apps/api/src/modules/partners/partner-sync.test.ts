import { testDatabases } from "@privet/db/testing";
import {
  PartnerApiError,
  type PartnerResult,
  PartnerSubjectsDocument,
  type PartnerSubjectsQuery,
} from "@privet/partner-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import {
  createPartner,
  type RegisteredCustomer,
  registerCustomer,
} from "../../test-support/fixtures.js";
import { partnerSdk } from "../../test-support/partner-client.js";
import { SET_CONSENT } from "../../test-support/partner-subjects.js";
import { eraseCustomer } from "../privacy-requests/erase-customer.js";
import { subjectPage } from "./load-subject-details.js";
import { subjectPseudonym } from "./subject-pseudonym.js";

type Page = PartnerResult<PartnerSubjectsQuery>;
type Node = PartnerSubjectsQuery["partnerSubjects"]["edges"][number]["node"];

interface PlanNode {
  readonly "Node Type": string;
  readonly "Relation Name"?: string;
  readonly "Index Name"?: string;
  readonly "Index Cond"?: string;
  readonly "Recheck Cond"?: string;
  readonly Plans?: PlanNode[];
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

/** Waits (on a condition, not a fixed delay) until the clock has passed `time`. */
async function clockPasses(time: string): Promise<void> {
  while (Date.now() <= Date.parse(time)) await new Promise((r) => setTimeout(r, 5));
}

describe.each(testDatabases)("partnerSubjects(changedSince:) on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  async function sync(apiKey: string, changedSince?: string, first = 1) {
    const sdk = partnerSdk(api, apiKey, "MARKETING");
    const pages: Page[] = [];
    for await (const page of sdk.pages(PartnerSubjectsDocument, {
      first,
      ...(changedSince ? { changedSince } : {}),
    })) {
      pages.push(page);
    }
    const nodes = new Map<string, Node>();
    for (const page of pages) {
      for (const edge of page.data.partnerSubjects.edges) {
        expect(nodes.has(edge.node.id)).toBe(false);
        nodes.set(edge.node.id, edge.node);
      }
    }
    return { pages, nodes, syncedAt: pages[0]?.data.partnerSubjects.syncedAt ?? "" };
  }

  it("[P-10] lists only the subjects changed since: a consent, a profile field, an erasure (marked, with nothing left)", async () => {
    const clients = [api.client(), api.client(), api.client(), api.client()];
    const [withdraws, renamed, erased, untouched] = (await Promise.all(
      clients.map((client) => registerCustomer(client)),
    )) as [RegisteredCustomer, RegisteredCustomer, RegisteredCustomer, RegisteredCustomer];
    const { processor, apiKey } = await createPartner(api.db.prisma, {
      purposes: ["MARKETING"],
      categories: ["user.name", "user.contact.email"],
    });
    const idOf = (customer: RegisteredCustomer) =>
      subjectPseudonym(processor.id, customer.id, api.config.hashKey);

    const full = await sync(apiKey, undefined, 500);
    for (const customer of [withdraws, renamed, erased, untouched]) {
      expect(full.nodes.get(idOf(customer))?.email).toBe(customer.email);
    }
    await clockPasses(full.syncedAt);
    const quiet = await sync(apiKey, full.syncedAt);
    for (const customer of [withdraws, renamed, erased, untouched]) {
      expect(quiet.nodes.has(idOf(customer))).toBe(false);
    }

    const withdrawal = await (clients[0] as (typeof clients)[0]).gql(SET_CONSENT, {
      purpose: "MARKETING",
      state: "WITHDRAWN",
    });
    expect(withdrawal.errors).toEqual([]);
    await api.db.prisma.customer.update({ where: { id: renamed.id }, data: { name: "New Name" } });
    await api.db.prisma.$transaction((tx) => eraseCustomer(tx, erased.id, new Date()));

    // One subject a page: keyset paging walks the changed set as it walks the whole list.
    const changed = await sync(apiKey, full.syncedAt);
    const ours = [withdraws, renamed, erased, untouched].map(idOf);
    expect([...changed.nodes.keys()].filter((id) => ours.includes(id)).sort()).toEqual(
      [idOf(withdraws), idOf(renamed), idOf(erased)].sort(),
    );
    expect(changed.pages.length).toBeGreaterThanOrEqual(3);

    expect(changed.nodes.get(idOf(renamed))).toMatchObject({ name: "New Name", erased: false });
    const withdrawn = changed.nodes.get(idOf(withdraws));
    expect(withdrawn).toMatchObject({ email: null, erased: false });
    const reasons = changed.pages.flatMap((page) => page.redactions.map((r) => r.reason));
    expect(reasons).toContain("CONSENT_WITHDRAWN");
    expect(changed.nodes.get(idOf(erased))).toEqual({
      id: idOf(erased),
      erased: true,
      name: null,
      email: null,
      country: null,
    });
    // Without changedSince an erased customer is not listed at all, as before.
    const after = await sync(apiKey, undefined, 500);
    expect(after.nodes.has(idOf(erased))).toBe(false);
    expect(after.nodes.has(idOf(untouched))).toBe(true);
  });

  it("a changedSince in the future or malformed is BAD_USER_INPUT in words", async () => {
    const { apiKey } = await createPartner(api.db.prisma, null);
    const sdk = partnerSdk(api, apiKey, "MARKETING");
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const error = await sdk
      .request(PartnerSubjectsDocument, { first: 1, changedSince: future })
      .then(
        () => null,
        (e: unknown) => e as PartnerApiError,
      );
    expect(error).toBeInstanceOf(PartnerApiError);
    expect(error?.code).toBe("BAD_USER_INPUT");
    expect(error?.field).toBe("changedSince");
    expect(error?.message).toBe("changedSince cannot be in the future.");
    const malformed = await sdk
      .request(PartnerSubjectsDocument, { first: 1, changedSince: "yesterday" })
      .then(
        () => null,
        (e: unknown) => e as PartnerApiError,
      );
    expect(malformed?.code).toBe("BAD_USER_INPUT");
  });
});

describe.each(testDatabases)("the changedSince statement's plan on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("the sync reads the updatedAt indexes and probes customers by id, never a whole table", async () => {
    // Enough customers, long unchanged, that reading them all would show in the plan.
    await api.db.prisma.$executeRawUnsafe(
      `INSERT INTO "Customer" ("id", "name", "email", "passwordHash", "country", "jurisdiction", "createdAt", "updatedAt")
       SELECT gen_random_uuid(), 'Old ' || n, 'old-' || n || '@example.test', 'x', 'DE', 'GDPR',
         '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z'
       FROM generate_series(1, 5000) AS n`,
    );
    // And some current consents (written only by the ledger's trigger: through the API).
    for (let i = 0; i < 20; i++) await registerCustomer(api.client());
    await api.db.prisma.$executeRawUnsafe(`ANALYZE "Customer"`);
    await api.db.prisma.$executeRawUnsafe(`ANALYZE "ConsentCurrent"`);
    let statement = { sql: "", args: [] as readonly unknown[] };
    const capture = {
      query: async (sql: string, args: readonly unknown[]) => {
        statement = { sql, args };
        return [];
      },
      close: async () => {},
    };
    for (const afterId of [null, "00000000-0000-7000-8000-000000000000"]) {
      await subjectPage(capture, {
        afterId,
        limit: 51,
        cookieIds: false,
        cardLast4: false,
        // A recent sync: few changes since, among many rows that did not change.
        changedSince: new Date(),
      });
      const [, explained] = await api.db.prisma.$transaction([
        api.db.prisma.$executeRaw`SET LOCAL enable_seqscan = off`,
        api.db.prisma.$queryRawUnsafe<Array<{ "QUERY PLAN": unknown }>>(
          `EXPLAIN (FORMAT JSON) ${statement.sql}`,
          ...statement.args,
        ),
      ]);
      const raw = explained[0]?.["QUERY PLAN"];
      const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as Array<{ Plan: PlanNode }>;
      const nodes = nodesOf(plan[0]?.Plan as PlanNode);
      const indexes = nodes.map((n) => n["Index Name"]);
      expect(indexes).toContain("Customer_updatedAt_idx");
      expect(indexes).toContain("ConsentCurrent_updatedAt_subjectKind_idx");
      for (const node of nodes.filter((n) => n["Relation Name"] === "ConsentCurrent")) {
        expect(node["Index Cond"] ?? node["Recheck Cond"] ?? "").toContain("updatedAt");
      }
      for (const node of nodes) expect(node["Node Type"]).not.toBe("Seq Scan");
      // Every read of the customer table has a condition: by updatedAt, or by id per change.
      for (const node of nodes.filter((n) => n["Relation Name"] === "Customer")) {
        const withCondition = (n: PlanNode) => Boolean(n["Index Cond"] ?? n["Recheck Cond"]);
        expect(
          withCondition(node) || (node.Plans ?? []).some(withCondition),
          JSON.stringify(node),
        ).toBe(true);
      }
    }
  });
});
