/**
 * A urql client for component tests: a real @urql/core Client whose only exchange answers
 * each operation from a handler named after it, and records every operation it was sent. No
 * network; the API itself is tested over HTTP in apps/api and end to end in e2e/.
 *
 * A handler returns the operation's data; `withErrors(data, errors)` answers with data and
 * errors together (a redacted field: null plus PRIVACY_REDACTED); a handler that throws
 * answers with that error alone, its `code` and `field` as the API's extensions.
 */
import {
  Client,
  type Exchange,
  makeResult,
  type Operation,
  type OperationResult,
} from "@urql/core";
import type { ReactNode } from "react";
import { Provider } from "urql";
import { delay, filter, fromValue, map, mergeMap, pipe, share, takeUntil } from "wonka";

type Handler = (variables: Record<string, unknown>) => unknown;

/** A GraphQL error as the API sends it. */
export interface ApiError {
  readonly message: string;
  readonly path?: ReadonlyArray<string | number>;
  readonly extensions?: Record<string, unknown>;
}

export interface SentOperation {
  readonly name: string;
  readonly variables: Record<string, unknown>;
}

export interface FakeApi {
  readonly client: Client;
  /** Mutations sent, in order: operation name and variables. */
  readonly mutations: SentOperation[];
  /** The HTTP headers each of those mutations would carry, in the same order. */
  readonly mutationHeaders: Array<Record<string, string>>;
  /**
   * Queries the API would be asked, in order (every re-execution too): name and variables. One
   * torn down before its answer is not listed: the browser's fetch exchange never sends it.
   */
  readonly queries: SentOperation[];
  readonly wrapper: (props: { children: ReactNode }) => ReactNode;
}

const PARTIAL = Symbol("data with errors");

interface DataWithErrors {
  readonly [PARTIAL]: true;
  readonly data: unknown;
  readonly errors: readonly ApiError[];
}

/** Answer with data and errors together, as the API does for a redacted field. */
export function withErrors(data: unknown, errors: readonly ApiError[]): DataWithErrors {
  return { [PARTIAL]: true, data, errors };
}

function hasErrors(answer: unknown): answer is DataWithErrors {
  return typeof answer === "object" && answer !== null && PARTIAL in answer;
}

function operationName(operation: Operation): string {
  for (const definition of operation.query.definitions) {
    if (definition.kind === "OperationDefinition" && definition.name) return definition.name.value;
  }
  return "anonymous";
}

/** The headers the client's fetch exchange would send with this operation. */
function headersOf(operation: Operation): Record<string, string> {
  const options = operation.context.fetchOptions;
  const resolved = typeof options === "function" ? options() : options;
  return { ...((resolved?.headers ?? {}) as Record<string, string>) };
}

/** A thrown error becomes the API's error: `code` and `field` as its extensions. */
function asApiError(thrown: unknown): ApiError {
  const error = thrown as { message?: unknown; code?: unknown; field?: unknown };
  const extensions: Record<string, unknown> = { code: error.code ?? "INTERNAL_SERVER_ERROR" };
  if (typeof error.field === "string") extensions.field = error.field;
  return { message: String(error.message ?? "Something went wrong."), extensions };
}

export function fakeApi(handlers: Record<string, Handler>): FakeApi {
  const mutations: SentOperation[] = [];
  const mutationHeaders: Array<Record<string, string>> = [];
  const queries: SentOperation[] = [];
  const respond = (operation: Operation): OperationResult => {
    const name = operationName(operation);
    const variables = (operation.variables ?? {}) as Record<string, unknown>;
    (operation.kind === "mutation" ? mutations : queries).push({ name, variables });
    if (operation.kind === "mutation") mutationHeaders.push(headersOf(operation));
    const handler = handlers[name];
    if (!handler) throw new Error(`fake API: no handler for ${name}`);
    let answered: unknown;
    try {
      answered = handler(variables);
    } catch (thrown) {
      return makeResult(operation, { data: null, errors: [asApiError(thrown)] });
    }
    if (hasErrors(answered)) {
      return makeResult(operation, {
        data: answered.data as Record<string, unknown>,
        errors: answered.errors.map((e) => ({ ...e, path: e.path ? [...e.path] : undefined })),
      });
    }
    return makeResult(operation, { data: answered as Record<string, unknown> });
  };
  // Each operation is answered on a later tick, as over a network, and only if it was not torn
  // down first: urql's hooks start an operation while rendering and tear it down at once, and
  // the browser's fetch exchange never sends that one. So `queries` lists what the API would
  // really be asked.
  const answer: Exchange = () => (operations$) => {
    const shared = share(operations$);
    return pipe(
      shared,
      filter((operation) => operation.kind !== "teardown"),
      mergeMap((operation) =>
        pipe(
          fromValue(operation),
          delay(0),
          takeUntil(
            pipe(
              shared,
              filter((next) => next.kind === "teardown" && next.key === operation.key),
            ),
          ),
          map(respond),
        ),
      ),
    );
  };
  const client = new Client({ url: "http://fake/graphql", exchanges: [answer] });
  return {
    client,
    mutations,
    mutationHeaders,
    queries,
    wrapper: ({ children }) => <Provider value={client}>{children}</Provider>,
  };
}
