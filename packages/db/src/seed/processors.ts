/**
 * The company's processors and their data-processing agreements. Every company here is
 * invented. Four agreements are in force until the end of 2028; the fifth processor, a former
 * backup provider, has one agreement that lapsed on 30 June 2025 (P-10).
 *
 * Purposes and categories come from the domain's PURPOSE_DEFINITIONS, so an agreement never
 * lists a category its purpose may not read. Partner API keys are not seeded.
 */
import { PURPOSE_DEFINITIONS, type Purpose } from "@privet/domain/purposes";
import type { DataCategory } from "@privet/domain/taxonomy";
import type { ProcessorKind } from "../generated/prisma/client.js";
import type { SeedContext } from "./context.js";

export interface DemoAgreement {
  readonly reference: string;
  readonly purposes: readonly Purpose[];
  readonly categories: readonly DataCategory[];
  readonly signedAt: Date;
  readonly validFrom: Date;
  /** Exclusive. */
  readonly validUntil: Date;
}

export interface DemoProcessor {
  readonly name: string;
  readonly kind: ProcessorKind;
  readonly region: string;
  readonly country: string;
  readonly description: string;
  readonly createdAt: Date;
  readonly agreements: readonly DemoAgreement[];
}

const categoriesOf = (purpose: Purpose): readonly DataCategory[] =>
  PURPOSE_DEFINITIONS[purpose].categories;

const CURRENT_TERM_END = new Date("2029-01-01T00:00:00Z");

export const DEMO_PROCESSORS: readonly DemoProcessor[] = [
  {
    name: "Quillstone Cloud Storage",
    kind: "CLOUD_STORAGE",
    region: "EU — Frankfurt, Germany",
    country: "DE",
    description:
      "Stores and consolidates customer records, payment tokens and device data (a fictional provider).",
    createdAt: new Date("2019-01-14T10:00:00Z"),
    agreements: [
      {
        reference: "DPA-QCS-2024",
        purposes: ["CROSS_BORDER_CONSOLIDATION"],
        categories: categoriesOf("CROSS_BORDER_CONSOLIDATION"),
        signedAt: new Date("2023-12-04T00:00:00Z"),
        validFrom: new Date("2024-01-01T00:00:00Z"),
        validUntil: CURRENT_TERM_END,
      },
    ],
  },
  {
    name: "Larkpost Mail",
    kind: "EMAIL_SERVICE",
    region: "US — Oregon",
    country: "US",
    description:
      "Sends service announcements, newsletters and marketing emails (a fictional provider).",
    createdAt: new Date("2019-01-21T10:00:00Z"),
    agreements: [
      {
        reference: "DPA-LPM-2024",
        purposes: ["SERVICE_ANNOUNCEMENTS", "MARKETING"],
        categories: ["user.name", "user.contact.email"],
        signedAt: new Date("2024-02-12T00:00:00Z"),
        validFrom: new Date("2024-03-01T00:00:00Z"),
        validUntil: CURRENT_TERM_END,
      },
    ],
  },
  {
    name: "Brightfen Ads",
    kind: "ADVERTISING",
    region: "US — Virginia",
    country: "US",
    description:
      "Shows remarketing ads from pseudonymous cookie IDs and page views; never receives names, emails or cards (a fictional network).",
    createdAt: new Date("2019-04-02T10:00:00Z"),
    agreements: [
      {
        reference: "DPA-BFA-2025",
        purposes: ["REMARKETING"],
        categories: ["user.device.cookie_id", "user.behavior.navigation"],
        signedAt: new Date("2024-12-09T00:00:00Z"),
        validFrom: new Date("2025-01-01T00:00:00Z"),
        validUntil: CURRENT_TERM_END,
      },
    ],
  },
  {
    name: "Copperleaf Payments",
    kind: "PAYMENT_PROCESSOR",
    region: "EU — Dublin, Ireland",
    country: "IE",
    description:
      "Authorises card payments; holds the card and returns a token, so the full number never reaches us (a fictional processor).",
    createdAt: new Date("2019-01-07T10:00:00Z"),
    agreements: [
      {
        reference: "DPA-CLP-2024",
        purposes: ["PAYMENT"],
        categories: categoriesOf("PAYMENT"),
        signedAt: new Date("2024-05-20T00:00:00Z"),
        validFrom: new Date("2024-06-01T00:00:00Z"),
        validUntil: CURRENT_TERM_END,
      },
    ],
  },
  {
    name: "Driftwood Backup",
    kind: "CLOUD_STORAGE",
    region: "Canada — Montréal, Quebec",
    country: "CA",
    description:
      "Former off-site backup provider; its agreement ended on 30 June 2025 and it no longer receives data (a fictional provider).",
    createdAt: new Date("2021-06-01T10:00:00Z"),
    agreements: [
      {
        reference: "DPA-DWB-2021",
        purposes: ["CROSS_BORDER_CONSOLIDATION"],
        categories: categoriesOf("CROSS_BORDER_CONSOLIDATION"),
        signedAt: new Date("2021-06-14T00:00:00Z"),
        validFrom: new Date("2021-07-01T00:00:00Z"),
        // Exclusive: the last day covered is 30 June 2025.
        validUntil: new Date("2025-07-01T00:00:00Z"),
      },
    ],
  },
];

export async function seedProcessors(ctx: SeedContext): Promise<void> {
  const { prisma } = ctx;
  const names = DEMO_PROCESSORS.map((processor) => processor.name);
  const { count } = await prisma.processor.createMany({
    data: DEMO_PROCESSORS.map(({ agreements: _agreements, ...processor }) => processor),
    skipDuplicates: true,
  });
  ctx.created.processors += count;

  const ids = new Map(
    (
      await prisma.processor.findMany({
        where: { name: { in: names } },
        select: { id: true, name: true },
      })
    ).map((row) => [row.name, row.id]),
  );
  const agreements = DEMO_PROCESSORS.flatMap((processor) =>
    processor.agreements.map((agreement) => {
      const processorId = ids.get(processor.name);
      if (!processorId) throw new Error(`seed: processor ${processor.name} is missing`);
      return {
        processorId,
        reference: agreement.reference,
        purposes: [...agreement.purposes],
        categories: [...agreement.categories],
        signedAt: agreement.signedAt,
        validFrom: agreement.validFrom,
        validUntil: agreement.validUntil,
        createdAt: agreement.signedAt,
      };
    }),
  );
  const created = await prisma.processorAgreement.createMany({
    data: agreements,
    skipDuplicates: true,
  });
  ctx.created.processorAgreements += created.count;
}
