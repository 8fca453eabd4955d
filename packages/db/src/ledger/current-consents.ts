import type { ConsentPurpose, ConsentSnapshot, ConsentState } from "@privet/domain/consent";
import type { ConsentSubjectKind, PrismaClient } from "../generated/prisma/client.js";

/**
 * The current consents of many subjects in one statement, as the snapshots decide() takes.
 * Subjects with no consent events get an empty snapshot.
 */
export async function currentConsents(
  prisma: PrismaClient,
  subjectKind: ConsentSubjectKind,
  subjectIds: readonly string[],
): Promise<Map<string, ConsentSnapshot>> {
  const rows = await prisma.consentCurrent.findMany({
    where: { subjectKind, subjectId: { in: [...subjectIds] } },
    select: { subjectId: true, purpose: true, state: true },
  });
  const snapshots = new Map<string, Partial<Record<ConsentPurpose, ConsentState>>>(
    subjectIds.map((id) => [id, {}]),
  );
  for (const row of rows) {
    const snapshot = snapshots.get(row.subjectId);
    if (snapshot) snapshot[row.purpose as ConsentPurpose] = row.state;
  }
  return snapshots;
}
