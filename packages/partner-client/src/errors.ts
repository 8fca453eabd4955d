/**
 * The API's error codes a partner can meet, as a typed error. `PRIVACY_REDACTED` is not thrown:
 * a redacted field is part of an answer (see `Redaction`), not a failed request.
 */

/** Codes documented in docs/partners.md ("Error codes"). */
export type PartnerErrorCode =
  | "UNAUTHENTICATED"
  | "API_KEY_EXPIRED"
  | "FORBIDDEN"
  | "PURPOSE_REQUIRED"
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "QUERY_TOO_COMPLEX"
  | "RATE_LIMITED"
  | "AUDIT_UNAVAILABLE"
  | "DATABASE_UNAVAILABLE"
  | "OPERATION_NOT_SUPPORTED"
  | "PAYLOAD_TOO_LARGE"
  | "INTERNAL_SERVER_ERROR"
  | "GRAPHQL_PARSE_FAILED"
  | "GRAPHQL_VALIDATION_FAILED"
  | "BAD_REQUEST"
  /** No answer the client could read (network failure, not JSON). */
  | "NETWORK_ERROR";

/** One field the API withheld, and why (a deny reason: CONSENT_WITHDRAWN, NO_AGREEMENT…). */
export interface Redaction {
  readonly path: string;
  readonly reason: string;
  readonly category: string | null;
}

export class PartnerApiError extends Error {
  override readonly name = "PartnerApiError";
  constructor(
    readonly code: PartnerErrorCode | (string & {}),
    message: string,
    /** The HTTP status of the answer; 0 when there was none. */
    readonly status: number,
    /** The error's `extensions` as the API sent them (e.g. `field` for BAD_USER_INPUT). */
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  /** The input field a BAD_USER_INPUT names, if any. */
  get field(): string | undefined {
    const field = this.extensions.field;
    return typeof field === "string" ? field : undefined;
  }
}
