/**
 * Customers (200, the demo customer included) across several countries, with a good share of
 * Californians; their payment methods (brand, last four, expiry and a processor token, never a
 * card number) and the records some of them hold about other people. Upserted by email; a
 * payment method by its processor token; a held record by (customer, label).
 */
import { jurisdictionForCountry } from "@privet/domain/clocks";
import { uuid7 } from "../chain/uuid7.js";
import type { Jurisdiction } from "../generated/prisma/client.js";
import { insertRows } from "./bulk-insert.js";
import { DEMO_CUSTOMER_COUNT, DEMO_CUSTOMER_EMAIL, type SeedContext } from "./context.js";
import { emailPart, inventName } from "./names.js";
import { addMs, DAY, HOUR, MINUTE, minDate, Random } from "./random.js";

export interface PaymentMethodPlan {
  readonly brand: string;
  readonly last4: string;
  readonly expiryMonth: number;
  readonly expiryYear: number;
  readonly processorToken: string;
  readonly createdAt: Date;
  readonly replacedAt: Date | null;
}

export interface HeldRecordPlan {
  readonly label: string;
  readonly content: string;
  readonly createdAt: Date;
}

export interface CustomerPlan {
  readonly name: string;
  /** Lower-cased, at example.com. */
  readonly email: string;
  readonly country: string;
  readonly region: string | null;
  readonly jurisdiction: Jurisdiction;
  readonly createdAt: Date;
  readonly paymentMethods: readonly PaymentMethodPlan[];
  readonly heldRecords: readonly HeldRecordPlan[];
}

/** Where the customers live: [country, region, how many]. Sums to DEMO_CUSTOMER_COUNT - 1. */
const COUNTRY_QUOTAS: readonly (readonly [string, string | null, number])[] = [
  ["US", "CA", 42],
  ["US", "NY", 8],
  ["US", "TX", 7],
  ["US", "WA", 6],
  ["US", "FL", 5],
  ["US", "IL", 4],
  ["US", "OR", 4],
  ["US", "MA", 3],
  ["US", "CO", 3],
  ["DE", null, 18],
  ["FR", null, 13],
  ["GB", null, 14],
  ["NL", null, 10],
  ["ES", null, 10],
  ["IE", null, 8],
  ["CA", "ON", 6],
  ["CA", "BC", 4],
  ["CA", "QC", 3],
  ["BR", null, 10],
  ["JP", null, 8],
  ["IN", null, 10],
  ["AU", null, 3],
];

const FIRST_SIGN_UP = new Date("2019-01-15T00:00:00Z");
const LAST_SIGN_UP = new Date("2026-11-05T00:00:00Z");

/** The demo customer: a Californian, registered in 2024, with a varied history. */
export const DEMO_CUSTOMER = {
  name: "Demo Customer",
  email: DEMO_CUSTOMER_EMAIL,
  country: "US",
  region: "CA",
  createdAt: new Date("2024-03-12T18:24:00Z"),
} as const;

const CARD_BRANDS: readonly (readonly [string, number])[] = [
  ["Visa", 50],
  ["Mastercard", 30],
  ["American Express", 12],
  ["Discover", 8],
];

const CONTACT_CONTEXTS = [
  "met at the spring trade fair; prefers calls after 3 pm",
  "supplier contact for packaging; invoices monthly",
  "referred by a colleague; follow up about the renewal",
  "neighbour who looks after the office keys",
  "former client; asked to be contacted again in the autumn",
  "volunteer coordinator for the community garden",
  "accountant; send the quarterly summary by the 10th",
  "event caterer; allergy list on file",
] as const;

function paymentMethods(rng: Random, createdAt: Date, seedNow: Date): PaymentMethodPlan[] {
  if (!rng.chance(0.45)) return [];
  const card = (added: Date, replacedAt: Date | null): PaymentMethodPlan => {
    const expiryYear = replacedAt
      ? replacedAt.getUTCFullYear() + rng.int(0, 1)
      : seedNow.getUTCFullYear() + rng.int(1, 5);
    return {
      brand: rng.weighted(CARD_BRANDS),
      last4: rng.digits(4),
      expiryMonth: rng.int(1, 12),
      expiryYear,
      processorToken: `tok_demo_${rng.base62(20)}`,
      createdAt: added,
      replacedAt,
    };
  };
  const firstAdded = addMs(createdAt, rng.int(1, 72) * HOUR);
  if (firstAdded >= seedNow) return [];
  if (rng.chance(0.2)) {
    const replacedAt = rng.dateBetween(addMs(firstAdded, DAY), seedNow);
    return [card(firstAdded, replacedAt), card(replacedAt, null)];
  }
  return [card(firstAdded, null)];
}

function heldRecords(rng: Random, country: string, createdAt: Date, seedNow: Date) {
  const records: HeldRecordPlan[] = [];
  const labels = new Set<string>();
  const count = rng.int(1, 4);
  for (let i = 0; i < count; i++) {
    const person = inventName(rng, rng.chance(0.7) ? country : "US");
    const label = `Contact: ${person.first} ${person.last}`;
    if (labels.has(label)) continue;
    labels.add(label);
    records.push({
      label,
      content:
        `Phone +1 555-01${rng.digits(2)}; email ${emailPart(person.first)}.${emailPart(person.last)}` +
        `@example.net; ${rng.pick(CONTACT_CONTEXTS)}.`,
      createdAt: rng.dateBetween(addMs(createdAt, HOUR), seedNow),
    });
  }
  return records;
}

