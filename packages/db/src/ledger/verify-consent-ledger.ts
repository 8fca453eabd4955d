/**
 * Verifies the consent ledger's hash chains, subject by subject, and reports the first broken
 * link: a row whose content no longer matches its hash (rewritten), whose previous-hash does
 * not match its predecessor (forged or reordered), or a gap in the sequence (deleted).
 */
import { type ChainVerification, verifyRows } from "../chain/hash.js";
import type { ConsentEvent, ConsentSubjectKind, PrismaClient } from "../generated/prisma/client.js";
import { consentChainKey, consentEventContent } from "./consent-event-content.js";

const PAGE = 1000;

export async function verifyConsentLedger(
  prisma: PrismaClient,
  scope: { subjectKind?: ConsentSubjectKind; subjectId?: string } = {},
): Promise<ChainVerification> {
  const state = { chain: null as string | null, previous: null as ConsentEvent | null, checked: 0 };
  let cursor: string | undefined;
  for (;;) {
    const rows = await prisma.consentEvent.findMany({
      where: scope,
      orderBy: [{ subjectKind: "asc" }, { subjectId: "asc" }, { sequence: "asc" }, { id: "asc" }],
      take: PAGE,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    const broken = verifyRows(rows, consentChainKey, consentEventContent, state);
    if (broken) return { ok: false, checked: state.checked, firstBroken: broken };
    if (rows.length < PAGE) return { ok: true, checked: state.checked };
    cursor = rows[rows.length - 1]?.id;
  }
}
