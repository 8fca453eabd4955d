/**
 * What a client sees of an error: codes from the app's table and GraphQL's own request errors
 * pass through; anything else becomes INTERNAL_SERVER_ERROR with a generic message, logged with
 * the request id (scrubbed), never with a stack trace in the response outside development.
 */
import { unwrapResolverError } from "@apollo/server/errors";
import { isDatabaseUnavailable } from "@privet/db/client";
import type { GraphQLFormattedError } from "graphql";
import { AppError, ERROR_CODES, GRAPHQL_REQUEST_ERROR_CODES } from "../errors/app-error.js";
import { logger, scrub } from "../log/logger.js";

const CLIENT_CODES = new Set<string>([...Object.keys(ERROR_CODES), ...GRAPHQL_REQUEST_ERROR_CODES]);

/** `development` (NODE_ENV=development, config.development) keeps stack traces in responses. */
export function errorFormatter(development: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown) =>
    formatError(formatted, error, development);
}

function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  development: boolean,
): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? "");
  if (CLIENT_CODES.has(code) && code !== "INTERNAL_SERVER_ERROR") {
    if (formatted.extensions?.limit) {
      return { ...formatted, extensions: { ...formatted.extensions, code: "QUERY_TOO_COMPLEX" } };
    }
    // A parse error over the token limit is a size limit, not a syntax mistake.
    if (
      code === "GRAPHQL_PARSE_FAILED" &&
      /contains more tha[nt] \d+ tokens/.test(formatted.message)
    ) {
      return { ...formatted, extensions: { ...formatted.extensions, code: "QUERY_TOO_COMPLEX" } };
    }
    // Our own messages never quote a value (and may show an example address, which masking
    // would garble). GraphQL's own coercion errors quote the value sent; a client may have
    // sent a card number or an email where it does not belong, so mask those before they echo.
    if (error instanceof AppError || unwrapResolverError(error) instanceof AppError) {
      return formatted;
    }
    const field = code === "BAD_USER_INPUT" ? coercedField(formatted) : null;
    return {
      ...formatted,
      message: scrub(formatted.message),
      ...(field ? { extensions: { ...formatted.extensions, field } } : {}),
    };
  }
  // Only the kind of failure is logged: an unexpected error's message may quote the values
  // of the call that failed (a database driver's does), and those may be personal.
  const original = ((error as { originalError?: unknown })?.originalError ?? error) as {
    name?: string;
    code?: string;
  };
  // A database that cannot be reached (a failover): the client may send the request again.
  if (isDatabaseUnavailable(original)) {
    logger.warn("database unavailable", { errorName: original?.name ?? "Error" });
    const unavailable = new AppError("DATABASE_UNAVAILABLE");
    return {
      message: unavailable.message,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: unavailable.extensions,
    };
  }
  logger.error("unexpected error", {
    errorName: original?.name ?? "Error",
    errorCode: original?.code ?? null,
    path: formatted.path?.join("."),
  });
  return {
    message: ERROR_CODES.INTERNAL_SERVER_ERROR.message,
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: {
      code: "INTERNAL_SERVER_ERROR",
      ...(development && formatted.extensions?.stacktrace
        ? { stacktrace: formatted.extensions.stacktrace }
        : {}),
    },
  };
}

/**
 * The input field a variable failed to coerce at (an empty or malformed date, a wrong enum),
 * as our own errors name it in `extensions.field`, so a form can put the message next to that
 * field: `Variable "$input" got invalid value "" at "input.discoveredAt"; …` → "discoveredAt".
 */
function coercedField(formatted: GraphQLFormattedError): string | null {
  if (formatted.extensions?.field) return null;
  const match = /^Variable "\$(\w+)" got invalid value .*? at "([\w.[\]]+)"/s.exec(
    formatted.message,
  );
  if (!match) return null;
  const last = match[2]
    ?.split(".")
    .at(-1)
    ?.replace(/\[\d+\]$/, "");
  return last || null;
}
