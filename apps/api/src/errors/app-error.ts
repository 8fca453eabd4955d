/**
 * One application error type. Every error a client can act on has a code from this table;
 * anything else reaches the client as INTERNAL_SERVER_ERROR with a generic message (no stack,
 * no personal data), and is logged with the request id.
 */
import { GraphQLError } from "graphql";

export const ERROR_CODES = {
  /** An input failed validation: the field named in `extensions.field` says which. */
  BAD_USER_INPUT: { http: 400, message: "The input is not valid." },
  UNAUTHENTICATED: { http: 401, message: "Sign in first." },
  INVALID_CREDENTIALS: { http: 401, message: "The email or password is not correct." },
  FORBIDDEN: { http: 403, message: "You are not allowed to do this." },
  /** A partner key past its expiry, or a rotated key past its overlap (resolve-principal.ts). */
  API_KEY_EXPIRED: {
    http: 401,
    message: "This API key has expired. Ask the company for a new key.",
  },
  PURPOSE_REQUIRED: { http: 400, message: "Declare a purpose for this operation." },
  NOT_FOUND: { http: 404, message: "Not found." },
  EMAIL_UNAVAILABLE: { http: 409, message: "This email cannot be used to register." },
  CARD_NUMBER_REJECTED: {
    http: 400,
    message:
      "Never send a full card number: send the processor's token, brand and last four digits.",
  },
  RATE_LIMITED: { http: 429, message: "Too many attempts. Wait a moment and try again." },
  QUERY_TOO_COMPLEX: { http: 400, message: "The query is too large or too deep." },
  OPERATION_NOT_SUPPORTED: {
    http: 400,
    message:
      "Subscriptions are not supported: this API answers queries and mutations over HTTP. Poll with a query instead.",
  },
  PRIVACY_REDACTED: { http: 200, message: "This field is redacted." },
  AUDIT_UNAVAILABLE: {
    http: 503,
    message: "The read could not be audited, so nothing was returned. Try again.",
    retryable: true,
  },
  /**
   * The database could not be reached: a failover under way (scripts/ha), a server restarting.
   * Nothing of the request was acknowledged; sent again, it reaches the new primary.
   */
  DATABASE_UNAVAILABLE: {
    http: 503,
    message:
      "The database is not reachable just now (it may be switching to its standby). Nothing was saved. Try again in a few seconds.",
    retryable: true,
  },
  INTERNAL_SERVER_ERROR: { http: 500, message: "Something went wrong on our side." },
  // Customer accounts (modules/accounts: account-links.ts, customer-account.resolver.ts).
  ACCOUNT_LINK_INVALID: {
    http: 400,
    message: "This link has expired or was already used. Ask for a new one.",
  },
  CURRENT_PASSWORD_WRONG: { http: 401, message: "Your current password is not correct." },
  EMAIL_ALREADY_VERIFIED: { http: 409, message: "Your email address is already verified." },
  // Staff accounts (modules/staff-accounts, the second factor in modules/accounts).
  TOTP_REQUIRED: {
    http: 401,
    message: "Enter the 6-digit code from your authenticator app.",
  },
  TOTP_ENROLMENT_REQUIRED: {
    http: 401,
    message:
      "Your role signs in with an authenticator app as well as a password. Set one up to continue.",
  },
  TOTP_INVALID: {
    http: 401,
    message: "That code is not correct, or was already used. Wait for the next code and try again.",
  },
  TOTP_ALREADY_ENROLLED: {
    http: 409,
    message:
      "An authenticator app is already set up for this account. Ask an administrator to reset it.",
  },
  STAFF_LINK_INVALID: {
    http: 400,
    message: "This link has expired or was already used. Ask for a new one.",
  },
  NEWSLETTER_LINK_INVALID: {
    http: 400,
    message:
      "This confirmation link has expired or was already used. Sign up again to get a new one.",
  },
  STAFF_EMAIL_TAKEN: { http: 409, message: "A staff member already has this email address." },
  CANNOT_CHANGE_OWN_ACCESS: {
    http: 409,
    message: "You cannot disable your own account. Ask another administrator.",
  },
  STAFF_ALREADY_ACTIVE: {
    http: 409,
    message:
      "This member has already chosen a password, so there is no invitation to send again. Send a password-reset link instead.",
  },
  STAFF_NOT_ACTIVE: {
    http: 409,
    message:
      "This member has not chosen a password yet, so there is none to reset. Send the invitation again instead.",
  },
  STAFF_MEMBER_DISABLED: {
    http: 409,
    message: "This account is disabled. Enable it first.",
  },
  LAST_ADMINISTRATOR: {
    http: 409,
    message: "This is the last active administrator. Make another member an administrator first.",
  },
  GPC_OPT_OUT: {
    http: 409,
    message:
      "Your browser sends Global Privacy Control, which we honour as an opt-out of advertising. Turn it off in your browser to allow advertising.",
  },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Apollo's and graphql-js's own request errors (a query that does not parse or validate, a
 * body of the wrong shape): all the client's doing, so all 400.
 */
export const GRAPHQL_REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

/** The HTTP status of an error code: from the table, 400 for GraphQL's own, else 500. */
export function httpStatusOf(code: string): number {
  if (code in ERROR_CODES) return ERROR_CODES[code as ErrorCode].http;
  return GRAPHQL_REQUEST_ERROR_CODES.has(code) ? 400 : 500;
}

export class AppError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message?: string, extensions: Record<string, unknown> = {}) {
    // `retryable: true` tells a client that the same request, sent again later, may succeed.
    const retryable = "retryable" in ERROR_CODES[code] ? { retryable: true } : {};
    super(message ?? ERROR_CODES[code].message, {
      extensions: { ...extensions, ...retryable, code },
    });
    this.code = code;
  }
}

export function badInput(field: string, message: string): AppError {
  return new AppError("BAD_USER_INPUT", message, { field });
}

/** One input field's problem, as a form shows it next to that field. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * Every problem of one input at once: `extensions.fields` lists each field with its message;
 * `field` and the message are the first's, for clients that show one.
 */
export function badInputs(problems: readonly FieldProblem[]): AppError {
  const [first] = problems;
  if (!first) throw new Error("badInputs needs at least one problem");
  return new AppError("BAD_USER_INPUT", first.message, {
    field: first.field,
    fields: problems.map(({ field, message }) => ({ field, message })),
  });
}
