/**
 * Fulfils a verified request, by kind, and records in `outcome` what was done:
 *
 *   - ACCESS: the same export the portal offers (collectDataExport), stored on the request for
 *     the customer; staff see only its summary (format, sections and their sizes, sha256);
 *   - DELETION: erasure (erase-customer.ts), keeping what an open legal request covers;
 *   - CORRECTION: what was corrected, in the officer's words (`note`, required);
 *   - STOP_SHARING: REMARKETING consent withdrawn through the ledger (source STAFF_ON_REQUEST).
 *
 * Each write and the status change share one transaction, stamped fulfilledAt.
 */
import { createHash } from "node:crypto";
import type { Prisma } from "@privet/db/client";
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { badInput } from "../../errors/app-error.js";
import { currentStaff } from "../../guards/current-staff.js";
import { Multiline } from "../../validation/multiline.js";
import * as validate from "../../validation/validate.js";
import { currentConsentsOf } from "../consent/consent-subject.js";
import { recordConsents } from "../consent/record-consent.js";
import { collectDataExport } from "../data-export/collect-data-export.js";
import { eraseCustomer } from "./erase-customer.js";
import { MAX_REASON } from "./extend-privacy-request.resolver.js";
import { loadPrivacyRequest, refuseTransition } from "./load-privacy-request.js";
import type { PrivacyRequestKind } from "./privacy-request-enums.js";
import {
  PrivacyRequestQueueItem,
  QUEUE_ITEM_COLUMNS,
  type QueueItemRow,
  toQueueItem,
} from "./privacy-request-queue-item.type.js";
import { queueRequestEmail } from "./queue-request-email.js";

const FULFILLABLE = ["VERIFIED", "IN_PROGRESS"] as const;

const DONE: Readonly<Record<PrivacyRequestKind, string>> = {
  ACCESS: 'It is done: your data export is ready. Sign in and download it from the "My data" page.',
  DELETION: "",
  CORRECTION: "It is done: your data has been corrected.",
  STOP_SHARING: "It is done: we no longer share your data for advertising.",
};

@Resolver()
export class FulfilPrivacyRequestResolver {
  @Authorized()
  @Mutation(() => PrivacyRequestQueueItem, {
    description:
      "Privacy officer: fulfils a VERIFIED request (ACCESS: the portal's export, stored; DELETION: erasure except what an open legal request keeps; CORRECTION: `note` says what was corrected; STOP_SHARING: REMARKETING consent withdrawn). Records what was done in outcome, stamped fulfilledAt.",
  })
  async fulfilPrivacyRequest(
    @Arg("id", () => ID) idInput: string,
    @Multiline()
    @Arg("note", () => String, {
      nullable: true,
      description: "What was done (required for CORRECTION). Ids and facts, no personal data.",
    })
    noteInput: string | null | undefined,
    @Ctx() context: Context,
  ): Promise<PrivacyRequestQueueItem> {
    const officer = currentStaff(context);
    const note =
      noteInput === null || noteInput === undefined || noteInput.trim() === ""
        ? null
        : validate.text("note", noteInput, { max: MAX_REASON });
    const request = await loadPrivacyRequest(context, idInput);
    if (!(FULFILLABLE as readonly string[]).includes(request.status)) {
      throw refuseTransition(
        request.status === "RECEIVED" ? "NOT_VERIFIED" : "CLOSED",
        request.status === "RECEIVED"
          ? "Verify the customer's identity before fulfilling the request."
          : `This request is already ${request.status}.`,
      );
    }
    if (request.kind === "CORRECTION" && note === null) {
      throw badInput("note", "Say what was corrected.");
    }
    const now = context.request.now;
    const base = { by: officer.staffId, fulfilledAt: now.toISOString(), note };

    const close = (tx: Prisma.TransactionClient, outcome: Prisma.InputJsonObject) =>
      closeRequest(tx, request, now, outcome);
    /** The customer is told it is done (not after a deletion: their address is gone). */
    const closeAndTell = async (tx: Prisma.TransactionClient, outcome: Prisma.InputJsonObject) => {
      await close(tx, outcome);
      await queueRequestEmail(tx, {
        customerId: request.customerId,
        toAddress: request.customer.email,
        kind: request.kind,
        receivedAt: request.receivedAt,
        subject: "Your privacy request is complete",
        paragraphs: [DONE[request.kind]],
      });
    };

    switch (request.kind) {
      case "ACCESS": {
        const document = await collectDataExport(context, request.customerId);
        if (!document) throw refuseTransition("ERASED", "The customer's data has been erased.");
        const text = JSON.stringify(document);
        const sections = Object.fromEntries(
          Object.entries(document)
            .filter(([, value]) => Array.isArray(value))
            .map(([key, value]) => [key, (value as unknown[]).length]),
        );
        await context.prisma.$transaction((tx) =>
          closeAndTell(tx, {
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
          }),
        );
        break;
      }
      case "DELETION": {
        // Consents still given are withdrawn by new ledger events (the ledger is appended to,
        // never rewritten), so no campaign or partner acts on an erased person's old choices.
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
            await close(tx, {
              ...erasure,
              ...base,
              consentsWithdrawn: given.map((consent) => consent.purpose),
            });
          },
        );
        break;
      }
      case "CORRECTION":
        await context.prisma.$transaction((tx) =>
          closeAndTell(tx, { kind: "CORRECTION", ...base, corrected: note }),
        );
        break;
      case "STOP_SHARING": {
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
          (tx) => closeAndTell(tx, outcome),
        );
        break;
      }
    }
    const row = await context.prisma.privacyRequest.findUniqueOrThrow({
      where: { id: request.id },
      select: QUEUE_ITEM_COLUMNS,
    });
    return toQueueItem(row, now);
  }
}

/** FULFILLED with its outcome, if it is still in the state it was read in. */
async function closeRequest(
  tx: Prisma.TransactionClient,
  request: QueueItemRow,
  now: Date,
  outcome: Prisma.InputJsonObject,
): Promise<void> {
  const { count } = await tx.privacyRequest.updateMany({
    where: { id: request.id, status: request.status },
    data: { status: "FULFILLED", fulfilledAt: now, outcome },
  });
  if (count === 0) throw refuseTransition("CHANGED", "The request changed meanwhile.");
}
