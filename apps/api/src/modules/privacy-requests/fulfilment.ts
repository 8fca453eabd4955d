/**
 * What fulfilling a request of one kind is given, and the closing step most kinds share. Each
 * kind's work is its own file (fulfil-access.ts, fulfil-deletion.ts, fulfil-correction.ts,
 * fulfil-stop-sharing.ts); each records in `outcome` what was done, in the same transaction as
 * the status change (transition.ts's `move`), stamped fulfilledAt.
 */
import type { Prisma } from "@privet/db/client";
import type { Context } from "../../context/context.js";
import type { QueueItemRow } from "./privacy-request-queue-item.type.js";
import { queueRequestEmail } from "./queue-request-email.js";
import type { Move } from "./transition.js";

export interface FulfilmentWork {
  readonly context: Context;
  readonly request: QueueItemRow;
  readonly move: Move;
  readonly now: Date;
  /** The officer's note, if any: what was done, in ids and facts. */
  readonly note: string | null;
  /** What every outcome records: who fulfilled it, when, and the note. */
  readonly base: {
    readonly by: string;
    readonly fulfilledAt: string;
    readonly note: string | null;
  };
}

export type Fulfilment = (work: FulfilmentWork) => Promise<void>;

/** FULFILLED with its outcome, and the customer told it is done (`done` says what was done). */
export async function closeAndTell(
  tx: Prisma.TransactionClient,
  { request, move, now }: FulfilmentWork,
  outcome: Prisma.InputJsonObject,
  done: string,
): Promise<void> {
  await move(tx, { fulfilledAt: now, outcome });
  await queueRequestEmail(tx, {
    customerId: request.customerId,
    toAddress: request.customer.email,
    kind: request.kind,
    receivedAt: request.receivedAt,
    subject: "Your privacy request is complete",
    paragraphs: [done],
  });
}
