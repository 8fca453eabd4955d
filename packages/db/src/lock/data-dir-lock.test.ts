/**
 * The folder lock's decisions, in one process: who counts as holding a folder, and which lock
 * files are stale. The same rules across real processes: one-process-per-folder.test.ts.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openAdapterFactory } from "../client.js";
import {
  currentHolderForTesting,
  DATA_DIR_IN_USE,
  DataDirInUseError,
  LOCK_FILE_NAME,
  lockDataDir,
} from "./data-dir-lock.js";

const linux = existsSync("/proc/self/stat");

describe("lockDataDir", () => {
  let folder: string;
  let lockFile: string;
  beforeEach(async () => {
    folder = join(await mkdtemp(join(tmpdir(), "privet-lock-unit-")), "pglite");
    lockFile = join(folder, LOCK_FILE_NAME);
  });
  afterEach(() => rm(join(folder, ".."), { recursive: true, force: true }));

  const refusal = (): DataDirInUseError => {
    try {
      lockDataDir(folder);
    } catch (error) {
      return error as DataDirInUseError;
    }
    throw new Error("the folder was locked twice");
  };
  const lockFileOf = (holder: object) => {
    lockDataDir(folder).release(); // creates the folder
    writeFileSync(lockFile, `${JSON.stringify({ ...currentHolderForTesting(), ...holder })}\n`);
  };

  it("creates the folder, records this process, and removes the file on release", async () => {
    const lock = lockDataDir(folder);
    expect(JSON.parse(readFileSync(lockFile, "utf8"))).toMatchObject({ pid: process.pid });
    lock.release();
    lock.release();
    expect(await readdir(folder)).toEqual([]);
  });

  it("refuses a second open in the same process with a typed error naming folder and pid", () => {
    const lock = lockDataDir(folder);
    const error = refusal();
    expect(error).toBeInstanceOf(DataDirInUseError);
    expect(error.code).toBe(DATA_DIR_IN_USE);
    expect(error.message).toMatch(
      `The embedded database folder ${folder} is in use by process ${process.pid} (`,
    );
    expect(error.message).toContain(", this process)");
    lock.release();
    lockDataDir(folder).release();
  });

  it.runIf(linux)("treats a reused pid (same pid, other start time) as stale", () => {
    lockFileOf({ startTicks: "1" });
    const lock = lockDataDir(folder);
    expect(lock.replacedStale).toMatchObject({ pid: process.pid, startTicks: "1" });
    lock.release();
  });

  it.runIf(linux)("treats a lock from before the last boot as stale", () => {
    lockFileOf({ bootId: "00000000-0000-0000-0000-000000000000" });
    const lock = lockDataDir(folder);
    expect(lock.replacedStale?.pid).toBe(process.pid);
    lock.release();
  });

  it("replaces a lock file that holds no record (emptied by a crash)", () => {
    lockDataDir(folder).release();
    writeFileSync(lockFile, "");
    lockDataDir(folder).release();
    expect(existsSync(lockFile)).toBe(false);
  });

  it("respects a lock taken on another host, which it cannot check, and says how to clear it", () => {
    lockFileOf({ host: "elsewhere.example" });
    const error = refusal();
    expect(error.message).toContain(
      `is in use by process ${process.pid} on host elsewhere.example`,
    );
    expect(error.message).toContain(`If that host no longer uses it, delete ${lockFile}.`);
  });

  it("leaves memory:// alone: two in-memory databases open at once", async () => {
    const config = { kind: "pglite", dataDir: "memory://" } as const;
    const [one, two] = await Promise.all([openAdapterFactory(config), openAdapterFactory(config)]);
    await Promise.all([one.dispose(), two.dispose()]);
  });
});
