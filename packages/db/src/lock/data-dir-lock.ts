/**
 * One process per embedded database folder. PGlite runs PostgreSQL inside the process with no
 * postmaster and no shared memory, so nothing in the database stops a second process from
 * opening the same folder: each then writes over the other's files, acknowledged writes are
 * lost, and the folder can end up unreadable. This lock is the interlock PostgreSQL's
 * postmaster.pid would be.
 *
 * The lock is a file in the folder, `privet.lock`, holding who took it: the pid, the host, and
 * on Linux the machine's boot id and the process's start time in clock ticks since boot
 * (/proc/<pid>/stat). It is created atomically, complete, by hard-linking a temporary file
 * that already holds the record (link fails if the name exists), before PGlite touches the
 * folder, and removed on close (and on process exit, as a backstop).
 *
 * A lock file whose holder is gone is stale and is replaced: a process killed with `kill -9`
 * never blocks the next start. On Linux "gone" means: another boot, no such pid, a zombie, or
 * a pid now used by a process that started at another time (PID reuse). Elsewhere it means
 * `kill(pid, 0)` says there is no such process; a reused pid there reads as alive, and the
 * message then says which file to delete. A lock taken on another host cannot be checked from
 * here (a shared volume): it is respected, and the message says so.
 */
import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { isAbsolute, join, relative, resolve } from "node:path";
import { paths } from "../paths.js";

export const LOCK_FILE_NAME = "privet.lock";
export const DATA_DIR_IN_USE = "DATA_DIR_IN_USE";

/** What a lock file records about the process holding the folder. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** Linux: /proc/sys/kernel/random/boot_id when the lock was taken. */
  readonly bootId?: string;
  /** Linux: field 22 of /proc/<pid>/stat (start time in clock ticks since boot). */
  readonly startTicks?: string;
  /** When the holding process started (ISO 8601). */
  readonly startedAt: string;
  /** The script it runs, e.g. `node apps/api/dist/main.js` (no arguments). */
  readonly command: string;
}

/** Refused: another live process holds the folder. Its message is meant for people. */
export class DataDirInUseError extends Error {
  override readonly name = "DataDirInUseError";
  readonly code = DATA_DIR_IN_USE;

  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
    readonly lockFile: string,
    /** How liveness was established: "proc" is exact; "signal" may mistake a reused pid. */
    readonly checkedBy: "proc" | "signal" | "other-host",
  ) {
    super(inUseMessage(dataDir, holder, lockFile, checkedBy));
  }
}

export function isDataDirInUseError(error: unknown): error is DataDirInUseError {
  return (
    error instanceof DataDirInUseError ||
    (error instanceof Error && (error as { code?: unknown }).code === DATA_DIR_IN_USE)
  );
}

function inUseMessage(
  dataDir: string,
  holder: LockHolder,
  lockFile: string,
  checkedBy: DataDirInUseError["checkedBy"],
): string {
  const self = holder.pid === process.pid && checkedBy !== "other-host" ? ", this process" : "";
  const where = checkedBy === "other-host" ? ` on host ${holder.host}` : "";
  const what = `${holder.command}, started ${holder.startedAt}${self}`;
  const advice =
    checkedBy === "other-host"
      ? ` If that host no longer uses it, delete ${lockFile}.`
      : checkedBy === "signal"
        ? ` If no such process uses it (a reused pid), delete ${lockFile}.`
        : "";
  return (
    `The embedded database folder ${dataDir} is in use by process ${holder.pid}${where} ` +
    `(${what}). One process at a time may open it: stop that process first, or set ` +
    `PRIVET_DATA_DIR to another folder.${advice}`
  );
}

