/** Verifies the audit log's hash chains (one per subject), reporting the first broken link. */
import { type ChainVerification, verifyRows } from "../chain/hash.js";
import type { AccessEvent, PrismaClient } from "../generated/prisma/client.js";
import { accessEventContent } from "./access-event-content.js";

const PAGE = 1000;

export async function verifyAuditLog(
  prisma: PrismaClient,
  scope: { subjectId?: string } = {},
): Promise<ChainVerification> {
  const state = { chain: null as string | null, previous: null as AccessEvent | null, checked: 0 };
  let cursor: string | undefined;
  for (;;) {
    const rows = await prisma.accessEvent.findMany({
      where: scope,
      orderBy: [{ subjectId: "asc" }, { sequence: "asc" }, { id: "asc" }],
      take: PAGE,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    const broken = verifyRows(rows, (row) => row.subjectId, accessEventContent, state);
    if (broken) return { ok: false, checked: state.checked, firstBroken: broken };
    if (rows.length < PAGE) return { ok: true, checked: state.checked };
    cursor = rows[rows.length - 1]?.id;
  }
}
