/**
 * What ApiClient.gql promises a test, checked by the compiler (these calls are never sent): a
 * document's result and variables are typed from the schema, so a test cannot read a field its
 * document does not select, leave out a required variable or send one the document lacks.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { ApiClient } from "./api.js";
import { graphql } from "./generated/gql.js";

const VIEWER = graphql(`
  query TypedClientViewer {
    viewer { kind }
  }
`);
const POLICY_VERSION = graphql(`
  query TypedClientPolicyVersion($id: ID!) {
    policyVersion(id: $id) { id version }
  }
`);

describe("ApiClient.gql with a typed document", () => {
  it("types the result and the variables from the schema", () => {
    const client = new ApiClient("http://127.0.0.1:9/graphql");
    const neverSent = async () => {
      const viewer = await client.gql(VIEWER);
      expectTypeOf(viewer.data).toEqualTypeOf<{ viewer: { kind: string } } | null>();
      // @ts-expect-error: a field the document does not select
      viewer.data?.viewer.processorId;
      // @ts-expect-error: a required variable left out
      await client.gql(POLICY_VERSION);
      // @ts-expect-error: a variable the document does not declare
      await client.gql(POLICY_VERSION, { id: "x", version: "2018-11-02" });
      const version = await client.gql(POLICY_VERSION, { id: "x" }, { method: "GET" });
      expectTypeOf(version.data).toEqualTypeOf<{
        policyVersion: { id: string; version: string };
      } | null>();
      // Text stays possible, untyped, for what no document can say.
      const text = await client.gql("{ nope }");
      expectTypeOf(text.data).toEqualTypeOf<Record<string, unknown> | null>();
    };
    expect(neverSent).toBeTypeOf("function");
  });
});
