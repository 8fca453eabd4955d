/**
 * Privacy requests in every state, with the deadlines the domain clocks give for the
 * customer's jurisdiction, and support requests (one from a visitor without an account: P-19).
 * A privacy request is keyed by (customer, kind, received); a support request by (customer or
 * reply address, created).
 */
import { ccpaConfirmBy, optOutHonourBy, privacyRequestDueDate } from "@privet/domain/clocks";
import type {
  Prisma,
  PrivacyRequestKind,
  PrivacyRequestStatus,
  SupportStatus,
} from "../generated/prisma/client.js";
import { DEMO_CUSTOMER_EMAIL, type SeedContext } from "./context.js";
import { type CustomerIds, type CustomerPlan, customerId } from "./customers.js";
import { addMs, DAY, Random } from "./random.js";

interface PrivacyRequestSpec {
  /** Which customer: the demo customer, or a random one matching. */
  readonly who: "demo" | ((customer: CustomerPlan) => boolean);
  readonly kind: PrivacyRequestKind;
  readonly status: PrivacyRequestStatus;
  readonly receivedAt: Date;
  readonly details: string;
  readonly verifiedAt?: Date;
  readonly fulfilledAt?: Date;
  readonly extension?: { readonly at: Date; readonly reason: string };
  readonly outcome?: Prisma.InputJsonObject;
}

const t = (iso: string) => new Date(iso);

const PRIVACY_REQUESTS: readonly PrivacyRequestSpec[] = [
  {
    who: "demo",
    kind: "ACCESS",
    status: "FULFILLED",
    receivedAt: t("2025-11-03T10:00:00Z"),
    details: "Please send me a copy of everything you hold about me.",
    verifiedAt: t("2025-11-03T10:06:00Z"),
    fulfilledAt: t("2025-11-20T15:30:00Z"),
    outcome: {
      summary:
        "Export of the account, consents and their history, payment methods (brand and last " +
        "four only), sessions, held records and the access log, made available in the portal.",
    },
  },
  {
    who: (c) => c.country === "DE",
    kind: "ACCESS",
    status: "RECEIVED",
    receivedAt: t("2026-11-17T08:30:00Z"),
    details: "Welche Daten speichern Sie über mich? (What data do you store about me?)",
  },
  {
    who: (c) => c.country === "US" && c.region === "CA",
    kind: "DELETION",
    status: "IN_PROGRESS",
    receivedAt: t("2026-10-28T16:00:00Z"),
    details: "Delete my account and all my data.",
    verifiedAt: t("2026-10-30T09:12:00Z"),
  },
  {
    who: (c) => c.country === "US" && c.region !== "CA",
    kind: "STOP_SHARING",
    status: "VERIFIED",
    receivedAt: t("2026-11-12T13:45:00Z"),
    details: "Do not share my information with advertisers.",
    verifiedAt: t("2026-11-13T10:00:00Z"),
  },
  {
    who: (c) => c.country === "FR",
    kind: "CORRECTION",
    status: "FULFILLED",
    receivedAt: t("2026-07-07T09:20:00Z"),
    details: "My surname is misspelt on my account.",
    verifiedAt: t("2026-07-08T08:00:00Z"),
    fulfilledAt: t("2026-07-15T11:00:00Z"),
    outcome: { summary: "Name corrected as requested." },
  },
  {
    who: (c) => c.country === "NL",
    kind: "ACCESS",
    status: "IN_PROGRESS",
    receivedAt: t("2026-09-21T14:00:00Z"),
    details: "A full copy of my data since I registered, including every consent change.",
    verifiedAt: t("2026-09-22T10:30:00Z"),
    extension: {
      at: t("2026-10-14T12:00:00Z"),
      reason: "Complex request covering several years of records; customer told on 2026-10-14.",
    },
  },
  {
    who: (c) => c.country === "BR",
    kind: "DELETION",
    status: "REJECTED",
    receivedAt: t("2026-08-11T18:05:00Z"),
    details: "Please remove my account.",
    outcome: {
      reason: "Identity could not be verified: the confirmation link was not used within 30 days.",
    },
  },
];

interface SupportRequestSpec {
  readonly who: "demo" | "visitor" | ((customer: CustomerPlan) => boolean);
  readonly replyTo?: string;
  readonly subject: string;
  readonly message: string;
  readonly status: SupportStatus;
  readonly createdAt: Date;
  readonly answeredAt?: Date;
}

