/**
 * STOP_SHARING: REMARKETING consent withdrawn through the ledger (source STAFF_ON_REQUEST), or
 * recorded as already off when it was not given.
 */
import { currentConsentsOf, recordConsents } from "../consent/public.js";
import { closeAndTell, type Fulfilment } from "./fulfilment.js";

const DONE = "It is done: we no longer share your data for advertising.";

export const fulfilStopSharing: Fulfilment = async (work) => {
  const { context, request, base } = work;
  const subject = { kind: "CUSTOMER", id: request.customerId } as const;
  const current = (await currentConsentsOf(context, subject)).get("REMARKETING");
  const wasGiven = current?.state === "GIVEN";
  const outcome = {
    kind: "STOP_SHARING",
    ...base,
    remarketing: wasGiven ? "WITHDRAWN" : `ALREADY_${current?.state ?? "NOT_GIVEN"}`,
  };
  await recordConsents(
    context,
    wasGiven
      ? [
          {
            subject,
            purpose: "REMARKETING",
            state: "WITHDRAWN",
            source: "STAFF_ON_REQUEST",
            evidence: { privacyRequestId: request.id },
          },
        ]
      : [],
    (tx) => closeAndTell(tx, work, outcome, DONE),
  );
};
