/**
 * Start-up failures a person can act on, as the one plain line main.ts prints: today, an
 * embedded database folder that another process holds. Anything else is logged as an error.
 */
import { isDataDirInUseError } from "@privet/db/client";

export function startupRefusal(error: unknown): string | undefined {
  // The message names the folder and the holder (pid, command, start time), nothing else.
  if (isDataDirInUseError(error)) return `Privet API could not start: ${error.message}`;
  return undefined;
}
