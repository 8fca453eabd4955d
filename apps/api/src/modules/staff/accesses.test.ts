/**
 * The customer's access log as a person reads it (Customer.accesses, accessSummary): one entry
 * per access record with the fields it read listed, newest first, paged by sealed cursors,
 * narrowed by who and why; a 30-day summary; staff shown by role, never by name (P-12: every
 * read is shown to the customer, with its reason).
 */
import { type AccessEventInput, recordAccessEvents } from "@privet/db/audit";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  createPartner,
  type RegisteredCustomer,
  registerCustomer,
  signInStaff,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

const MY_ACCESSES = graphql(`
  query MyAccesses($first: Int, $after: String, $filter: AccessFilter) {
    me {
      id
      accesses(first: $first, after: $after, filter: $filter) {
        nodes {
          id accessorKind staffRole processorName purpose reference occurredAt
          categories refusedCategories reads breakGlassReason underLegalRequest
        }
        pageInfo { endCursor hasNextPage }
      }
      accessSummary { days staffReads partnerReads partners { id name reads } complete }
      accessPartners { id name }
    }
  }
`);
const AGENT_READS = graphql(`
  query AccessesAgentReads($id: ID!) @purpose(name: SUPPORT, ref: "T-HTTP") {
    customer(id: $id) { name email }
  }
`);

const THEIR_ACCESSES = graphql(`
  query TheirAccesses($id: ID!) {
    customer(id: $id) { id accesses(first: 5) { nodes { id staffRole } } }
  }
`);

const STAFF_NAME = "Quintessa Staffwell";
const DAY = 86_400_000;

