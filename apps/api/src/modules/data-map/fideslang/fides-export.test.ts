/**
 * The Fides export: every Privet category and purpose is mapped, every key the file uses is one
 * fideslang publishes (the list kept in fideslang-taxonomy.ts, named when missing), the YAML
 * parses into the `system` resource Fides imports, and administrators download it over GraphQL
 * with the processors in force on it.
 */

import { testDatabases } from "@privet/db/testing";
import { PURPOSE_DEFINITIONS, PURPOSES } from "@privet/domain/purposes";
import { ALL_CATEGORIES, CATEGORY_GROUPS } from "@privet/domain/taxonomy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { startTestApi, type TestApi } from "../../../test-support/api.js";
import { createPartner, signInStaff } from "../../../test-support/fixtures.js";
import { graphql } from "../../../test-support/generated/gql.js";
import { type FidesSystem, fidesSystem, fidesYaml } from "./fides-export.js";
import { FIDES_DATA_CATEGORY, FIDES_DATA_SUBJECTS, FIDES_DATA_USE } from "./fides-mapping.js";
import { FIDESLANG_TAXONOMY } from "./fideslang-taxonomy.js";

const FIDES_EXPORT = graphql(`
  query FidesExportDownload {
    dataMapFidesExport { fileName content fideslangVersion }
  }
`);

/** Every key of one kind the system uses that fideslang does not publish, by name. */
function unpublished(used: readonly string[], published: readonly string[]): string[] {
  return [...new Set(used)].filter((key) => !published.includes(key));
}

function keysOf(system: FidesSystem) {
  const declarations = system.privacy_declarations;
  return {
    categories: declarations.flatMap((d) => [...d.data_categories, ...(d.shared_categories ?? [])]),
    uses: declarations.map((d) => d.data_use),
    subjects: declarations.flatMap((d) => d.data_subjects),
  };
}

describe("the mapping to fideslang", () => {
  it("maps every Privet data category, purpose and group (a new one must be mapped)", () => {
    expect(Object.keys(FIDES_DATA_CATEGORY).sort()).toEqual([...ALL_CATEGORIES].sort());
    expect(Object.keys(FIDES_DATA_USE).sort()).toEqual([...PURPOSES].sort());
    expect(Object.keys(FIDES_DATA_SUBJECTS).sort()).toEqual([...CATEGORY_GROUPS].sort());
  });

  it("uses only keys fideslang publishes", () => {
    const taxonomy = FIDESLANG_TAXONOMY;
    expect(unpublished(Object.values(FIDES_DATA_CATEGORY), taxonomy.dataCategories)).toEqual([]);
    expect(unpublished(Object.values(FIDES_DATA_USE), taxonomy.dataUses)).toEqual([]);
    expect(unpublished(Object.values(FIDES_DATA_SUBJECTS).flat(), taxonomy.dataSubjects)).toEqual(
      [],
    );
  });

  it("names a key that is not published, so a typo cannot pass", () => {
    expect(
      unpublished(["user.contact.email", "user.contact.emial"], FIDESLANG_TAXONOMY.dataCategories),
    ).toEqual(["user.contact.emial"]);
  });

  it("records where the published lists came from", () => {
    expect(FIDESLANG_TAXONOMY.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(FIDESLANG_TAXONOMY.dataCategories).toContain("user.contact.email");
    expect(FIDESLANG_TAXONOMY.dataUses).toContain("marketing.advertising.third_party.targeted");
    expect(FIDESLANG_TAXONOMY.dataSubjects).toContain("customer");
  });
});

describe("the Fides export", () => {
  const agreements = [
    {
      purposes: ["PAYMENT" as const],
      categories: ["user.contact.email", "user.financial.card.token"],
      processor: {
        name: "Billfold Payments",
        kind: "PAYMENT_PROCESSOR" as const,
        region: "US — Virginia",
        country: "US",
        description: "Takes payment.",
      },
    },
  ];

  it("[P-07] parses as a fideslang system with one privacy declaration per purpose, in published keys only", () => {
    const parsed = parse(fidesYaml(agreements, new Date("2026-12-06T12:00:00Z"))) as {
      system: FidesSystem[];
    };
    expect(parsed.system).toHaveLength(1);
    const [system] = parsed.system;
    if (!system) throw new Error("no system");
    expect(system).toMatchObject({ fides_key: "privet", name: "Privet", system_type: "Service" });
    expect(system.privacy_declarations.map((d) => d.name)).toHaveLength(PURPOSES.length);

    const used = keysOf(system);
    expect(unpublished(used.categories, FIDESLANG_TAXONOMY.dataCategories)).toEqual([]);
    expect(unpublished(used.uses, FIDESLANG_TAXONOMY.dataUses)).toEqual([]);
    expect(unpublished(used.subjects, FIDESLANG_TAXONOMY.dataSubjects)).toEqual([]);
    // Every Privet category is declared somewhere, credentials under sign-in.
    expect(new Set(used.categories)).toEqual(new Set(Object.values(FIDES_DATA_CATEGORY)));
    const signIn = system.privacy_declarations.find((d) => d.data_use === FIDES_DATA_USE.SIGN_IN);
    expect(signIn?.data_categories).toContain("user.authorization.password");
  });

  it("declares each purpose's legal basis and the processors in force that receive its data", () => {
    const system = fidesSystem(agreements);
    const payment = system.privacy_declarations.find(
      (d) => d.data_use === "essential.service.payment_processing",
    );
    expect(payment).toMatchObject({
      legal_basis_for_processing: "Contract",
      data_shared_with_third_parties: true,
      third_parties: "Billfold Payments",
      shared_categories: ["user.contact.email", "user.payment"],
      data_subjects: ["customer"],
    });
    const remarketing = system.privacy_declarations.find(
      (d) => d.data_use === "marketing.advertising.third_party.targeted",
    );
    expect(remarketing).toMatchObject({
      legal_basis_for_processing: "Consent",
      data_shared_with_third_parties: false,
      data_subjects: ["customer", "anonymous_user"],
    });
    expect(remarketing?.third_parties).toBeUndefined();
    expect(PURPOSE_DEFINITIONS.REMARKETING.basis).toBe("CONSENT");
  });
});

describe.each(testDatabases)("the Fides download on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("gives administrators the YAML with the processors in force, and refuses a support agent", async () => {
    await createPartner(api.db.prisma, {
      purposes: ["MARKETING"],
      categories: ["user.contact.email"],
    });
    const admin = api.client();
    await signInStaff(api.db.prisma, admin, "ADMINISTRATOR");
    const result = await admin.gql(FIDES_EXPORT);
    expect(result.errors).toEqual([]);
    const file = result.data?.dataMapFidesExport;
    expect(file?.fileName).toMatch(/^privet-data-map-fides-\d{4}-\d{2}-\d{2}\.yml$/);
    expect(file?.fideslangVersion).toBe(FIDESLANG_TAXONOMY.source.version);
    const system = (parse(file?.content ?? "") as { system: FidesSystem[] }).system[0];
    const marketing = system?.privacy_declarations.find(
      (d) => d.data_use === "marketing.communications.email",
    );
    expect(marketing?.data_shared_with_third_parties).toBe(true);

    const agent = api.client();
    await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT");
    const refused = await agent.gql(FIDES_EXPORT);
    expect(refused.errors[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(refused.data).toBeNull();
  });
});
