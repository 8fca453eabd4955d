/**
 * `npm run db:verify`: re-verifies every history (the audit log, the consent ledger, the
 * staff action log) from its first entry, in batches, with a progress bar on stderr.
 * `-- --against earlier.json`: also checks the database against checkpoints exported earlier
 * (`npm run db:checkpoints -- --export`): what the chains alone cannot show, newest entries
 * deleted with the heads rolled back, or entries rewritten with every hash recomputed.
 * The export's signatures are checked with the signing key's public half (PRIVET_SIGNING_KEY
 * or the key file; `--public-key key.pem` to give it instead).
 * Exit code 0 when everything verifies; 1 on a break, naming the history, the chain and the
 * sequence of the first one; 2 for bad arguments or a file that is not a valid export.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import type { ChainVerification } from "../chain/hash.js";
import {
  CheckpointExportError,
  checkExport,
  loadCheckpointSigner,
  verifierFromPublicKey,
  verifyAgainstExport,
} from "../checkpoints/index.js";
import type { CheckpointVerifier } from "../checkpoints/signing.js";
import { databaseConfigFromEnv, describeDatabase, openDatabase } from "../client.js";
import { runCli } from "../migrations/cli-support.js";
import { HISTORY_NAMES, type HistoryName } from "../verification/histories.js";
import { verifyAllHistories } from "../verification/verify-all.js";
import { progressBar } from "./progress.js";

const USAGE = `Usage: npm run db:verify [-- --against earlier.json] [--public-key key.pem] [--batch N]`;

runCli(async (args) => {
  const options = parseArgs(args);
  if (!options) {
    console.error(USAGE);
    return 2;
  }
  const config = databaseConfigFromEnv();
  console.error(`Verifying ${describeDatabase(config)}…`);
  let exported: ReturnType<typeof checkExport> | null = null;
  if (options.against) {
    const verifier: CheckpointVerifier = options.publicKey
      ? verifierFromPublicKey(readFileSync(options.publicKey, "utf8"))
      : loadCheckpointSigner(config, process.env.PRIVET_SIGNING_KEY?.trim() || undefined);
    try {
      exported = checkExport(JSON.parse(readFileSync(options.against, "utf8")), verifier);
    } catch (error) {
      if (error instanceof CheckpointExportError || error instanceof SyntaxError) {
        console.error(`Error: ${options.against}: ${error.message}`);
        return 2;
      }
      throw error;
    }
  }

  const database = await openDatabase(config);
  try {
    const bars = new Map(HISTORY_NAMES.map((name) => [name, progressBar(name)]));
    const started = performance.now();
    const results = await verifyAllHistories(database.prisma, {
      batch: options.batch,
      onProgress: (history, done, total) => bars.get(history)?.update(done, total),
    });
    for (const bar of bars.values()) bar.end();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    let broken = report(results, "");
    if (exported) {
      const against = await verifyAgainstExport(database.prisma, exported);
      broken = report(against, ` against ${options.against}`) || broken;
    }
    console.log(broken ? `BROKEN (${seconds} s)` : `All histories verify (${seconds} s).`);
    return broken ? 1 : 0;
  } finally {
    await database.close();
  }
});

/** Prints each history's result; whether any is broken. */
function report(results: Partial<Record<HistoryName, ChainVerification>>, suffix: string): boolean {
  let broken = false;
  for (const [history, result] of Object.entries(results)) {
    if (!result) continue;
    if (result.ok) {
      console.log(`${history}${suffix}: ok, ${result.checked.toLocaleString("en")} entries`);
      continue;
    }
    broken = true;
    const { chain, sequence, problem, eventId } = result.firstBroken;
    console.log(
      `${history}${suffix}: BROKEN at chain ${chain || "(none)"} sequence ${sequence}: ${problem}${eventId ? ` (entry ${eventId})` : ""}`,
    );
  }
  return broken;
}

function parseArgs(
  args: string[],
): { against?: string; publicKey?: string; batch?: number } | null {
  const options: { against?: string; publicKey?: string; batch?: number } = {};
  for (let i = 0; i < args.length; i++) {
    const [arg, value] = [args[i], args[i + 1]];
    if (value === undefined) return null;
    if (arg === "--against") options.against = value;
    else if (arg === "--public-key") options.publicKey = value;
    else if (arg === "--batch" && /^\d+$/.test(value) && Number(value) >= 100) {
      options.batch = Number(value);
    } else return null;
    i++;
  }
  return options;
}
