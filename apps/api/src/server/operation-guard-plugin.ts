/**
 * Checks every operation once it is parsed and validated, before anything runs: what the
 * static validation rules cannot see because it needs the request's variables. In order:
 * subscriptions are refused (the API serves queries and mutations over HTTP only), the cost
 * limit (a list asked for `first: n` costs n times its selection), and the input guard over
 * every string the client sent (card numbers, single- and multi-line text).
 */
import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../context/context.js";
import { AppError } from "../errors/app-error.js";
import { guardClientStrings } from "../validation/input-guard.js";
import { costRefusal, LIMITS, operationCost } from "./limits.js";

export const operationGuardPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document, schema, operation }) {
        if (operation?.operation === "subscription") throw new AppError("OPERATION_NOT_SUPPORTED");
        const variables = request.variables ?? {};
        const tooCostly = costRefusal(operationCost(document, variables), LIMITS.cost);
        if (tooCostly) throw new AppError("QUERY_TOO_COMPLEX", tooCostly, { limit: "cost" });
        guardClientStrings(schema, document, variables);
      },
    };
  },
};
