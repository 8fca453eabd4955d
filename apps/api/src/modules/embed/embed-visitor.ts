/**
 * The embeddable banner's visitor: a `Visitor` row found by the SHA-256 of the random id the
 * banner keeps in the embedding site's localStorage (`Visitor.embedIdHash`).
 *
 * The id is a bearer secret held where any script on that site can read it, so it opens as
 * little as possible: only rows made for the banner (a portal visitor's cookie id, a merged
 * visitor, a customer never match), and only their cookie consents (the route reads and
 * writes nothing else). Such a row's `cookieId` is a random value never issued to anyone, so
 * the id cannot be replayed as the portal's `privet_visitor` cookie either. Ids are made by
 * the server, never chosen by the client: an id that names no row is answered as a newcomer.
 */
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@privet/db/client";
import { badInput } from "../../errors/app-error.js";
import { hashToken, randomToken } from "../../http/tokens.js";

export const VISITOR_ID_HEADER = "x-privet-visitor";

/** randomToken()'s form: 43 base64url characters; a little room either way, nothing else. */
const VISITOR_ID = /^[A-Za-z0-9_-]{32,64}$/;

export interface EmbedVisitor {
  readonly id: string;
  readonly gpcSeenAt: Date | null;
}

/** The header's id, checked for form; undefined when absent. Never quoted back. */
export function visitorIdOf(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value === "") return undefined;
  if (!VISITOR_ID.test(value)) {
    throw badInput(
      VISITOR_ID_HEADER,
      "The visitor id must be the one this API gave the banner (letters, digits, - and _).",
    );
  }
  return value;
}

export async function findEmbedVisitor(
  prisma: PrismaClient,
  visitorId: string | undefined,
): Promise<EmbedVisitor | null> {
  if (visitorId === undefined) return null;
  return prisma.visitor.findFirst({
    where: { embedIdHash: hashToken(visitorId), customerId: null },
    select: { id: true, gpcSeenAt: true },
  });
}

/** A new banner visitor: its row id, and the id (given to the banner once, stored hashed). */
export function newEmbedVisitor(): { readonly row: EmbedVisitor; readonly visitorId: string } {
  return { row: { id: randomUUID(), gpcSeenAt: null }, visitorId: randomToken() };
}

export function createEmbedVisitor(
  tx: Prisma.TransactionClient,
  created: ReturnType<typeof newEmbedVisitor>,
  now: Date,
  gpc: boolean,
) {
  return tx.visitor.create({
    data: {
      id: created.row.id,
      // Required and unique, and never issued: the row cannot be reached by a cookie.
      cookieId: randomToken(),
      embedIdHash: hashToken(created.visitorId),
      gpcSeenAt: gpc ? now : null,
      createdAt: now,
    },
    select: { id: true },
  });
}
