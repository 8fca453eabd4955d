/**
 * The console's GraphQL client: same-origin /graphql with cookies, POST with the preflight
 * header CSRF prevention requires. Nothing is cached between reads: every read of personal
 * data is decided and audited under the purpose declared for it.
 */
import { Client, fetchExchange } from "@urql/core";

export function createConsoleClient(url = "/graphql"): Client {
  return new Client({
    url,
    exchanges: [fetchExchange],
    preferGetMethod: false,
    requestPolicy: "network-only",
    fetchOptions: () => ({
      credentials: "same-origin",
      headers: { "apollo-require-preflight": "true" },
    }),
  });
}