describe.each(testDatabases)("the access log, one entry per access, on $name", (kind) => {
  let api: TestApi;
  let alice: RegisteredCustomer;
  let bob: RegisteredCustomer;
  let own: ApiClient;
  let bobs: ApiClient;
  let partnerId: string;
  let partnerName: string;
  const STAFF_RECORDS = 7;

  beforeAll(async () => {
    api = await startTestApi(kind);
    own = api.client();
    alice = await registerCustomer(own);
    bobs = api.client();
    bob = await registerCustomer(bobs);
    const agent = api.client();
    const staff = await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT");
    await api.db.prisma.staffUser.update({ where: { id: staff.id }, data: { name: STAFF_NAME } });
    const { processor } = await createPartner(api.db.prisma, null);
    partnerId = processor.id;
    partnerName = processor.name;
    const inputs: AccessEventInput[] = [];
    const end = Date.now() - 3_600_000;
    for (let r = 0; r < STAFF_RECORDS; r++) {
      const common = {
        principalKind: "STAFF",
        principalId: staff.id,
        staffRole: "SUPPORT_AGENT",
        purpose: "SUPPORT",
        reference: `T-${r}`,
        requestId: `accesses-${r}`,
        occurredAt: new Date(end - (STAFF_RECORDS - r) * 60_000),
      } as const;
      inputs.push(
        { ...common, subjectId: alice.id, category: "user.name", fieldPath: "customer.name" },
        // Read twice in one request (two aliases): still listed once.
        { ...common, subjectId: alice.id, category: "user.name", fieldPath: "customer.again" },
        {
          ...common,
          subjectId: alice.id,
          category: "user.contact.email",
          fieldPath: "customer.email",
        },
        {
          ...common,
          subjectId: alice.id,
          category: "user.financial.card.last4",
          fieldPath: "customer.paymentMethod.last4",
          outcome: "DENIED",
          denyReason: "PURPOSE_NOT_PERMITTED",
        },
        { ...common, subjectId: bob.id, category: "user.name", fieldPath: "customer.name" },
      );
    }
    // A partner's reads: one 2 days ago, one 40 days ago (outside the summary's window).
    for (const [n, daysAgo] of [
      [1, 2],
      [2, 40],
    ] as const) {
      inputs.push({
        principalKind: "PARTNER",
        principalId: processor.id,
        purpose: "SERVICE_IMPROVEMENT",
        requestId: `accesses-partner-${n}`,
        subjectId: alice.id,
        category: "user.contact.country",
        fieldPath: "subjects.nodes.country",
        occurredAt: new Date(Date.now() - daysAgo * DAY),
      });
    }
    await recordAccessEvents(api.db.prisma, inputs);
    // And one read over HTTP, through the API's own audit writer.
    const read = await agent.gql(AGENT_READS, { id: alice.id });
    expect(read.errors).toEqual([]);
  });
  afterAll(() => api?.close());

  const mine = (
    variables: {
      first?: number;
      after?: string | null;
      filter?: {
        who?: "STAFF" | "PARTNER";
        processorId?: string;
        purpose?: "SUPPORT" | "SERVICE_IMPROVEMENT";
      };
    } = {},
  ) => own.gql(MY_ACCESSES, variables);

  it("[P-12] groups an access's field reads into one entry: who by role, why with its reference, what as categories, refusals apart", async () => {
    const result = await mine({ first: 50 });
    expect(result.errors).toEqual([]);
    const nodes = result.data?.me?.accesses?.nodes ?? [];
    // 7 staff records + 2 partner records + 1 read over HTTP, one entry each.
    expect(nodes).toHaveLength(STAFF_RECORDS + 3);
    const [http] = nodes;
    expect(http).toMatchObject({
      accessorKind: "STAFF",
      staffRole: "SUPPORT_AGENT",
      processorName: null,
      purpose: "SUPPORT",
      reference: "T-HTTP",
      categories: ["user.name", "user.contact.email"],
      refusedCategories: [],
      reads: 2,
    });
    const staffEntry = nodes.find((node) => node.reference === "T-3");
    expect(staffEntry).toMatchObject({
      categories: ["user.name", "user.contact.email"],
      refusedCategories: ["user.financial.card.last4"],
      // Bob's read in the same record is not Alice's.
      reads: 4,
    });
    const partner = nodes.filter((node) => node.accessorKind === "PARTNER");
    expect(partner.map((node) => node.processorName)).toEqual([partnerName, partnerName]);
    expect(partner[0]).toMatchObject({ staffRole: null, categories: ["user.contact.country"] });
    // Newest first.
    const times = nodes.map((node) => new Date(node.occurredAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(result.data?.me?.accesses?.pageInfo.hasNextPage).toBe(false);
  });

  it("[P-12] never names the staff member: their role only, in any field of the log", async () => {
    const result = await mine({ first: 50 });
    expect(result.errors).toEqual([]);
    const text = JSON.stringify(result.data);
    expect(text).toContain("SUPPORT_AGENT");
    expect(text).not.toContain(STAFF_NAME);
    expect(text).not.toContain("Quintessa");
  });

  it("pages across pages by its cursor: every access once, newest first, as on one page", async () => {
    const all = (await mine({ first: 50 })).data?.me?.accesses?.nodes.map((node) => node.id);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (let guard = 0; guard < 10; guard++) {
      const result: Awaited<ReturnType<typeof mine>> = await mine({ first: 3, after });
      expect(result.errors).toEqual([]);
      const page = result.data?.me?.accesses;
      if (!page) throw new Error("no page");
      expect(page.nodes.length).toBeLessThanOrEqual(3);
      seen.push(...page.nodes.map((node) => node.id));
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil((all?.length ?? 0) / 3));
  });

  it("narrows by who (staff, partners, one partner) and by why (purpose)", async () => {
    const ids = async (filter: NonNullable<Parameters<typeof mine>[0]>["filter"]) => {
      const result = await mine({ first: 50, filter });
      expect(result.errors).toEqual([]);
      return result.data?.me?.accesses?.nodes ?? [];
    };
    const staff = await ids({ who: "STAFF" });
    expect(staff).toHaveLength(STAFF_RECORDS + 1);
    expect(staff.every((node) => node.accessorKind === "STAFF")).toBe(true);
    const partners = await ids({ who: "PARTNER" });
    expect(partners).toHaveLength(2);
    expect(partners.every((node) => node.processorName === partnerName)).toBe(true);
    expect(await ids({ processorId: partnerId })).toEqual(partners);
    const { processor: other } = await createPartner(api.db.prisma, null);
    expect(await ids({ processorId: other.id })).toEqual([]);
    const improvement = await ids({ purpose: "SERVICE_IMPROVEMENT" });
    expect(improvement.map((node) => node.id)).toEqual(partners.map((node) => node.id));
    expect(await ids({ who: "STAFF", purpose: "SERVICE_IMPROVEMENT" })).toEqual([]);
    // A filtered log pages too.
    const first = await mine({ first: 1, filter: { who: "PARTNER" } });
    const next = await mine({
      first: 1,
      filter: { who: "PARTNER" },
      after: first.data?.me?.accesses?.pageInfo.endCursor ?? null,
    });
    expect([
      ...(first.data?.me?.accesses?.nodes ?? []),
      ...(next.data?.me?.accesses?.nodes ?? []),
    ]).toEqual(partners);
  });

  it("refuses a filter it cannot use, in words, naming the field", async () => {
    const bad = await mine({ filter: { processorId: "not-an-id" } });
    expect(bad.errors[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "filter.processorId",
    });
    expect(bad.errors[0]?.message).toBe("Choose a partner from the list.");
    const mixed = await mine({ filter: { who: "STAFF", processorId: partnerId } });
    expect(mixed.errors[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "filter.who",
    });
    const cursor = await mine({ after: "forged" });
    expect(cursor.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("sums the last 30 days on top: staff accesses, partner accesses, the partners by name", async () => {
    const result = await mine({ first: 1 });
    expect(result.data?.me?.accessSummary).toEqual({
      days: 30,
      staffReads: STAFF_RECORDS + 1,
      // The partner's read 40 days ago is outside the window.
      partnerReads: 1,
      partners: [{ id: partnerId, name: partnerName, reads: 1 }],
      complete: true,
    });
    expect(result.data?.me?.accessPartners).toContainEqual({ id: partnerId, name: partnerName });
  });

  it("keeps the summary bounded: past 1,000 accesses in the window it counts the newest 1,000 and says so", async () => {
    const client = api.client();
    const carol = await registerCustomer(client);
    const staff = await signInStaff(api.db.prisma, api.client(), "SUPPORT_AGENT");
    const inputs: AccessEventInput[] = Array.from({ length: 1001 }, (_, r) => ({
      principalKind: "STAFF",
      principalId: staff.id,
      staffRole: "SUPPORT_AGENT",
      purpose: "SUPPORT",
      requestId: `accesses-many-${r}`,
      subjectId: carol.id,
      category: "user.name",
      fieldPath: "customer.name",
      occurredAt: new Date(Date.now() - DAY + r * 1000),
    }));
    // And one partner's read before all of them.
    const { processor } = await createPartner(api.db.prisma, null);
    inputs.push({
      principalKind: "PARTNER",
      principalId: processor.id,
      purpose: "SERVICE_IMPROVEMENT",
      requestId: "accesses-many-partner",
      subjectId: carol.id,
      category: "user.contact.country",
      fieldPath: "subjects.nodes.country",
      occurredAt: new Date(Date.now() - 2 * DAY),
    });
    await recordAccessEvents(api.db.prisma, inputs);
    const result = await client.gql(MY_ACCESSES, { first: 1 });
    expect(result.data?.me?.accessSummary).toMatchObject({
      staffReads: 1000,
      partnerReads: 0,
      complete: false,
    });

    // A filtered page scans a bounded stretch (1,000 accesses): the first stretch holds no
    // partner, so the page is empty but says there is more, and the next stretch finds it.
    const first = await client.gql(MY_ACCESSES, { first: 20, filter: { who: "PARTNER" } });
    expect(first.errors).toEqual([]);
    expect(first.data?.me?.accesses?.nodes).toEqual([]);
    expect(first.data?.me?.accesses?.pageInfo.hasNextPage).toBe(true);
    const next = await client.gql(MY_ACCESSES, {
      first: 20,
      filter: { who: "PARTNER" },
      after: first.data?.me?.accesses?.pageInfo.endCursor ?? null,
    });
    expect(next.data?.me?.accesses?.nodes.map((node) => node.processorName)).toEqual([
      processor.name,
    ]);
    expect(next.data?.me?.accesses?.pageInfo).toEqual({ endCursor: null, hasNextPage: false });
  });

  it("is not open to staff without a declared purpose, like the field-level log", async () => {
    const agent = api.client();
    await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT");
    const result = await agent.gql(THEIR_ACCESSES, { id: alice.id });
    expect(result.errors[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    expect(JSON.stringify(result.data)).not.toContain("SUPPORT_AGENT");
  });

  it("leaves the data export field by field: every allowed read is its own event there", async () => {
    const result = await own.gql("query AccessesExport { myDataExport }");
    expect(result.errors).toEqual([]);
    const exported = JSON.parse(String(result.data?.myDataExport)) as {
      accessLog: Array<{ fieldPath: string }>;
    };
    // Per staff record: the name twice and the email (the refused card is not an access);
    // the partner's two reads; the two reads over HTTP.
    expect(exported.accessLog).toHaveLength(STAFF_RECORDS * 3 + 2 + 2);
    expect(exported.accessLog.filter((e) => e.fieldPath === "customer.again")).toHaveLength(
      STAFF_RECORDS,
    );
  });

  it("shows Bob only his own accesses", async () => {
    const result = await bobs.gql(MY_ACCESSES, { first: 50 });
    expect(result.errors).toEqual([]);
    const nodes = result.data?.me?.accesses?.nodes ?? [];
    expect(nodes).toHaveLength(STAFF_RECORDS);
    expect(nodes.every((node) => node.categories.join() === "user.name")).toBe(true);
    expect(result.data?.me?.accessSummary?.partnerReads).toBe(0);
  });
});
