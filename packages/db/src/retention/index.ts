export {
  ARCHIVE_FORMAT,
  type ArchivedMonth,
  type ArchivedRun,
  ArchiveError,
  type ArchiveManifest,
  type ArchiveOptions,
  archiveHistories,
  entriesName,
  manifestName,
} from "./archive.js";
export {
  ARCHIVABLE_HISTORIES,
  type ArchivableHistory,
  addMonths,
  ensureHistoryPartitions,
  type HistoryPartition,
  isMonth,
  listHistoryPartitions,
  MONTHS_AHEAD,
  type Month,
  monthOf,
  PARTITIONED_TABLES,
  partitionMonth,
  partitionName,
} from "./partitions.js";
export { type ArchiveVerification, verifyArchive } from "./verify-archive.js";