export interface DataDirLock {
  readonly dataDir: string;
  readonly file: string;
  /** The holder of a stale lock this one replaced (a process that died without closing). */
  readonly replacedStale?: LockHolder;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

const held = new Set<DataDirLock>();
let exitHookInstalled = false;

/**
 * Takes the folder (creating it if missing) or throws DataDirInUseError at once: it never
 * waits. Synchronous, so two opens in one process cannot interleave either.
 */
export function lockDataDir(folder: string): DataDirLock {
  const dataDir = resolve(folder);
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE_NAME);
  const record = `${JSON.stringify(currentHolder())}\n`;
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temporary, record, { flag: "wx", mode: 0o644 });
  let replacedStale: LockHolder | undefined;
  try {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      try {
        linkSync(temporary, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const existing = readIfExists(file);
        if (existing === undefined) continue; // released meanwhile: try again
        const holder = parseHolder(existing);
        const state = holder ? holderState(holder) : { alive: false as const };
        if (holder && state.alive) {
          throw new DataDirInUseError(dataDir, holder, file, state.checkedBy);
        }
        if (removeIfUnchanged(file, existing) && holder) replacedStale = holder;
        continue;
      }
      const lock: DataDirLock = {
        dataDir,
        file,
        replacedStale,
        release() {
          if (!held.delete(lock)) return;
          if (readIfExists(file) === record) rmSync(file, { force: true });
        },
      };
      held.add(lock);
      if (!exitHookInstalled) {
        exitHookInstalled = true;
        // A process that exits without closing (process.exit after an error) leaves no lock
        // behind. One killed by a signal does; the next start finds that lock stale.
        process.on("exit", () => {
          for (const lock of [...held]) lock.release();
        });
      }
      return lock;
    }
    throw new Error(
      `Could not take the lock on ${dataDir}: ${file} kept changing (several processes ` +
        "starting on this folder at once?). Try again.",
    );
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * Removes a stale lock file unless someone replaced it since we read it. Moving it aside
 * first (rename is atomic) and comparing what was moved makes the check and the removal
 * one step as far as a fresh lock is concerned: if another process broke the same stale lock
 * and took the folder in between, we moved its lock, so we put it back.
 */
function removeIfUnchanged(file: string, staleText: string): boolean {
  const aside = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.stale`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
  try {
    if (readFileSync(aside, "utf8") === staleText) return true;
    try {
      linkSync(aside, file);
    } catch {
      // A third process took the folder in that instant; nothing better to do than leave it.
    }
    return false;
  } finally {
    rmSync(aside, { force: true });
  }
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** A lock file we cannot read as a record (e.g. emptied by a crash) protects nothing. */
function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (!Number.isInteger(value.pid) || typeof value.host !== "string") return undefined;
    return {
      pid: value.pid as number,
      host: value.host,
      bootId: typeof value.bootId === "string" ? value.bootId : undefined,
      startTicks: typeof value.startTicks === "string" ? value.startTicks : undefined,
      startedAt: typeof value.startedAt === "string" ? value.startedAt : "at an unknown time",
      command: typeof value.command === "string" ? value.command : "unknown command",
    };
  } catch {
    return undefined;
  }
}

type HolderState =
  | { readonly alive: true; readonly checkedBy: DataDirInUseError["checkedBy"] }
  | { readonly alive: false };

function holderState(holder: LockHolder): HolderState {
  if (holder.host !== hostname()) return { alive: true, checkedBy: "other-host" };
  const bootId = readBootId();
  if (bootId !== undefined) {
    if (holder.bootId !== undefined && holder.bootId !== bootId) return { alive: false };
    const stat = readProcStat(holder.pid);
    if (stat === undefined) return { alive: false };
    if (stat.state === "Z" || stat.state === "X") return { alive: false };
    if (holder.startTicks !== undefined && holder.startTicks !== stat.startTicks) {
      return { alive: false };
    }
    return { alive: true, checkedBy: "proc" };
  }
  try {
    process.kill(holder.pid, 0);
    return { alive: true, checkedBy: "signal" };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "EPERM" ? { alive: true, checkedBy: "signal" } : { alive: false };
  }
}

function currentHolder(): LockHolder {
  const stat = readProcStat(process.pid);
  const script = process.argv[1];
  return {
    pid: process.pid,
    host: hostname(),
    bootId: readBootId(),
    startTicks: stat?.startTicks,
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    command: script ? `node ${displayPath(script)}` : "node",
  };
}

/** Paths inside the repository relative to it; anything else by its last three parts. */
function displayPath(path: string): string {
  const inRepo = relative(paths.repoRoot, path);
  if (inRepo && !inRepo.startsWith("..") && !isAbsolute(inRepo)) return inRepo;
  return path.split(/[\\/]/).slice(-3).join("/");
}

function readBootId(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

/** State (field 3) and start time (field 22) of a process; undefined if there is none. */
function readProcStat(pid: number): { state: string; startTicks: string } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // Field 2 is the command name in parentheses and may itself hold spaces or parentheses.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const state = fields[0];
  const startTicks = fields[19];
  return state && startTicks ? { state, startTicks } : undefined;
}

/** For tests: the record this process would write. */
export function currentHolderForTesting(): LockHolder {
  return currentHolder();
}
