/**
 * A urql client for component tests: a real @urql/core Client whose only exchange answers
 * each operation from a handler named after it, and records every mutation it was sent. No
 * network; the API itself is tested over HTTP in apps/api and end to end in e2e/.
 */
import { Client, type Exchange, makeResult, type Operation } from "@urql/core";
import type { ReactNode } from "react";
import { Provider } from "urql";
import { filter, map, pipe } from "wonka";

type Handler = (variables: Record<string, unknown>) => unknown;

export interface FakeApi {
  readonly client: Client;
  /** Mutations sent, in order: operation name and variables. */
  readonly mutations: Array<{ name: string; variables: Record<string, unknown> }>;
  readonly wrapper: (props: { children: ReactNode }) => ReactNode;
}

function operationName(operation: Operation): string {
  for (const definition of operation.query.definitions) {
    if (definition.kind === "OperationDefinition" && definition.name) return definition.name.value;
  }
  return "anonymous";
}

export function fakeApi(handlers: Record<string, Handler>): FakeApi {
  const mutations: FakeApi["mutations"] = [];
  const answer: Exchange = () => (operations$) =>
    pipe(
      operations$,
      filter((operation) => operation.kind !== "teardown"),
      map((operation) => {
        const name = operationName(operation);
        const variables = (operation.variables ?? {}) as Record<string, unknown>;
        if (operation.kind === "mutation") mutations.push({ name, variables });
        const handler = handlers[name];
        if (!handler) throw new Error(`fake API: no handler for ${name}`);
        return makeResult(operation, { data: handler(variables) as Record<string, unknown> });
      }),
    );
  const client = new Client({ url: "http://fake/graphql", exchanges: [answer] });
  return {
    client,
    mutations,
    wrapper: ({ children }) => <Provider value={client}>{children}</Provider>,
  };
}
