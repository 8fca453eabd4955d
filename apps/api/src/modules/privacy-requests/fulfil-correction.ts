/** CORRECTION: what was corrected, in the officer's words (`note`, required). */
import { badInput } from "../../errors/app-error.js";
import { enqueueWebhookEvents } from "../webhooks/public.js";
import { closeAndTell, type Fulfilment } from "./fulfilment.js";

const DONE = "It is done: your data has been corrected.";

export const fulfilCorrection: Fulfilment = async (work) => {
  const { context, note, base } = work;
  if (note === null) throw badInput("note", "Say what was corrected.");
  await context.prisma.$transaction(async (tx) => {
    await closeAndTell(tx, work, { kind: "CORRECTION", ...base, corrected: note }, DONE);
    // Art. 19: the processors that received their data are told a correction was made (not
    // what: the note is the officer's words to the customer), and read the data again.
    await enqueueWebhookEvents(tx, [
      { type: "subject.corrected", customerId: work.request.customerId, occurredAt: work.now },
    ]);
  });
};
