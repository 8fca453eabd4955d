/**
 * What fulfilling a DELETION request would erase and keep, before anything is: the erasure
 * itself (erase-customer.ts) run in a transaction that is then rolled back. The preview is not
 * a second description of the erasure that could drift from it — it is the erasure, its counts
 * and holds exactly those the real one would find now, and nothing it wrote survives.
 */
import type { Context } from "../../context/context.js";
import { currentConsentsOf } from "../consent/public.js";
import { type ErasureOutcome, eraseCustomer } from "./erase-customer.js";

/** Thrown to roll the rehearsal back; never leaves this file. */
class Rehearsed extends Error {
  constructor(readonly outcome: ErasureOutcome) {
    super("erasure rehearsed");
  }
}

export interface ErasurePlan {
  readonly erasure: ErasureOutcome;
  /** Consents still given, which fulfilment withdraws by new ledger events. */
  readonly consentsWithdrawn: string[];
}

export async function previewErasure(
  context: Context,
  customerId: string,
  now: Date,
): Promise<ErasurePlan> {
  const subject = { kind: "CUSTOMER", id: customerId } as const;
  const consentsWithdrawn = [...(await currentConsentsOf(context, subject)).values()]
    .filter((consent) => consent.state === "GIVEN")
    .map((consent) => consent.purpose);
  try {
    await context.prisma.$transaction(async (tx) => {
      throw new Rehearsed(await eraseCustomer(tx, customerId, now));
    });
  } catch (error) {
    if (error instanceof Rehearsed) return { erasure: error.outcome, consentsWithdrawn };
    throw error;
  }
  throw new Error("the erasure rehearsal was not rolled back");
}
