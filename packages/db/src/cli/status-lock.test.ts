/**
 * `npm run db:status` against the folder of a running process: the built CLI refuses without
 * opening it, the holder is unharmed, and once the holder stops the CLI works on the folder.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type OpenTestDatabase, testDatabases } from "../test-support/databases.js";
import {
  builtFile,
  killLeftovers,
  type NodeProcess,
  START_TIMEOUT_MS,
  startNode,
} from "../test-support/node-process.js";

// PGlite only (a fresh folder copied from an initialised template: no initdb per test).
describe.each(testDatabases.filter((kind) => kind.name === "pglite"))(
  "db:status on an embedded folder in use ($name)",
  { timeout: 4 * START_TIMEOUT_MS },
  (kind) => {
    let db: OpenTestDatabase;
    let folder: string;
    const holder = builtFile("test-support/folder-holder.js");
    const statusCli = builtFile("cli/status.js");

    beforeEach(async () => {
      db = await kind.open();
      if (db.config.kind !== "pglite") throw new Error("not a PGlite folder");
      folder = db.config.dataDir;
    });
    afterEach(async () => {
      await killLeftovers();
      await db?.drop();
    });

    const hold = async (): Promise<NodeProcess> => {
      const process = startNode([holder, folder]);
      await process.waitFor(/^ready \d+$/);
      return process;
    };
    const status = async () => {
      const cli = startNode([statusCli], { PRIVET_DATA_DIR: folder });
      return { exit: await cli.exited, stdout: cli.stdout(), stderr: cli.stderr() };
    };

    it("refuses while the holder runs, leaves it unharmed, and works once it stops", async () => {
      const running = await hold();
      running.send("write one");
      await running.waitFor(/^wrote one$/);

      const refused = await status();
      expect(refused.exit).toEqual({ code: 1, signal: null });
      // One line for people: the folder, the holder's pid and command, and no stack trace.
      expect(refused.stderr.trimEnd().split("\n")).toEqual([
        expect.stringContaining(
          `Error: The embedded database folder ${folder} is in use by process ${running.pid} ` +
            "(node packages/db/dist/test-support/folder-holder.js, started ",
        ),
      ]);
      expect(refused.stdout).not.toMatch(/Applied|Pending|up to date/);

      // The holder goes on writing and reading.
      running.send("write two");
      await running.waitFor(/^wrote two$/);
      running.send("read");
      await running.waitFor(/^rows one,two$/);
      running.send("stop");
      expect(await running.exited).toEqual({ code: 0, signal: null });

      const after = await status();
      expect(after.exit).toEqual({ code: 0, signal: null });
      expect(after.stdout).toContain("The database is up to date.");

      // And the folder still opens with everything in it.
      const reopened = await hold();
      reopened.send("read");
      await reopened.waitFor(/^rows one,two$/);
      reopened.send("stop");
      expect(await reopened.exited).toEqual({ code: 0, signal: null });
    });
  },
);
