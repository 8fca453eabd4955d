import type { ResultOf } from "@graphql-typed-document-node/core";
import { testDatabases } from "@privet/db/testing";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { createPartner, registerCustomer } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import { type Partner, partnerClient, SET_CONSENT } from "../../test-support/partner-subjects.js";

/** Every field of a subject, in edges and in nodes, with the page's cursors. */
const ALL_FIELDS = graphql(`
  query All($first: Int!, $after: String) @purpose(name: MARKETING, ref: "P-09") {
    partnerSubjects(first: $first, after: $after) {
      edges {
        cursor
        node {
          id pseudonymousId name email country cardLast4 navigationEvents { path occurredAt }
        }
      }
      nodes { id pseudonymousId name email country cardLast4 navigationEvents { path occurredAt } }
      pageInfo { endCursor hasNextPage }
    }
  }
`);

describe.each(testDatabases)("partners' pseudonyms on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

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
    const a = partnerClient(api, agreed.processor, agreed.apiKey);
    const b = partnerClient(api, unagreed.processor, unagreed.apiKey);
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

    await expectNoCustomerIdInAnyBody(seenByA, [seenByA, seenByB, seenByAAgain]);

    // The old field is gone from the schema, so it cannot be asked for (sent as text: it is
    // not a valid document).
    const old = await a.client.gql(
      `{ partnerSubjects(first: 1) { edges { node { subjectId } } } }`,
    );
    expect(old.errors[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(old.data).toBeNull();
  });

  /** Every page, in small pages so that many cursors are issued, as the raw response bodies. */
  async function walk(partner: Partner) {
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
        body: JSON.stringify({ query: print(ALL_FIELDS), variables: { first: 4, after } }),
      });
      const body = await response.text();
      bodies.push(body);
      const page = (JSON.parse(body) as { data: ResultOf<typeof ALL_FIELDS> }).data.partnerSubjects;
      ids.push(...page.edges.map((edge) => edge.node.id));
      expect(page.nodes.map((node) => node.id)).toEqual(page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return { bodies, ids };
  }

  /** No customer's id, in any form, anywhere in any body: nodes, cursors, redaction errors. */
  async function expectNoCustomerIdInAnyBody(
    seenByA: { ids: string[] },
    walks: Array<{ bodies: string[] }>,
  ) {
    const customers = await api.db.prisma.customer.findMany({
      select: { id: true, erasedAt: true },
    });
    expect(seenByA.ids).toHaveLength(customers.filter((c) => c.erasedAt === null).length);
    for (const body of walks.flatMap((w) => w.bodies)) {
      const text = body.toLowerCase();
      for (const { id } of customers) {
        expect(text).not.toContain(id.toLowerCase());
        expect(text).not.toContain(id.replaceAll("-", "").toLowerCase());
      }
    }
  }
});
