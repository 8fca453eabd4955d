/**
 * PRIVET_WORKERS: the built server (`node dist/main.js`) as a cluster on PostgreSQL — both
 * workers answer on the one port, exactly one runs the background jobs, a killed worker is
 * replaced in its slot, SIGTERM stops everything — and the embedded database refuses more than
 * one worker. Waits are on lines and answers, never on fixed sleeps, so a busy machine only
 * makes it slower.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type OpenTestDatabase, testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const main = fileURLToPath(new URL("../../dist/main.js", import.meta.url));
const postgres = testDatabases.find((kind) => kind.name === "postgres");
const WAIT_MS = 60_000;

/** A started `node dist/main.js`, its output collected as lines. */
class Started {
  readonly lines: string[] = [];
  private readonly waiters: Array<() => void> = [];
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    for (const stream of [child.stdout, child.stderr]) {
      let rest = "";
      stream?.on("data", (chunk: Buffer) => {
        const parts = (rest + chunk.toString("utf8")).split("\n");
        rest = parts.pop() ?? "";
        this.lines.push(...parts);
        for (const wake of this.waiters.splice(0)) wake();
      });
    }
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }

  /** Waits for a line matching `pattern` (after `from` lines), up to WAIT_MS. */
  async line(pattern: RegExp, from = 0): Promise<RegExpMatchArray> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      for (const line of this.lines.slice(from)) {
        const match = line.match(pattern);
        if (match) return match;
      }
      if (Date.now() > deadline) {
        throw new Error(`no line ${pattern} in:\n${this.lines.join("\n")}`);
      }
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 500);
      });
    }
  }
}

function start(env: Record<string, string>): Started {
  return new Started(
    spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? "", PORT: "0", PRIVET_LOG: "silent", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Asks /health until every slot in `slots` has answered (the primary deals connections in turn). */
async function workersAnswering(origin: string, slots: readonly string[]): Promise<Set<string>> {
  const seen = new Set<string>();
  const deadline = Date.now() + WAIT_MS;
  while (!slots.every((slot) => seen.has(slot)) && Date.now() < deadline) {
    // A new connection each time, so the primary hands each to a worker of its choosing.
    const response = await fetch(`${origin}/health`, { headers: { connection: "close" } });
    expect(response.status).toBe(200);
    seen.add(response.headers.get("x-privet-worker") ?? "none");
  }
  return seen;
}

describe.runIf(postgres)("PRIVET_WORKERS=2 on PostgreSQL", () => {
  let database: OpenTestDatabase;
  let api: Started;
  let origin: string;

  beforeAll(async () => {
    database = await (postgres as NonNullable<typeof postgres>).open();
    if (database.config.kind !== "postgres") throw new Error("expected PostgreSQL");
    api = start({
      DATABASE_URL: database.config.url,
      PRIVET_WORKERS: "2",
      PRIVET_SECRET: "cluster-test-secret-".repeat(3),
    });
    const [, url = ""] = await api.line(/^Privet API ready: (\S+) \(2 workers\)$/);
    origin = new URL(url).origin;
  }, WAIT_MS * 2);

  afterAll(async () => {
    if (api?.child.exitCode === null) api.child.kill("SIGKILL");
    await database?.drop();
  });

  it(
    "migrates once in the primary, then both workers answer on one port",
    async () => {
      expect(
        api.lines.filter((line) => line.includes("Applied migration 20261125123315_init")),
      ).toHaveLength(1);
      expect(await workersAnswering(origin, ["1", "2"])).toEqual(new Set(["1", "2"]));
    },
    WAIT_MS,
  );

  it("runs the background jobs in worker 1 only", () => {
    const ready = api.lines.filter((line) => /^Privet API worker \d ready/.test(line));
    expect(ready).toHaveLength(2);
    expect(ready.filter((line) => line.includes("runs the background jobs"))).toEqual([
      expect.stringMatching(/^Privet API worker 1 ready/),
    ]);
  });

  it(
    "replaces a worker that dies, in its slot, and stops every process on SIGTERM",
    async () => {
      const [, first = ""] = await api.line(/^Privet API worker 2 ready \(pid (\d+)\)$/);
      const [, jobsPid = ""] = await api.line(/^Privet API worker 1 ready \(pid (\d+), runs/);
      const before = api.lines.length;
      process.kill(Number(first), "SIGKILL");
      await api.line(/^Privet API: worker 2 ended \(SIGKILL\); restarting it$/, before);
      const [, second = ""] = await api.line(/^Privet API worker 2 ready \(pid (\d+)\)$/, before);
      expect(second).not.toBe(first);
      expect(await workersAnswering(origin, ["1", "2"])).toEqual(new Set(["1", "2"]));
      // Still exactly one background runner: the replacement is not it.
      expect(api.lines.slice(before).some((line) => line.includes("background jobs"))).toBe(false);

      api.child.kill("SIGTERM");
      expect(await api.exited).toBe(0);
      expect(alive(Number(second))).toBe(false);
      expect(alive(Number(jobsPid))).toBe(false);
    },
    WAIT_MS * 2,
  );
});

describe("PRIVET_WORKERS on the embedded database", () => {
  it(
    "refuses more than one worker: one process owns the database",
    async () => {
      const api = start({ PRIVET_DATA_DIR: "memory://", PRIVET_WORKERS: "2" });
      expect(await api.exited).toBe(1);
      expect(api.lines.join("\n")).toContain(
        "PRIVET_WORKERS must be 1 (or unset) on the embedded database",
      );
      expect(api.lines.join("\n")).not.toContain("Privet API ready");
    },
    WAIT_MS,
  );
});
