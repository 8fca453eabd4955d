/**
 * Newsletter subscribers without an account (P-03): an email address, and in the ledger a
 * SUBSCRIBER MARKETING consent given on the sign-up form, withdrawn by some through the
 * unsubscribe link. Upserted by email.
 */

import type { ConsentHistory, ConsentStep } from "./consents.js";
import { orderSteps } from "./consents.js";
import type { SeedContext } from "./context.js";
import { emailPart, inventName } from "./names.js";
import { addMs, DAY, Random, SECOND } from "./random.js";

export interface SubscriberPlan {
  readonly email: string;
  readonly createdAt: Date;
  readonly unsubscribedAt: Date | null;
  readonly steps: readonly ConsentStep[];
}

export function planSubscribers(seedNow: Date, count = 30): SubscriberPlan[] {
  const rng = Random.for("newsletter");
  const subscribers: SubscriberPlan[] = [];
  for (let n = 1; n <= count; n++) {
    const person = inventName(rng, rng.pick(["US", "GB", "DE", "FR", "IE", "NL"]));
    const createdAt = rng.dateBetween(new Date("2020-03-01T00:00:00Z"), addMs(seedNow, -DAY));
    const signedUp = addMs(createdAt, rng.int(1, 10) * SECOND);
    const unsubscribedAt =
      rng.chance(0.2) && signedUp < seedNow ? rng.dateBetween(signedUp, seedNow) : null;
    const steps: ConsentStep[] = [
      {
        purpose: "MARKETING",
        state: "GIVEN",
        source: "PORTAL",
        at: signedUp,
        evidence: { form: "newsletter-signup", doubleOptIn: true },
      },
    ];
    if (unsubscribedAt) {
      steps.push({
        purpose: "MARKETING",
        state: "WITHDRAWN",
        source: "EMAIL_LINK",
        at: unsubscribedAt,
        evidence: { link: "list-unsubscribe" },
      });
    }
    const ordered = orderSteps(steps, seedNow);
    subscribers.push({
      email: `reader.${emailPart(person.first)}.${n}@example.com`,
      createdAt,
      // The row's date equals the event's, after ordering nudged it.
      unsubscribedAt: ordered[1]?.at ?? null,
      steps: ordered,
    });
  }
  return subscribers;
}

export async function seedSubscribers(
  ctx: SeedContext,
  subscribers: readonly SubscriberPlan[],
): Promise<ConsentHistory[]> {
  const { count } = await ctx.prisma.newsletterSubscriber.createMany({
    data: subscribers.map(({ steps: _steps, ...subscriber }) => subscriber),
    skipDuplicates: true,
  });
  ctx.created.newsletterSubscribers += count;
  const rows = await ctx.prisma.newsletterSubscriber.findMany({
    where: { email: { in: subscribers.map((subscriber) => subscriber.email) } },
    select: { id: true, email: true },
  });
  const ids = new Map(rows.map((row) => [row.email, row.id]));
  return subscribers.map((subscriber) => {
    const subjectId = ids.get(subscriber.email);
    if (!subjectId) throw new Error(`seed: subscriber ${subscriber.email} is missing`);
    return { subjectKind: "SUBSCRIBER", subjectId, jurisdiction: null, steps: subscriber.steps };
  });
}
