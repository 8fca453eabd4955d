/**
 * The built API (`node dist/main.js`) as a real process of its own, for tests of what several
 * processes share through one PostgreSQL database. Its output is kept as lines; waits are on
 * lines, never on fixed sleeps, so a busy machine only makes a test slower.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../dist/main.js", import.meta.url));
export const PROCESS_WAIT_MS = 90_000;

export class ApiProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly waiters: Array<() => void> = [];

  private constructor(readonly child: ChildProcess) {
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

  /** Starts one process (PORT 0: an ephemeral port) and waits until it says it is ready. */
  static async start(env: Record<string, string>): Promise<{ api: ApiProcess; url: string }> {
    const api = new ApiProcess(
      spawn(process.execPath, [MAIN], {
        env: { PATH: process.env.PATH ?? "", PORT: "0", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      }),
    );
    const [, url = ""] = await api.line(/^Privet API ready: (\S+)$/);
    return { api, url: url.replace("//localhost:", "//127.0.0.1:") };
  }

  /** Waits for a line matching `pattern`, up to PROCESS_WAIT_MS. */
  async line(pattern: RegExp): Promise<RegExpMatchArray> {
    const deadline = Date.now() + PROCESS_WAIT_MS;
    for (;;) {
      for (const line of this.lines) {
        const match = line.match(pattern);
        if (match) return match;
      }
      if (Date.now() > deadline || this.child.exitCode !== null) {
        throw new Error(`no line ${pattern} in:\n${this.lines.join("\n")}`);
      }
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 500);
      });
    }
  }

  /** The JSON log lines at level "error" so far. */
  errors(): string[] {
    return this.lines.filter((line) => line.startsWith('{"level":"error"'));
  }

  /** SIGTERM (a clean stop), and SIGKILL if it has not ended within the wait. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), PROCESS_WAIT_MS);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Polls `check` until it returns true, up to PROCESS_WAIT_MS. */
export async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + PROCESS_WAIT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
