/**
 * The HTTP status of a response comes from the error table (errors/app-error.ts), always: a
 * request that produced nothing because of the client (a bad input, a query over a limit, a
 * refused operation, a wrong variable) is answered with its code's 4xx, never 500 or 200.
 *
 * Applied when the operation produced no data: no `data` at all (the request failed before or
 * during execution) or every root field null with an error of its own (a mutation refused by
 * its resolver). A response with some data keeps 200, as GraphQL over HTTP asks: its errors
 * (a redacted field, one failed field among several) sit beside data the client can use. A
 * status another part set on purpose (405 for a mutation over GET, 413, 503) stands.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import type { Context } from "../context/context.js";
import { httpStatusOf } from "../errors/app-error.js";

function producedNothing(
  data: Record<string, unknown> | null | undefined,
  errors: readonly GraphQLFormattedError[],
): boolean {
  if (data === null || data === undefined) return true;
  const roots = Object.keys(data);
  return (
    roots.length > 0 &&
    roots.every(
      (root) =>
        data[root] === null &&
        errors.some((error) => error.path?.length === 1 && error.path[0] === root),
    )
  );
}

export const httpStatusPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== "single") return;
        const { data, errors } = response.body.singleResult;
        if (!errors?.length || !producedNothing(data, errors)) return;
        const current = response.http.status;
        if (current !== undefined && current !== 200 && current !== 500) return;
        const statuses = errors.map((error) =>
          httpStatusOf(String(error.extensions?.code ?? "INTERNAL_SERVER_ERROR")),
        );
        // An error of ours among them: the server's fault wins, and it is logged.
        response.http.status = statuses.includes(500) ? 500 : (statuses[0] ?? 500);
      },
    };
  },
};
