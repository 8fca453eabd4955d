/**
 * `npm run db:archive -- --list`: the partitions of the audit and staff action logs, and the
 * months already archived.
 * `npm run db:archive -- --before YYYY-MM --to <folder>`: archives every month before YYYY-MM
 * (at most last month) to files in the folder, then drops those months' partitions
 * (retention/archive.ts). Both histories must verify first.
 * `npm run db:archive -- --verify <folder>`: checks the folder's files against the database,
 * and the live chains from where the files end (retention/verify-archive.ts).
 * docs/retention.md says when to run them and where to keep the files.
 */
import { databaseConfigFromEnv, openDatabase } from "../client.js";
import { runCli } from "../migrations/cli-support.js";
import { MigrationError } from "../migrations/errors.js";
import {
  ArchiveError,
  archiveHistories,
  isMonth,
  listHistoryPartitions,
  verifyArchive,
} from "../retention/index.js";

const USAGE = `Usage: npm run db:archive -- --list
       npm run db:archive -- --before YYYY-MM --to <folder>
       npm run db:archive -- --verify <folder>`;

runCli(async (args) => {
  const [command, value, option, folder, ...rest] = args;
  const list = command === "--list" && value === undefined;
  const archive =
    command === "--before" &&
    value !== undefined &&
    option === "--to" &&
    folder &&
    rest.length === 0;
  const verify = command === "--verify" && value !== undefined && option === undefined;
  if (!list && !archive && !verify) {
    console.error(USAGE);
    return 2;
  }
  if (archive && !isMonth(value)) {
    console.error(`"${value}" is not a month: write it as YYYY-MM, e.g. 2025-01.`);
    return 2;
  }
  const database = await openDatabase(databaseConfigFromEnv());
  try {
    if (list) {
      for (const p of await listHistoryPartitions(database.prisma)) {
        console.log(`${p.table.padEnd(20)} ${p.month ?? "default"}  ${p.partition}`);
      }
      const archived = await database.prisma.historyArchive.findMany({
        orderBy: [{ history: "asc" }, { month: "asc" }],
      });
      for (const a of archived) {
        console.log(`archived ${a.history} ${a.month}: ${a.entries} entries in ${a.file}`);
      }
      return 0;
    }
    if (archive) {
      const months = await archiveHistories(database.prisma, {
        before: value,
        dir: folder as string,
      }).catch((error: unknown) => {
        // Words for people, not a stack trace.
        throw error instanceof ArchiveError ? new MigrationError(error.message) : error;
      });
      if (months.length === 0) console.log(`No month before ${value} is left to archive.`);
      for (const m of months) {
        console.log(
          `${m.history} ${m.month}: ${m.entries} entries of ${m.chains} chains → ${m.file}`,
        );
      }
      return 0;
    }
    const report = await verifyArchive(database.prisma, value as string);
    for (const problem of report.problems) console.log(`PROBLEM: ${problem}`);
    console.log(
      report.ok
        ? `The archive verifies: ${report.archivedEntries} archived entries, and the live chains continue from them.`
        : "The archive does NOT verify.",
    );
    return report.ok ? 0 : 1;
  } finally {
    await database.close();
  }
});
