/**
 * The console's GraphQL client: same-origin /graphql with cookies, POST with the preflight
 * header CSRF prevention requires. Nothing is cached between reads: every read of personal
 * data is decided and audited under the purpose declared for it.
 */
import { Client, fetchExchange, type OperationContext } from "@urql/core";

const PREFLIGHT = { "apollo-require-preflight": "true" } as const;

export function createConsoleClient(url = "/graphql"): Client {
  return new Client({
    url,
    exchanges: [fetchExchange],
    preferGetMethod: false,
    requestPolicy: "network-only",
    fetchOptions: () => ({ credentials: "same-origin", headers: PREFLIGHT }),
  });
}

/**
 * A mutation's context declaring the purpose bar's purpose (the X-Privet-Purpose headers), so
 * the staff action log records why the action was taken: `mutate(vars, underPurpose(…))`.
 */
export function underPurpose(purpose: string, ref: string): Partial<OperationContext> {
  const declared: Record<string, string> = { "x-privet-purpose": purpose };
  if (ref) declared["x-privet-purpose-ref"] = ref;
  return {
    fetchOptions: { credentials: "same-origin", headers: { ...PREFLIGHT, ...declared } },
  };
}
