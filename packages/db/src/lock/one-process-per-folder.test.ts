/**
 * One process per embedded database folder, with real processes: each holder below is
 * `node dist/test-support/folder-holder.js <folder>`, which opens the folder through
 * openDatabase exactly as the API does.
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

const TIMEOUT = 4 * START_TIMEOUT_MS;

// PGlite only (a fresh folder copied from an initialised template: no initdb per test).
describe.each(testDatabases.filter((kind) => kind.name === "pglite"))(
  "an embedded database folder ($name)",
  { timeout: TIMEOUT },
  (kind) => {
    let db: OpenTestDatabase;
    let folder: string;
    const holder = builtFile("test-support/folder-holder.js");

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
    const write = async (process: NodeProcess, label: string) => {
      process.send(`write ${label}`);
      await process.waitFor(new RegExp(`^wrote ${label}$`));
    };
    const read = async (process: NodeProcess) => {
      process.send("read");
      const [, rows = ""] = await process.waitFor(/^rows (.*)$/);
      return rows.split(",").filter(Boolean);
    };
    const stop = async (process: NodeProcess) => {
      process.send("stop");
      expect(await process.exited).toEqual({ code: 0, signal: null });
    };

    it("refuses a second process at once, naming the folder and the holder, and the first keeps its writes", async () => {
      const first = await hold();
      await write(first, "before");

      const second = startNode([holder, folder]);
      expect(await second.exited).toEqual({ code: 1, signal: null });
      expect(second.stderr()).toContain(
        `The embedded database folder ${folder} is in use by process ${first.pid} ` +
          "(node packages/db/dist/test-support/folder-holder.js, started ",
      );
      // Refused before PGlite opened the folder: no migration ran, nothing was printed as ready.
      expect(second.stdout()).toBe("");

      await write(first, "after");
      await stop(first);
      const again = await hold();
      expect(await read(again)).toEqual(["before", "after"]);
      await stop(again);
    });

    it("is not blocked by a holder killed with kill -9, and keeps what it acknowledged", async () => {
      const first = await hold();
      await write(first, "acknowledged");
      first.kill("SIGKILL");
      expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });

      const next = await hold();
      expect(next.stdout()).toContain(`Replaced a stale lock on ${folder}: process ${first.pid} `);
      expect(await read(next)).toEqual(["acknowledged"]);
      await stop(next);
    });
  },
);
