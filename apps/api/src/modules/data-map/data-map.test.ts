import type { ResultOf } from "@graphql-typed-document-node/core";
import { PrismaClient } from "@privet/db/client";
import { testDatabases } from "@privet/db/testing";
import { PURPOSE_DEFINITIONS, PURPOSES, purposeMayRead } from "@privet/domain/purposes";
import { CATEGORY_GROUPS } from "@privet/domain/taxonomy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../server/create-server.js";
import { ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import { createPartner } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

const DATA_MAP = graphql(`
  query DataMap {
    dataMap {
      key label
      categories {
        key label neverShared
        purposes { purpose description legalBasis }
        recipients { name kind region country description purposes { purpose legalBasis } }
      }
    }
  }
`);

type Category = ResultOf<typeof DATA_MAP>["dataMap"][number]["categories"][number];

const DAY = 86_400_000;

/** A processor with one agreement, named and placed as the test needs. */
async function processor(
  prisma: PrismaClient,
  name: string,
  where: { region: string; country: string },
  agreement: Parameters<typeof createPartner>[1],
) {
  const { processor } = await createPartner(prisma, agreement);
  return prisma.processor.update({
    where: { id: processor.id },
    data: { name, ...where, description: `${name} does its job.` },
  });
}

describe.each(testDatabases)("the data map on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("[P-07] lists, for a category, its purposes and the processors with an agreement in force (with region and why), never one whose agreement expired", async () => {
    await twoProcessorsInForceAndThreeNot();

    // Anyone may read it: an anonymous visitor here.
    const result = await api.client().gql(DATA_MAP);
    expect(result.errors).toEqual([]);
    const groups = result.data?.dataMap ?? [];
    expect(groups.map((g) => g.key)).toEqual([...CATEGORY_GROUPS]);
    expect(groups[1]).toMatchObject({ key: "personal", label: "Personal information" });
    const categories = new Map(groups.flatMap((g) => g.categories).map((c) => [c.key, c]));

    expectTheEmailsPurposesAndBothRecipients(categories.get("user.contact.email"));
    expectWhyToBePerCategory(categories);
    // Expired, terminated and future agreements put their processor nowhere on the map.
    const everyRecipient = [...categories.values()].flatMap((c) => c.recipients.map((r) => r.name));
    for (const name of ["Lapsed Mail", "Terminated Mail", "Future Mail"]) {
      expect(everyRecipient).not.toContain(name);
    }
    // Credentials are listed, as never shared: no purpose reads them, no processor gets them.
    expect(categories.get("user.credentials.password")).toMatchObject({
      neverShared: true,
      purposes: [],
      recipients: [],
    });
    expect([...categories.values()].filter((c) => c.neverShared).map((c) => c.key)).toEqual([
      "user.credentials.password",
    ]);
  });

  async function twoProcessorsInForceAndThreeNot() {
    const { prisma } = api.db;
    const now = Date.now();
    // In force: two agreements (a renewal overlapping the first) are one recipient.
    const cloud = await processor(
      prisma,
      "Cumulus Storage",
      { region: "EU — Ireland", country: "IE" },
      {
        kind: "CLOUD_STORAGE",
        purposes: ["CROSS_BORDER_CONSOLIDATION"],
        categories: ["user.contact.email", "user.name"],
      },
    );
    await prisma.processorAgreement.create({
      data: {
        processorId: cloud.id,
        reference: "DPA-RENEWAL",
        purposes: ["CROSS_BORDER_CONSOLIDATION", "SUPPORT"],
        categories: ["user.contact.email"],
        signedAt: new Date(now - 10 * DAY),
        validFrom: new Date(now - DAY),
        validUntil: new Date(now + 365 * DAY),
      },
    });
    // In force, with a purpose (MARKETING) that may read the email but not the card token.
    await processor(
      prisma,
      "Billfold Payments",
      { region: "US — Virginia", country: "US" },
      {
        kind: "PAYMENT_PROCESSOR",
        purposes: ["PAYMENT", "MARKETING"],
        categories: ["user.contact.email", "user.financial.card.token"],
      },
    );
    // Not in force: expired, terminated early, not started yet.
    await processor(
      prisma,
      "Lapsed Mail",
      { region: "US — Oregon", country: "US" },
      {
        purposes: ["MARKETING"],
        categories: ["user.contact.email"],
        validFrom: new Date("2024-01-01T00:00:00Z"),
        validUntil: new Date(now - DAY),
      },
    );
    const terminated = await processor(
      prisma,
      "Terminated Mail",
      { region: "US — Ohio", country: "US" },
      { purposes: ["MARKETING"], categories: ["user.contact.email"] },
    );
    await prisma.processorAgreement.updateMany({
      where: { processorId: terminated.id },
      data: { terminatedAt: new Date(now - DAY) },
    });
    await processor(
      prisma,
      "Future Mail",
      { region: "CA — Quebec", country: "CA" },
      {
        purposes: ["MARKETING"],
        categories: ["user.contact.email"],
        validFrom: new Date(now + 30 * DAY),
      },
    );
  }

  function expectTheEmailsPurposesAndBothRecipients(email: Category | undefined) {
    expect(email?.label).toBe("Email address");
    expect(email?.purposes).toEqual(
      PURPOSES.filter((p) => purposeMayRead(p, "user.contact.email")).map((purpose) => ({
        purpose,
        description: PURPOSE_DEFINITIONS[purpose].description,
        legalBasis: PURPOSE_DEFINITIONS[purpose].basis,
      })),
    );
    expect(email?.purposes.find((p) => p.purpose === "MARKETING")?.legalBasis).toBe("CONSENT");
    expect(email?.recipients).toEqual([
      {
        name: "Billfold Payments",
        kind: "PAYMENT_PROCESSOR",
        region: "US — Virginia",
        country: "US",
        description: "Billfold Payments does its job.",
        purposes: [
          { purpose: "PAYMENT", legalBasis: "CONTRACT" },
          { purpose: "MARKETING", legalBasis: "CONSENT" },
        ],
      },
      {
        name: "Cumulus Storage",
        kind: "CLOUD_STORAGE",
        region: "EU — Ireland",
        country: "IE",
        description: "Cumulus Storage does its job.",
        purposes: [
          { purpose: "SUPPORT", legalBasis: "CONTRACT" },
          { purpose: "CROSS_BORDER_CONSOLIDATION", legalBasis: "LEGITIMATE_INTEREST" },
        ],
      },
    ]);
  }

  function expectWhyToBePerCategory(categories: Map<string, Category>) {
    // The old agreement alone covers the name.
    expect(categories.get("user.name")?.recipients.map((r) => [r.name, r.purposes])).toEqual([
      [
        "Cumulus Storage",
        [{ purpose: "CROSS_BORDER_CONSOLIDATION", legalBasis: "LEGITIMATE_INTEREST" }],
      ],
    ]);
    // MARKETING may not read the token, so it is no reason the processor holds it.
    expect(
      categories.get("user.financial.card.token")?.recipients.map((r) => [r.name, r.purposes]),
    ).toEqual([["Billfold Payments", [{ purpose: "PAYMENT", legalBasis: "CONTRACT" }]]]);
    expect(categories.get("user.behavior.navigation")?.recipients).toEqual([]);
  }

  it("[P-07] loads in a constant number of statements, however many processors there are", async () => {
    // A second client on the same database that counts what it sends, and a server on it.
    let statements = 0;
    const counting = new PrismaClient({
      adapter: api.db.adapterFactory,
      log: [{ emit: "event", level: "query" }],
    });
    counting.$on("query", () => {
      statements++;
    });
    let server: RunningServer | undefined;
    try {
      server = await startServer({
        prisma: counting as unknown as PrismaClient,
        audit: api.db.audit,
        config: api.config,
      });
      const client = new ApiClient(server.url);
      const count = async () => {
        statements = 0;
        const result = await client.gql(DATA_MAP);
        expect(result.errors).toEqual([]);
        return statements;
      };
      const before = await count();
      expect(before).toBeGreaterThan(0);
      for (let i = 0; i < 10; i++) {
        await createPartner(api.db.prisma, {
          purposes: ["SERVICE_ANNOUNCEMENTS"],
          categories: ["user.contact.email", "user.name"],
        });
      }
      expect(await count()).toBe(before);
      expect(before).toBeLessThanOrEqual(2);
    } finally {
      await server?.close();
      await counting.$disconnect();
    }
  });
});
