/**
 * A history's seal: one signature over all its checkpoints. The digest is the SHA-256 of one
 * line per checkpoint, "<chain> <sequence> <hash>\n", in byte order of the chain (C
 * collation), so the database and an exported file compute it alike. The signed statement
 * names the format, the history, the counts, the digest and the time.
 */
import { createHash } from "node:crypto";
import type { HistoryName } from "../verification/histories.js";
import type { Queryable } from "../verification/verify-history.js";

export interface SealContent {
  readonly history: HistoryName;
  readonly chains: number;
  /** The sum of the checkpointed sequences: the entries the checkpoints cover. */
  readonly entries: bigint;
  readonly digest: string;
  readonly sealedAt: Date;
}

export interface Seal extends SealContent {
  readonly keyId: string;
  readonly signature: string;
}

export interface CheckpointLine {
  readonly chain: string;
  readonly sequence: bigint;
  readonly hash: string;
}

export function sealStatement(content: SealContent): string {
  return [
    "privet-checkpoints/1",
    content.history,
    String(content.chains),
    String(content.entries),
    content.digest,
    content.sealedAt.toISOString(),
  ].join("\n");
}

/** The digest of checkpoint lines, as the database computes it (digestInDatabase). */
export function digestOf(lines: readonly CheckpointLine[]): string {
  const sorted = [...lines].sort((a, b) =>
    Buffer.compare(Buffer.from(a.chain), Buffer.from(b.chain)),
  );
  const hash = createHash("sha256");
  for (const line of sorted) hash.update(`${line.chain} ${line.sequence} ${line.hash}\n`, "utf8");
  return hash.digest("hex");
}

/** The stored checkpoints' counts and digest (one pass over the history's checkpoints). */
export async function digestInDatabase(
  db: Queryable,
  history: HistoryName,
): Promise<Pick<SealContent, "chains" | "entries" | "digest">> {
  const [row] = await db.$queryRaw<{ chains: bigint; entries: bigint; digest: string }[]>`
    SELECT count(*) AS "chains", COALESCE(sum(c."sequence"), 0)::bigint AS "entries",
      encode(sha256(convert_to(COALESCE(string_agg(
        c."chain" || ' ' || c."sequence"::text || ' ' || c."hash" || E'\n', ''
        ORDER BY c."chain" COLLATE "C"), ''), 'UTF8')), 'hex') AS "digest"
    FROM "ChainCheckpoint" c WHERE c."history" = ${history}`;
  return {
    chains: Number(row?.chains ?? 0n),
    entries: row?.entries ?? 0n,
    digest: row?.digest ?? "",
  };
}

export async function readSeal(db: Queryable, history: HistoryName): Promise<Seal | null> {
  const [row] = await db.$queryRaw<
    {
      chains: number;
      entries: bigint;
      digest: string;
      keyId: string;
      signature: string;
      sealedAt: Date;
    }[]
  >`SELECT "chains", "entries", "digest", "keyId", "signature", "sealedAt"
    FROM "ChainCheckpointSeal" WHERE "history" = ${history}`;
  return row ? { history, ...row } : null;
}
