/**
 * The pg_auto_failover cluster of scripts/ha for tests: started with the same script a person
 * runs, watched through the monitor's own tables, stopped (and its folder deleted) at the end.
 * Ports: the script's PRIVET_HA_*_PORT variables (defaults 4850–4852); folder: PRIVET_HA_DIR or
 * a fresh one in the temp folder.
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type { TestDatabaseKind } from "@privet/db/testing";

const run = promisify(execFile);
const SCRIPTS = resolve(import.meta.dirname, "../../../../scripts/ha");

/** Whether pg_autoctl (Debian's postgresql-15-auto-failover) is installed here. */
export const PG_AUTOCTL_INSTALLED =
  spawnSync("sh", ["-c", "command -v pg_autoctl"], { encoding: "utf8" }).status === 0;

export interface ClusterNode {
  readonly name: string;
  readonly port: number;
  readonly reportedState: string;
  readonly goalState: string;
}

export interface HaCluster {
  /** The multi-host URL start.sh printed. */
  readonly url: string;
  /** The nodes as the monitor sees them now. */
  nodes(): Promise<ClusterNode[]>;
  /** `kill -9` of a node's keeper and postmaster (scripts/ha/kill-node.sh); its pid. */
  kill(name: string): Promise<number>;
  stop(): Promise<void>;
}

export async function startHaCluster(): Promise<HaCluster> {
  const base = process.env.PRIVET_HA_DIR?.trim() || mkdtempSync(join(tmpdir(), "privet-ha-test-"));
  const monitorPort = Number(process.env.PRIVET_HA_MONITOR_PORT || 4850);
  const stop = async () => {
    await run(join(SCRIPTS, "stop.sh"), [base], { timeout: 120_000 });
  };
  let url: string;
  try {
    const { stdout } = await run(join(SCRIPTS, "start.sh"), [base], { timeout: 300_000 });
    url = stdout.trim();
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
  return {
    url,
    async nodes() {
      // psql, as a person would ask: the API's package has no PostgreSQL driver of its own.
      const { stdout } = await run(
        "psql",
        [
          "-X",
          "-qAt",
          "-F",
          " ",
          "-h",
          "127.0.0.1",
          "-p",
          String(monitorPort),
          "-U",
          "autoctl_node",
          "-d",
          "pg_auto_failover",
          "-c",
          "SELECT nodename, nodeport, reportedstate, goalstate FROM pgautofailover.node ORDER BY nodename",
        ],
        { timeout: 20_000, env: { ...process.env, PGCONNECT_TIMEOUT: "10" } },
      );
      return stdout
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((line) => {
          const [name = "", port = "0", reportedState = "", goalState = ""] = line.split(" ");
          return { name, port: Number(port), reportedState, goalState };
        });
    },
    async kill(name) {
      const { stdout } = await run(join(SCRIPTS, "kill-node.sh"), [base, name]);
      return Number(stdout.trim());
    },
    stop,
  };
}

/** The cluster as a test database for startTestApi: its one database, never dropped here. */
export function clusterDatabase(url: string): TestDatabaseKind {
  return {
    name: "postgres",
    open: async () => ({
      name: "postgres",
      config: { kind: "postgres", url },
      drop: async () => {},
    }),
  };
}

/**
 * Resolves when `check` returns a value (not null, undefined or false), polling every second;
 * fails after `timeoutMs`.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => null);
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs / 1000} s for ${what}`);
    await new Promise((done) => setTimeout(done, 1_000));
  }
}
