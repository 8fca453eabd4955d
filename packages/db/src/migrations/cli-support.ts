/**
 * What the db:* commands share: run, print errors plainly, exit explicitly.
 *
 * Exiting explicitly matters: the schema engine's WASM leaves a timer behind, and a pool or
 * PGlite left open by a failure would keep Node alive too.
 */
import { isDataDirInUseError } from "../lock/data-dir-lock.js";
import { describeError, MigrationError } from "./errors.js";

/** Runs a command; its result is the exit code. */
export function runCli(main: (args: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(formatCliError(error));
      process.exit(1);
    },
  );
}

/** The message alone (a stack trace only with PRIVET_DEBUG=1): errors here are for people. */
export function formatCliError(error: unknown): string {
  if (process.env.PRIVET_DEBUG === "1") {
    return error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
  if (error instanceof MigrationError || isDataDirInUseError(error))
    return `Error: ${error.message}`;
  return `Error: ${describeError(error)}\n(Set PRIVET_DEBUG=1 for the stack trace.)`;
}