/** The whole customer plan, the same on every run. The demo customer comes first. */
export function planCustomers(seedNow: Date, count = DEMO_CUSTOMER_COUNT): CustomerPlan[] {
  const rng = Random.for("customers");
  const demoRng = Random.for("customers:demo");
  const demo: CustomerPlan = {
    ...DEMO_CUSTOMER,
    jurisdiction: jurisdictionForCountry(DEMO_CUSTOMER.country, DEMO_CUSTOMER.region),
    paymentMethods: [
      {
        brand: "Visa",
        last4: "4242",
        expiryMonth: 8,
        expiryYear: 2029,
        processorToken: `tok_demo_${demoRng.base62(20)}`,
        createdAt: addMs(DEMO_CUSTOMER.createdAt, 20 * MINUTE),
        replacedAt: null,
      },
    ],
    heldRecords: heldRecords(demoRng, "US", DEMO_CUSTOMER.createdAt, seedNow),
  };

  const places = COUNTRY_QUOTAS.flatMap(([country, region, n]) =>
    Array.from({ length: n }, () => ({ country, region })),
  );
  const shuffled = rng.shuffle(places);
  const customers: CustomerPlan[] = [demo];
  for (let n = 1; n < count; n++) {
    const place = shuffled[(n - 1) % shuffled.length] ?? { country: "US", region: "CA" };
    const person = inventName(rng, place.country);
    const createdAt = rng.dateBetween(FIRST_SIGN_UP, minDate(LAST_SIGN_UP, seedNow));
    customers.push({
      name: `${person.first} ${person.last}`,
      email: `${emailPart(person.first)}.${emailPart(person.last)}.${n}@example.com`,
      country: place.country,
      region: place.region,
      jurisdiction: jurisdictionForCountry(place.country, place.region ?? undefined),
      createdAt,
      paymentMethods: paymentMethods(rng, createdAt, seedNow),
      heldRecords: rng.chance(0.08) ? heldRecords(rng, place.country, createdAt, seedNow) : [],
    });
  }
  return customers;
}

/** Customer ids by email. */
export type CustomerIds = ReadonlyMap<string, string>;

export function customerId(ids: CustomerIds, email: string): string {
  const id = ids.get(email);
  if (!id) throw new Error(`seed: customer ${email} is missing`);
  return id;
}

const CUSTOMER_COLUMNS = {
  id: "uuid",
  name: "text",
  email: "text",
  passwordHash: "text",
  country: "char(2)",
  region: "text",
  jurisdiction: '"Jurisdiction"',
  createdAt: "timestamptz(3)",
  emailVerifiedAt: "timestamptz(3)",
} as const;

export async function seedCustomers(
  ctx: SeedContext,
  plan: readonly CustomerPlan[],
): Promise<CustomerIds> {
  const { prisma } = ctx;
  const emails = plan.map((customer) => customer.email);
  const existing = new Set(
    (
      await prisma.customer.findMany({ where: { email: { in: emails } }, select: { email: true } })
    ).map((row) => row.email),
  );
  const missing = plan.filter((customer) => !existing.has(customer.email));
  if (missing.length > 0) {
    const passwordHash = await ctx.passwordHash();
    ctx.created.customers += await insertRows(
      prisma,
      "Customer",
      CUSTOMER_COLUMNS,
      missing.map((customer) => ({
        id: uuid7(),
        name: customer.name,
        email: customer.email,
        passwordHash,
        country: customer.country,
        region: customer.region,
        jurisdiction: customer.jurisdiction,
        createdAt: customer.createdAt,
        // The demo customers' addresses count as verified, as accounts older than verification do.
        emailVerifiedAt: customer.createdAt,
      })),
      { skipDuplicates: true },
    );
  }
  const rows = await prisma.customer.findMany({
    where: { email: { in: emails } },
    select: { id: true, email: true },
  });
  return new Map(rows.map((row) => [row.email, row.id]));
}

export async function seedPaymentMethods(
  ctx: SeedContext,
  plan: readonly CustomerPlan[],
  ids: CustomerIds,
): Promise<void> {
  const wanted = plan.flatMap((customer) =>
    customer.paymentMethods.map((method) => ({
      ...method,
      customerId: customerId(ids, customer.email),
    })),
  );
  const existing = new Set(
    (
      await ctx.prisma.paymentMethod.findMany({
        where: { processorToken: { in: wanted.map((method) => method.processorToken) } },
        select: { processorToken: true },
      })
    ).map((row) => row.processorToken),
  );
  const missing = wanted.filter((method) => !existing.has(method.processorToken));
  if (missing.length === 0) return;
  const { count } = await ctx.prisma.paymentMethod.createMany({ data: missing });
  ctx.created.paymentMethods += count;
}

export async function seedHeldRecords(
  ctx: SeedContext,
  plan: readonly CustomerPlan[],
  ids: CustomerIds,
): Promise<void> {
  const wanted = plan.flatMap((customer) =>
    customer.heldRecords.map((record) => ({
      ...record,
      customerId: customerId(ids, customer.email),
    })),
  );
  if (wanted.length === 0) return;
  const existing = new Set(
    (
      await ctx.prisma.customerHeldRecord.findMany({
        where: { customerId: { in: [...new Set(wanted.map((record) => record.customerId))] } },
        select: { customerId: true, label: true },
      })
    ).map((row) => `${row.customerId}\n${row.label}`),
  );
  const missing = wanted.filter((record) => !existing.has(`${record.customerId}\n${record.label}`));
  if (missing.length === 0) return;
  const { count } = await ctx.prisma.customerHeldRecord.createMany({ data: missing });
  ctx.created.customerHeldRecords += count;
}
