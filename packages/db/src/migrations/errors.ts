/**
 * An error meant for the person running a migration command: its message says what happened
 * and what to do, so the CLIs print it alone, without a stack trace (PRIVET_DEBUG=1 shows it).
 */
export class MigrationError extends Error {
  override readonly name = "MigrationError";
}

/** The most useful text of a thrown value, following `cause` chains that drivers add. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    // Driver adapter errors keep the database's own message in `cause.originalMessage`.
    const cause = (error as { cause?: unknown }).cause;
    if (cause && typeof cause === "object" && "originalMessage" in cause) {
      const { originalMessage, originalCode } = cause as {
        originalMessage?: unknown;
        originalCode?: unknown;
      };
      if (typeof originalMessage === "string") {
        return typeof originalCode === "string"
          ? `${originalMessage} (code ${originalCode})`
          : originalMessage;
      }
    }
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)
      ? `${error.message} (code ${code})`
      : error.message;
  }
  return String(error);
}
