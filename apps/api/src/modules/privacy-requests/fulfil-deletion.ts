/**
 * DELETION: erasure (erase-customer.ts), keeping what an open legal request covers. The
 * customer is not told by email: their address is gone.
 */
import { currentConsentsOf, recordConsents } from "../consent/public.js";
import { enqueueWebhookEvents } from "../webhooks/public.js";
import { eraseCustomer } from "./erase-customer.js";
import type { Fulfilment } from "./fulfilment.js";

export const fulfilDeletion: Fulfilment = async ({ context, request, move, now, base }) => {
  // Consents still given are withdrawn by new ledger events (the ledger is appended to, never
  // rewritten), so no campaign or partner acts on an erased person's old choices.
  const subject = { kind: "CUSTOMER", id: request.customerId } as const;
  const given = [...(await currentConsentsOf(context, subject)).values()].filter(
    (consent) => consent.state === "GIVEN",
  );
  await recordConsents(
    context,
    given.map((consent) => ({
      subject,
      purpose: consent.purpose,
      state: "WITHDRAWN" as const,
      source: "STAFF_ON_REQUEST" as const,
      evidence: { privacyRequestId: request.id },
    })),
    async (tx) => {
      const erasure = await eraseCustomer(tx, request.customerId, now);
      // Art. 17(2), 19: every processor that received their data is told, by pseudonym.
      await enqueueWebhookEvents(tx, [
        { type: "subject.erased", customerId: request.customerId, occurredAt: now },
      ]);
      await move(tx, {
        fulfilledAt: now,
        outcome: {
          ...erasure,
          ...base,
          consentsWithdrawn: given.map((consent) => consent.purpose),
        },
      });
    },
  );
};
