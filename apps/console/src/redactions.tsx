/**
 * Redactions, shown with their reason and never as blanks: a field the declared purpose may
 * not read comes back null with a PRIVACY_REDACTED error naming the path and the reason.
 */
import type { CombinedError } from "@urql/core";
import type { ReactNode } from "react";

const REASONS: Record<string, string> = {
  PURPOSE_NOT_PERMITTED: "the declared purpose does not allow reading this",
  PURPOSE_REQUIRED: "declare a purpose first",
  ROLE: "your role may not use data for this purpose",
  CONSENT_WITHDRAWN: "the customer has not consented to this purpose",
  BREAK_GLASS_REQUIRED: "needs an active break-glass grant",
  LEGAL_REQUEST_REQUIRED: "needs a recorded legal request covering it",
  NEVER_READABLE: "never readable",
  NOT_OWNER: "only the customer can see this",
};

export type Redactions = ReadonlyMap<string, string>;

/** Path ("customer.sessions.0.ipAddress") → reason, from a response's errors. */
export function redactionsOf(error: CombinedError | undefined): Redactions {
  const found = new Map<string, string>();
  for (const e of error?.graphQLErrors ?? []) {
    if (e.extensions?.code !== "PRIVACY_REDACTED" || !e.path) continue;
    found.set(e.path.join("."), String(e.extensions.reason ?? "REDACTED"));
  }
  return found;
}

/** Errors other than redactions: those a staff member must see as failures. */
export function failuresOf(error: CombinedError | undefined): string[] {
  if (error?.networkError) return ["Privet could not be reached. Try again."];
  return (error?.graphQLErrors ?? [])
    .filter((e) => e.extensions?.code !== "PRIVACY_REDACTED")
    .map((e) => e.message);
}

export function Value({
  value,
  path,
  redactions,
}: {
  value: ReactNode;
  path: string;
  redactions: Redactions;
}) {
  const reason = redactions.get(path);
  if (reason) {
    return (
      <span className="redacted" data-redacted={reason}>
        Redacted — {REASONS[reason] ?? reason} <code>{reason}</code>
      </span>
    );
  }
  return <>{value ?? "—"}</>;
}
