/**
 * The portal's GraphQL client. Requests go to /graphql on the portal's own origin (proxied to
 * the API), with cookies; every request is a POST carrying `apollo-require-preflight`, which
 * Apollo's CSRF prevention requires of anything that could be a simple cross-site request.
 */
import { Client, cacheExchange, fetchExchange } from "@urql/core";

export function createPortalClient(url = "/graphql"): Client {
  return new Client({
    url,
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    requestPolicy: "cache-and-network",
    fetchOptions: () => ({
      credentials: "same-origin",
      headers: { "apollo-require-preflight": "true" },
    }),
  });
}