const SUPPORT_REQUESTS: readonly SupportRequestSpec[] = [
  {
    who: "demo",
    subject: "Invoice download shows an error",
    message: "When I click 'Download invoice' for September I get a blank page.",
    status: "ANSWERED",
    createdAt: t("2026-09-29T14:12:00Z"),
    answeredAt: t("2026-09-30T09:40:00Z"),
  },
  {
    who: "demo",
    subject: "Contacts import keeps failing",
    message: "Importing my contacts stops at about half way with 'unexpected error'.",
    status: "CLOSED",
    createdAt: t("2026-10-05T17:02:00Z"),
    answeredAt: t("2026-10-06T14:30:00Z"),
  },
  {
    who: (c) => c.country === "GB",
    subject: "How do I change the email on my account?",
    message: "I have a new work address and would like to use it to sign in.",
    status: "OPEN",
    createdAt: t("2026-11-18T11:05:00Z"),
  },
  {
    who: (c) => c.country === "CA",
    subject: "Card declined at renewal",
    message: "My renewal failed although the card is valid until next year.",
    status: "ANSWERED",
    createdAt: t("2026-11-02T19:30:00Z"),
    answeredAt: t("2026-11-03T08:15:00Z"),
  },
  {
    who: (c) => c.country === "JP",
    subject: "Where is my data stored?",
    message: "Is my data kept in Japan or abroad?",
    status: "CLOSED",
    createdAt: t("2026-06-10T02:40:00Z"),
    answeredAt: t("2026-06-10T16:00:00Z"),
  },
  {
    who: "visitor",
    replyTo: "sam.question@example.com",
    subject: "Do you share my data with advertisers?",
    message: "Before I sign up: what does your advertising partner get to see about me?",
    status: "OPEN",
    createdAt: t("2026-11-19T20:41:00Z"),
  },
];

/**
 * A random customer matching, registered well before `before`, not already used. A small
 * dataset (`customerCount`) may have no one from that country: then any customer registered
 * in time stands in, and with no one at all the request is left out (undefined).
 */
function choose(
  rng: Random,
  customers: readonly CustomerPlan[],
  matches: (customer: CustomerPlan) => boolean,
  before: Date,
  used: Set<string>,
): CustomerPlan | undefined {
  const available = customers.filter(
    (customer) =>
      customer.email !== DEMO_CUSTOMER_EMAIL &&
      !used.has(customer.email) &&
      customer.createdAt < addMs(before, -7 * DAY),
  );
  const eligible = available.filter(matches);
  const pool = eligible.length > 0 ? eligible : available;
  if (pool.length === 0) return undefined;
  const chosen = rng.pick(pool);
  used.add(chosen.email);
  return chosen;
}

function dueDates(customer: CustomerPlan, spec: PrivacyRequestSpec) {
  const { jurisdiction } = customer;
  const extended = spec.extension !== undefined;
  if (spec.kind === "STOP_SHARING" && jurisdiction === "CCPA") {
    return { confirmBy: null, dueAt: optOutHonourBy(spec.receivedAt) };
  }
  return {
    confirmBy: jurisdiction === "CCPA" ? ccpaConfirmBy(spec.receivedAt) : null,
    dueAt: privacyRequestDueDate(jurisdiction, spec.receivedAt, extended),
  };
}

export async function seedRequests(
  ctx: SeedContext,
  customers: readonly CustomerPlan[],
  ids: CustomerIds,
  exclude: readonly string[],
): Promise<void> {
  const { prisma } = ctx;
  const rng = Random.for("requests");
  const used = new Set(exclude);
  const demo = customers.find((customer) => customer.email === DEMO_CUSTOMER_EMAIL);
  if (!demo) throw new Error("seed: the demo customer is missing from the plan");

  for (const spec of PRIVACY_REQUESTS) {
    const customer =
      spec.who === "demo" ? demo : choose(rng, customers, spec.who, spec.receivedAt, used);
    if (!customer) continue;
    const key = {
      customerId: customerId(ids, customer.email),
      kind: spec.kind,
      receivedAt: spec.receivedAt,
    };
    if (await prisma.privacyRequest.findFirst({ where: key, select: { id: true } })) continue;
    await prisma.privacyRequest.create({
      data: {
        ...key,
        status: spec.status,
        jurisdiction: customer.jurisdiction,
        details: spec.details,
        ...dueDates(customer, spec),
        extendedAt: spec.extension?.at ?? null,
        extensionReason: spec.extension?.reason ?? null,
        verifiedAt: spec.verifiedAt ?? null,
        fulfilledAt: spec.fulfilledAt ?? null,
        ...(spec.outcome ? { outcome: spec.outcome } : {}),
      },
    });
    ctx.created.privacyRequests += 1;
  }

  for (const spec of SUPPORT_REQUESTS) {
    let owner: { customerId: string | null; replyTo: string | null };
    if (spec.who === "visitor") {
      owner = { customerId: null, replyTo: spec.replyTo ?? null };
    } else {
      const customer =
        spec.who === "demo" ? demo : choose(rng, customers, spec.who, spec.createdAt, used);
      if (!customer) continue;
      owner = { customerId: customerId(ids, customer.email), replyTo: null };
    }
    const key = { ...owner, createdAt: spec.createdAt };
    if (await prisma.supportRequest.findFirst({ where: key, select: { id: true } })) continue;
    await prisma.supportRequest.create({
      data: {
        ...key,
        subject: spec.subject,
        message: spec.message,
        status: spec.status,
        answeredAt: spec.answeredAt ?? null,
      },
    });
    ctx.created.supportRequests += 1;
  }
}
