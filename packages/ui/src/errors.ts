/**
 * What the API's error codes mean to a customer. A BAD_USER_INPUT error names the field
 * (`extensions.field`), and when a form had several problems lists them all
 * (`extensions.fields`: field and message); forms show each message next to its field.
 */
import type { CombinedError } from "@urql/core";

const IN_WORDS: Record<string, string> = {
  UNAUTHENTICATED: "Please sign in to see this page.",
  INVALID_CREDENTIALS: "That email and password do not match an account.",
  EMAIL_UNAVAILABLE: "This email address cannot be used to register. Try signing in instead.",
  CARD_NUMBER_REJECTED:
    "Never type your full card number here. Enter only the last four digits and expiry shown on your card.",
  RATE_LIMITED: "Too many attempts. Please wait a few minutes and try again.",
  AUDIT_UNAVAILABLE: "We could not complete this safely just now. Please try again.",
  DATABASE_UNAVAILABLE: "We could not save this just now. Please try again in a few seconds.",
  INTERNAL_SERVER_ERROR: "Something went wrong on our side. Please try again.",
};

/** An error code in words, for answers outside GraphQL (a download): `fallback` if unknown. */
export function errorInWords(code: string, fallback: string): string {
  return IN_WORDS[code] ?? fallback;
}

export interface FormError {
  /** The input the API named, if any. */
  readonly field: string | null;
  readonly message: string;
  /** Every field the API named with its message (several when a form had several problems). */
  readonly fields?: Readonly<Record<string, string>>;
}

/** `extensions.fields` as field → message; the one `field` when the API named only that. */
function fieldsOf(extensions: Record<string, unknown> | undefined, message: string) {
  const fields: Record<string, string> = {};
  const list = extensions?.fields;
  if (Array.isArray(list)) {
    for (const item of list as Array<{ field?: unknown; message?: unknown }>) {
      if (typeof item?.field === "string" && typeof item.message === "string") {
        fields[item.field] ??= item.message;
      }
    }
  }
  if (typeof extensions?.field === "string") fields[extensions.field] ??= message;
  return fields;
}

export function formErrorOf(error: CombinedError | undefined): FormError | null {
  if (!error) return null;
  if (error.networkError && error.graphQLErrors.length === 0) {
    return {
      field: null,
      message: "We could not reach Privet. Check your connection and try again.",
    };
  }
  const first = error.graphQLErrors[0];
  const code = String(first?.extensions?.code ?? "");
  const field = typeof first?.extensions?.field === "string" ? first.extensions.field : null;
  if (code === "BAD_USER_INPUT" && first) {
    return { field, message: first.message, fields: fieldsOf(first.extensions, first.message) };
  }
  // Sign-in waits grow with repeated failures: say how long this one is.
  const retryAfter = first?.extensions?.retryAfterSeconds;
  if (code === "RATE_LIMITED" && typeof retryAfter === "number" && retryAfter > 0) {
    return { field, message: `Too many attempts. Please try again in ${waitInWords(retryAfter)}.` };
  }
  return { field, message: IN_WORDS[code] ?? first?.message ?? "Something went wrong." };
}

/** "1 second", "45 seconds", "2 minutes" (rounded up: never sooner than the API allows). */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return seconds <= 1 ? "1 second" : `${Math.ceil(seconds)} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/** The message for one field, if the error is about it (one of several, or the only one). */
export function messageFor(error: FormError | null, field: string) {
  if (!error) return null;
  const several = error.fields?.[field];
  if (several) return several;
  if (error.field === field) return error.message;
  return null;
}

/** The message for the form as a whole: null when every field the API named is on the form. */
export function formLevelMessage(error: FormError | null, fields: readonly string[]) {
  if (!error) return null;
  const named = Object.keys(error.fields ?? {});
  if (error.field) named.push(error.field);
  return named.length > 0 && named.every((field) => fields.includes(field)) ? null : error.message;
}
