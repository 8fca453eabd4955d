/**
 * Real child processes for tests: `node <script>` started directly (not through npx), so the
 * pid a test signals is the process itself. Tests wait for lines the child prints, never for
 * a fixed time: start-up on a loaded two-core machine can take many seconds.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Generous: a PGlite initdb plus migrations on a busy machine. */
export const START_TIMEOUT_MS = 90_000;

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface NodeProcess {
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout line matching, rejects if the process ends first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends one line to stdin. */
  send(line: string): void;
  readonly exited: Promise<Exit>;
  kill(signal: NodeJS.Signals): void;
}

/** A file of this package's build (dist/…), which the process tests run. */
export function builtFile(path: string): string {
  const file = fileURLToPath(new URL(`../../dist/${path}`, import.meta.url));
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: build first (npm run build -w @privet/db)`);
  }
  return file;
}

const running = new Set<ChildProcess>();

export function startNode(args: readonly string[], env: Record<string, string> = {}): NodeProcess {
  const child = spawn(process.execPath, [...args], {
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error(`could not start node ${args.join(" ")}`);
  running.add(child);
  let out = "";
  let err = "";
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    out += chunk;
    wake();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    err += chunk;
  });
  let ended: Exit | undefined;
  const exited = new Promise<Exit>((resolve) => {
    child.once("exit", (code, signal) => {
      running.delete(child);
      ended = { code, signal };
      resolve(ended);
      wake();
    });
  });
  // A process killed mid-write closes its stdin: that is expected here, not a test failure.
  child.stdin.on("error", () => {});

  return {
    pid: child.pid,
    stdout: () => out,
    stderr: () => err,
    exited,
    send: (line) => void child.stdin.write(`${line}\n`),
    kill: (signal) => void child.kill(signal),
    waitFor(pattern, timeoutMs = START_TIMEOUT_MS) {
      const lineMatch = new RegExp(
        pattern.source,
        pattern.flags.includes("m") ? pattern.flags : `${pattern.flags}m`,
      );
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no line matching ${pattern} in ${timeoutMs} ms\n${out}\n${err}`));
        }, timeoutMs);
        const check = () => {
          const match = out.match(lineMatch);
          if (match) {
            resolve(match);
          } else if (ended) {
            reject(
              new Error(
                `process ended (${JSON.stringify(ended)}) before ${pattern}\n${out}\n${err}`,
              ),
            );
          } else {
            return;
          }
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Kills whatever a failed test left running (by pid: only the processes started here). */
export async function killLeftovers(): Promise<void> {
  const left = [...running];
  for (const child of left) child.kill("SIGKILL");
  await Promise.all(
    left.map(
      (child) =>
        new Promise((resolve) =>
          child.exitCode !== null || child.signalCode !== null
            ? resolve(undefined)
            : child.once("exit", resolve),
        ),
    ),
  );
}
