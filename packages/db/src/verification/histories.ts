/**
 * The three hash-chained histories, as the batch verifier (verify-history.ts) reads them:
 * where the entries and heads live, how an entry's chain is named in reports, and the SQL
 * function that recomputes an entry's hash exactly as it was made (by the audit and staff
 * action triggers; for the consent ledger by "privet_consent_event_hash", which reproduces
 * the writer's JavaScript canonical JSON).
 */
import { Prisma } from "../generated/prisma/client.js";

export type HistoryName = "AUDIT_LOG" | "CONSENT_LEDGER" | "STAFF_ACTIONS";

export const HISTORY_NAMES: readonly HistoryName[] = [
  "AUDIT_LOG",
  "CONSENT_LEDGER",
  "STAFF_ACTIONS",
];

/** Constants of this package only: they are spliced into SQL. */
export interface History {
  readonly name: HistoryName;
  readonly table: Prisma.Sql;
  readonly hashFunction: Prisma.Sql;
  /** An entry's chain as text (entries aliased `e`), as reports name it. */
  readonly chainOfEntry: Prisma.Sql;
  /** The columns of the unique (chain, sequence) index, for grouping by chain. */
  readonly chainColumns: Prisma.Sql;
  /** Entries `e` of the chain named by `r.chain`: matches the index's leading columns. */
  readonly entryInRange: Prisma.Sql;
  readonly headTable: Prisma.Sql;
  /** A head's chain as text (heads aliased `h`). */
  readonly chainOfHead: Prisma.Sql;
}

export const auditLog: History = {
  name: "AUDIT_LOG",
  table: Prisma.raw(`"AccessRecord"`),
  hashFunction: Prisma.raw(`"privet_access_record_hash"`),
  chainOfEntry: Prisma.raw(`e."chain"`),
  chainColumns: Prisma.raw(`e."chain"`),
  entryInRange: Prisma.raw(`e."chain" = r."chain"`),
  headTable: Prisma.raw(`"AccessChainHead"`),
  chainOfHead: Prisma.raw(`h."chain"`),
};

export const consentLedger: History = {
  name: "CONSENT_LEDGER",
  table: Prisma.raw(`"ConsentEvent"`),
  hashFunction: Prisma.raw(`"privet_consent_event_hash"`),
  chainOfEntry: Prisma.raw(`(e."subjectKind"::text || ':' || e."subjectId"::text)`),
  chainColumns: Prisma.raw(`e."subjectKind", e."subjectId"`),
  entryInRange: Prisma.raw(
    `e."subjectKind" = split_part(r."chain", ':', 1)::"ConsentSubjectKind" AND e."subjectId" = split_part(r."chain", ':', 2)::uuid`,
  ),
  headTable: Prisma.raw(`"ConsentChainHead"`),
  chainOfHead: Prisma.raw(`(h."subjectKind"::text || ':' || h."subjectId"::text)`),
};

export const staffActions: History = {
  name: "STAFF_ACTIONS",
  table: Prisma.raw(`"StaffAction"`),
  hashFunction: Prisma.raw(`"privet_staff_action_hash"`),
  chainOfEntry: Prisma.raw(`e."staffUserId"::text`),
  chainColumns: Prisma.raw(`e."staffUserId"`),
  entryInRange: Prisma.raw(`e."staffUserId" = r."chain"::uuid`),
  headTable: Prisma.raw(`"StaffActionChainHead"`),
  chainOfHead: Prisma.raw(`h."staffUserId"::text`),
};

export const histories: Record<HistoryName, History> = {
  AUDIT_LOG: auditLog,
  CONSENT_LEDGER: consentLedger,
  STAFF_ACTIONS: staffActions,
};
