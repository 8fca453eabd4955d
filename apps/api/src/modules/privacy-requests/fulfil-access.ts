/**
 * ACCESS: the same export the portal offers (collectDataExport), stored on the request for the
 * customer; staff see only its summary (format, sections and their sizes, sha256), never the
 * export itself (see toQueueItem).
 */
import { createHash } from "node:crypto";
import type { Prisma } from "@privet/db/client";
import { collectDataExport } from "../data-export/public.js";
import { closeAndTell, type Fulfilment } from "./fulfilment.js";
import { refuse } from "./transition.js";

const DONE =
  'It is done: your data export is ready. Sign in and download it from the "My data" page.';

export const fulfilAccess: Fulfilment = async (work) => {
  const { context, request, base } = work;
  const document = await collectDataExport(context, request.customerId);
  if (!document)
    throw refuse({ reason: "ERASED", message: "The customer's data has been erased." });
  const text = JSON.stringify(document);
  const sections = Object.fromEntries(
    Object.entries(document)
      .filter(([, value]) => Array.isArray(value))
      .map(([key, value]) => [key, (value as unknown[]).length]),
  );
  const outcome = {
    kind: "ACCESS",
    ...base,
    export: {
      format: document.format,
      formatVersion: document.formatVersion,
      exportedAt: document.exportedAt,
      sha256: createHash("sha256").update(text).digest("hex"),
      bytes: Buffer.byteLength(text),
      sections,
    },
    // The export itself, for the customer; never shown to staff (see toQueueItem).
    document: JSON.parse(text) as Prisma.InputJsonObject,
  };
  await context.prisma.$transaction((tx) => closeAndTell(tx, work, outcome, DONE));
};
