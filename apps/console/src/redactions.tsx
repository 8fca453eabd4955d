/**
 * Redactions, shown with their reason and never as blanks: a field the declared purpose may
 * not read comes back null with a PRIVACY_REDACTED error naming the path and the reason.
 *
 * Paths are typed from the query's generated result type, so renaming or dropping a field in
 * a document makes every path that names it fail to compile instead of silently never matching:
 * `redactionsOf(OpenCustomerDocument, error)` then `at={["customer", "sessions", i, "os"]}`.
 */
import { denyReasonInBrief, explainDenyReason, isDenyReason } from "@privet/domain/decide";
import type { CombinedError } from "@urql/core";
import type { ReactNode } from "react";

type FieldOf<T> = Exclude<keyof T, "__typename"> & string;

/**
 * A path into a result as the API reports an error's path: field names (or aliases), and a
 * number for a position in a list. Every prefix is a path too (a redacted list or object).
 */
export type ResultPath<T> = 0 extends 1 & T
  ? never // `any` (a JSON scalar): nothing typed beneath it
  : T extends readonly (infer Item)[]
    ? readonly [number] | readonly [number, ...ResultPath<NonNullable<Item>>]
    : T extends object
      ? {
          [K in FieldOf<T>]: readonly [K] | readonly [K, ...ResultPath<NonNullable<T[K]>>];
        }[FieldOf<T>]
      : never;

/** A generated document (@privet/client), known here by the type of its result. */
interface TypedDocument<TResult> {
  readonly __apiType?: (variables: never) => TResult;
}

/** The redactions in one query's response, looked up by typed path. */
export interface Redactions<TResult> {
  /** The deny reason at this path, when the API redacted it. */
  reasonAt(path: ResultPath<TResult>): string | undefined;
  has(path: ResultPath<TResult>): boolean;
  /** Every distinct reason in the response, in the order first met (for a section's notice). */
  readonly reasons: readonly string[];
}

/** The redactions in a response to `document`, from its errors (path → reason). */
export function redactionsOf<TResult>(
  _document: TypedDocument<TResult>,
  error: CombinedError | undefined,
): Redactions<TResult> {
  const found = new Map<string, string>();
  for (const e of error?.graphQLErrors ?? []) {
    if (e.extensions?.code !== "PRIVACY_REDACTED" || !e.path) continue;
    found.set(e.path.join("."), String(e.extensions.reason ?? "REDACTED"));
  }
  return {
    reasonAt: (path) => found.get(path.join(".")),
    has: (path) => found.has(path.join(".")),
    reasons: [...new Set(found.values())],
  };
}

/** Errors other than redactions: those a staff member must see as failures. */
export function failuresOf(error: CombinedError | undefined): string[] {
  if (error?.networkError) return ["Privet could not be reached. Try again."];
  return (error?.graphQLErrors ?? [])
    .filter((e) => e.extensions?.code !== "PRIVACY_REDACTED")
    .map((e) => e.message);
}

/** A reason in a few words ("needs an active break-glass grant"); an unknown one as sent. */
function inBrief(reason: string): string {
  return isDenyReason(reason) ? denyReasonInBrief(reason) : reason;
}

/**
 * The value at `at`, or a small "withheld" mark when the API redacted it: the reason is its
 * tooltip and, for screen readers, part of its text. The section says why once
 * (<WithheldNotice>), so a table of redactions is not a wall of repeated sentences.
 */
export function Value<TResult>({
  value,
  at,
  redactions,
}: {
  value: ReactNode;
  at: NoInfer<ResultPath<TResult>>;
  redactions: Redactions<TResult>;
}) {
  const reason = redactions.reasonAt(at);
  if (reason) {
    return (
      <span className="withheld" data-redacted={reason} title={inBrief(reason)}>
        withheld<span className="visually-hidden">: {inBrief(reason)}</span>
      </span>
    );
  }
  return <>{value ?? "—"}</>;
}

/** Once per section: why its fields marked "withheld" were not shown, in plain sentences. */
export function WithheldNotice<TResult>({ redactions }: { redactions: Redactions<TResult> }) {
  if (redactions.reasons.length === 0) return null;
  return (
    <div className="withheld-notice" role="note">
      <strong>Some fields are withheld.</strong>{" "}
      {redactions.reasons
        .map((reason) => (isDenyReason(reason) ? explainDenyReason(reason) : inBrief(reason)))
        .join(" ")}
    </div>
  );
}
