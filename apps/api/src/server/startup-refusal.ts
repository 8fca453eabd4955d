/**
 * Start-up failures a person can act on, as the plain words main.ts prints on stderr whatever
 * PRIVET_LOG says: a wrong setting (which variable, and what it accepts), a key that is not the
 * one the deployment's other processes use, or an embedded database folder that another
 * process holds. Anything else is logged as an error.
 */
import { isDataDirInUseError } from "@privet/db/client";
import { ConfigError } from "../config.js";
import { DeploymentKeyMismatchError } from "./deployment-keys.js";

export function startupRefusal(error: unknown): string | undefined {
  // The operator must see which setting; secrets are never part of the message.
  if (error instanceof ConfigError) return `Privet API cannot start: ${error.message}`;
  // Which key differs from the deployment's, in words; never a key or the secret's fingerprint.
  if (error instanceof DeploymentKeyMismatchError) {
    return `Privet API cannot start: ${error.message}`;
  }
  // The message names the folder and the holder (pid, command, start time), nothing else.
  if (isDataDirInUseError(error)) return `Privet API could not start: ${error.message}`;
  return undefined;
}
