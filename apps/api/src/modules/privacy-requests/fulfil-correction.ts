/** CORRECTION: what was corrected, in the officer's words (`note`, required). */
import { badInput } from "../../errors/app-error.js";
import { closeAndTell, type Fulfilment } from "./fulfilment.js";

const DONE = "It is done: your data has been corrected.";

export const fulfilCorrection: Fulfilment = async (work) => {
  const { context, note, base } = work;
  if (note === null) throw badInput("note", "Say what was corrected.");
  await context.prisma.$transaction((tx) =>
    closeAndTell(tx, work, { kind: "CORRECTION", ...base, corrected: note }, DONE),
  );
};
