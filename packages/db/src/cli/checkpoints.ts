/**
 * `npm run db:checkpoints -- --advance`: verifies what was written since the last checkpoints
 * and moves them (what the API's background job does), signed with the checkpoint key
 * (PRIVET_SIGNING_KEY, or the key file beside the embedded database).
 * `npm run db:checkpoints -- --export file.json`: writes the signed checkpoints to a file, to
 * keep outside the database (`npm run db:verify -- --against file.json` later).
 * `npm run db:checkpoints -- --public-key`: prints the public key (PEM).
 */
import { writeFileSync } from "node:fs";
import {
  advanceCheckpoints,
  exportCheckpoints,
  loadCheckpointSigner,
} from "../checkpoints/index.js";
import { databaseConfigFromEnv, openDatabase } from "../client.js";
import { runCli } from "../migrations/cli-support.js";

const USAGE = `Usage: npm run db:checkpoints -- --advance | --export file.json | --public-key`;

runCli(async (args) => {
  const [command, file, ...rest] = args;
  const valid =
    rest.length === 0 &&
    ((command === "--export" && file) ||
      ((command === "--advance" || command === "--public-key") && file === undefined));
  if (!valid) {
    console.error(USAGE);
    return 2;
  }
  const config = databaseConfigFromEnv();
  const signer = loadCheckpointSigner(config, process.env.PRIVET_SIGNING_KEY?.trim() || undefined);
  if (command === "--public-key") {
    process.stdout.write(signer.publicKeyPem);
    return 0;
  }
  const database = await openDatabase(config);
  try {
    if (command === "--advance") {
      let broken = false;
      for (const report of await advanceCheckpoints(database.prisma, signer)) {
        broken ||= !report.result.ok;
        const state = report.result.ok
          ? "ok"
          : `BROKEN at chain ${report.result.firstBroken.chain} sequence ${report.result.firstBroken.sequence}: ${report.result.firstBroken.problem}`;
        console.log(
          `${report.history}: ${state}; ${report.entriesRead} entries verified, ${report.chainsAdvanced} checkpoints moved`,
        );
      }
      return broken ? 1 : 0;
    }
    const exported = await exportCheckpoints(database.prisma, signer);
    writeFileSync(file as string, `${JSON.stringify(exported, null, 2)}\n`);
    const chains = exported.histories.reduce((sum, h) => sum + h.chains, 0);
    console.log(
      `Wrote ${chains} signed checkpoints of ${exported.histories.length} histories to ${file}.`,
    );
    return 0;
  } finally {
    await database.close();
  }
});
