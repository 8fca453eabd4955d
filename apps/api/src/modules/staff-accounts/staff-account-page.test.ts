import { randomUUID } from "node:crypto";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import { signInStaff } from "../../test-support/fixtures.js";
import { ACCOUNT_PAGE, outcome } from "../../test-support/staff-accounts.js";

describe.each(testDatabases)("the staff account list, paged on the server, on $name", (kind) => {
  let api: TestApi;
  let admin: ApiClient;
  /** A word only this run's members carry, so the seed's staff stay out of the pages. */
  const tag = `Zq${randomUUID().slice(0, 6)}`;
  // Invited in this order, a minute apart: newest first is the reverse.
  const invited = ["Cara", "Abe", "Eve", "Bea", "Dan"].map((first) => `${first} ${tag}`);
  beforeAll(async () => {
    api = await startTestApi(kind);
    admin = api.client();
    await signInStaff(api.db.prisma, admin, "ADMINISTRATOR");
    const start = Date.parse("2026-11-01T09:00:00Z");
    for (const [i, name] of invited.entries()) {
      await api.db.prisma.staffUser.create({
        data: {
          name,
          email: `${name.split(" ")[0]?.toLowerCase()}.${tag.toLowerCase()}@privet.example`,
          role: "SUPPORT_AGENT",
          createdAt: new Date(start + i * 60_000),
        },
      });
    }
  });
  afterAll(() => api?.close());

  /** Every page, two at a time, in `order`; what each page held. */
  async function pages(order: "NEWEST" | "NAME", search: string, between?: () => Promise<void>) {
    const seen: string[][] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const variables: {
        order: typeof order;
        search: string;
        first: number;
        after: string | null;
      } = { order, search, first: 2, after };
      const result = await admin.gql(ACCOUNT_PAGE, variables);
      expect(result.errors).toEqual([]);
      const page = result.data?.staffAccountPage;
      seen.push(page?.nodes.map((n) => n.name) ?? []);
      if (!page?.pageInfo.hasNextPage) {
        expect(page?.pageInfo.endCursor).toBeNull();
        return seen;
      }
      after = page.pageInfo.endCursor;
      if (i === 0) await between?.();
    }
    throw new Error("the pages never ended");
  }

  it("by name: A to Z, a page at a time; a member invited meanwhile moves no one", async () => {
    const byName = await pages("NAME", tag, async () => {
      // Sorts before the first page's end: the later pages neither repeat nor skip anyone.
      await api.db.prisma.staffUser.create({
        data: {
          name: `Aaron ${tag}`,
          email: `aaron.${tag.toLowerCase()}@privet.example`,
          role: "AUDITOR",
        },
      });
    });
    expect(byName).toEqual([
      [`Abe ${tag}`, `Bea ${tag}`],
      [`Cara ${tag}`, `Dan ${tag}`],
      [`Eve ${tag}`],
    ]);
  });

  it("newest first, and narrowed by email as well as by name, ignoring case", async () => {
    const newest = (await pages("NEWEST", tag)).flat();
    expect(newest.slice(0, 1)).toEqual([`Aaron ${tag}`]);
    expect(newest.slice(1)).toEqual([...invited].reverse());
    const byEmail = await admin.gql(ACCOUNT_PAGE, {
      order: "NAME",
      search: `EVE.${tag.toUpperCase()}@`,
      first: 25,
      after: null,
    });
    expect(byEmail.data?.staffAccountPage.nodes.map((n) => n.name)).toEqual([`Eve ${tag}`]);
  });

  it("refuses a cursor from another order or search, a made-up one, and a page size out of range", async () => {
    const first = await admin.gql(ACCOUNT_PAGE, {
      order: "NAME",
      search: tag,
      first: 1,
      after: null,
    });
    const cursor = first.data?.staffAccountPage.pageInfo.endCursor as string;
    expect(cursor).toEqual(expect.any(String));
    for (const variables of [
      { order: "NEWEST" as const, search: tag, first: 1, after: cursor },
      { order: "NAME" as const, search: "", first: 1, after: cursor },
      { order: "NAME" as const, search: tag, first: 1, after: "bm90LWEtY3Vyc29y" },
    ]) {
      const refused = await admin.gql(ACCOUNT_PAGE, variables);
      expect(refused.errors[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "after",
      });
    }
    for (const size of [0, 101]) {
      const refused = await admin.gql(ACCOUNT_PAGE, {
        order: "NAME",
        search: "",
        first: size,
        after: null,
      });
      expect(refused.errors[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "first",
      });
    }
  });

  it("is for administrators only", async () => {
    const officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
    const variables = { order: "NAME" as const, search: "", first: 5, after: null };
    expect(outcome(await officer.gql(ACCOUNT_PAGE, variables))).toBe("FORBIDDEN");
    expect(outcome(await api.client().gql(ACCOUNT_PAGE, variables))).toBe("UNAUTHENTICATED");
  });
});
