import { type AuditWriter, createAuditWriter } from "@privet/db/audit";
import { PrismaClient } from "@privet/db/client";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../server/create-server.js";
import { ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import { createPartner, registerCustomer } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

// Every PartnerSubject field, all allowed (legitimate interest: no consent involved), so every
// field's decision, loader and audit event is on the path being counted.
const QUERY = graphql(`
  query Count($first: Int!) @purpose(name: CROSS_BORDER_CONSOLIDATION, ref: "COUNT") {
    partnerSubjects(first: $first) {
      edges {
        cursor
        node {
          id pseudonymousId name email country cardLast4 navigationEvents { path occurredAt }
        }
      }
      pageInfo { endCursor hasNextPage }
    }
  }
`);
const GIVE_REMARKETING = graphql(`
  mutation CountedGivesRemarketing {
    setConsent(purpose: REMARKETING, state: GIVEN) { state }
  }
`);
const PAGE_VIEW = graphql(`
  mutation CountedPageView($path: String!) {
    recordPageView(path: $path)
  }
`);
const SET_CARD = graphql(`
  mutation CountedCard($input: PaymentMethodInput!) {
    setPaymentMethod(input: $input) { id }
  }
`);

describe.each(testDatabases)("partner subjects' statements per request on $name", (kind) => {
  let api: TestApi;
  let counting: PrismaClient;
  let server: RunningServer;
  let audit: AuditWriter | undefined;
  let statements = 0;

  beforeAll(async () => {
    api = await startTestApi(kind);
    // A second client on the same database that counts every statement it sends, and a
    // server on it (its hand-written reads go through this client too: no reader is given):
    // what the benchmark measures, at test scale.
    const client = new PrismaClient({
      adapter: api.db.adapterFactory,
      log: [{ emit: "event", level: "query" }],
    });
    client.$on("query", () => {
      statements++;
    });
    counting = client as unknown as PrismaClient;
    // Its audit writes count too.
    audit = createAuditWriter(api.db.adapterFactory, {
      onQuery: () => {
        statements++;
      },
    });
    server = await startServer({ prisma: counting, audit, config: api.config });
  });
  afterAll(async () => {
    await server?.close();
    await audit?.close();
    await counting?.$disconnect();
    await api?.close();
  });

  /** A hundred customers; one in ten browses and adds a card, so the loaders have rows. */
  async function aHundredCustomersSomeBrowsingAndPaying() {
    for (let batch = 0; batch < 10; batch++) {
      const made = await Promise.all(
        Array.from({ length: 10 }, async () => {
          const client = api.client();
          await registerCustomer(client);
          return client;
        }),
      );
      const client = made[0] as ApiClient;
      expect((await client.gql(GIVE_REMARKETING)).errors).toEqual([]);
      expect((await client.gql(PAGE_VIEW, { path: `/p/${batch}` })).errors).toEqual([]);
      const card = await client.gql(SET_CARD, {
        input: {
          processorToken: `tok_count_${batch}`,
          brand: "visa",
          last4: `424${batch}`,
          expiryMonth: 1,
          expiryYear: 2032,
        },
      });
      expect(card.errors).toEqual([]);
    }
  }

  it("does not grow with the number of rows (1, 10, 100)", async () => {
    await aHundredCustomersSomeBrowsingAndPaying();
    const { apiKey } = await createPartner(api.db.prisma, {
      kind: "CLOUD_STORAGE",
      purposes: ["CROSS_BORDER_CONSOLIDATION"],
      categories: [
        "user.name",
        "user.contact.email",
        "user.contact.country",
        "user.financial.card.last4",
        "user.device.cookie_id",
        "user.behavior.navigation",
      ],
    });
    const partner = new ApiClient(server.url, { authorization: `Bearer ${apiKey}` });

    // A first request of its own: a key's first use in an hour also records when it was used
    // (context/resolve-principal.ts), a write that has nothing to do with the rows returned.
    expect((await partner.gql(QUERY, { first: 1 })).errors).toEqual([]);
    const perRequest: Record<number, number> = {};
    for (const first of [1, 10, 100]) {
      const before = statements;
      const result = await partner.gql(QUERY, { first });
      perRequest[first] = statements - before;
      expect(result.errors).toEqual([]);
      expect(result.data?.partnerSubjects.edges).toHaveLength(first);
    }
    // The 100-row page really carried data from every loader.
    const last = await partner.gql(QUERY, { first: 100 });
    const nodes = last.data?.partnerSubjects.edges.map((e) => e.node) ?? [];
    expect(nodes.filter((n) => n.cardLast4 !== null)).toHaveLength(10);
    expect(nodes.filter((n) => (n.navigationEvents?.length ?? 0) > 0)).toHaveLength(10);

    expect(perRequest[10]).toBe(perRequest[1]);
    expect(perRequest[100]).toBe(perRequest[1]);
    // The key with its agreements, the page with its cookie ids and cards (one statement:
    // load-subject-details.ts's subjectPage), the navigation events' batch, the audit record.
    expect(perRequest[1]).toBeLessThanOrEqual(4);
  });
});
