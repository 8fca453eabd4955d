/**
 * The input guard covers every string argument in the committed schema (schema.graphql), so a
 * new argument cannot forget it: for each one, a request generated here puts a card number,
 * then a line break, then a control character into exactly that argument, and the API must
 * refuse each before anything runs — whatever the argument, whoever asks.
 */
import { readFileSync } from "node:fs";
import { testDatabases } from "@privet/db/testing";
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test-support/api.js";
import { graphql } from "../test-support/generated/gql.js";

const schema = buildSchema(readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8"));

/** Scalars whose values are text a client writes. Other scalars must be listed as not text. */
const TEXT_SCALARS = new Set(["String", "ID"]);
/** Scalars that parse a fixed format (a date, a number) and so carry no free text. */
const NOT_TEXT_SCALARS = new Set(["Int", "Float", "Boolean", "DateTimeISO"]);

interface StringInput {
  /** Where it is: "Mutation.register(input.name)". */
  readonly label: string;
  readonly operation: "query" | "mutation";
  /** The field that takes the argument, as "Type.field". */
  readonly owner: string;
  /** The fields from the root down to the one that takes the argument. */
  readonly fields: readonly AnyField[];
  readonly argument: GraphQLArgument;
  /** The path inside the argument's value to the string ([] for the argument itself). */
  readonly inside: readonly string[];
  readonly multiline: boolean;
  /** The field the error should name. */
  readonly errorField: string;
}

type AnyField = GraphQLField<unknown, unknown>;

const isMultiline = (definition: GraphQLArgument | GraphQLInputField) =>
  definition.astNode?.directives?.some((d) => d.name.value === "multiline") ?? false;

function leafStrings(
  type: GraphQLInputType,
  definition: GraphQLArgument | GraphQLInputField,
  inside: readonly string[],
  seen: ReadonlySet<string>,
): Array<{ inside: readonly string[]; multiline: boolean }> {
  const named = getNamedType(type) as GraphQLNamedType;
  if (isScalarType(named)) {
    if (TEXT_SCALARS.has(named.name)) return [{ inside, multiline: isMultiline(definition) }];
    if (!NOT_TEXT_SCALARS.has(named.name)) {
      throw new Error(`scalar ${named.name}: say whether it carries text (input-guard.test.ts)`);
    }
    return [];
  }
  if (!isInputObjectType(named) || seen.has(named.name)) return [];
  return Object.values(named.getFields()).flatMap((field) =>
    leafStrings(field.type, field, [...inside, field.name], new Set([...seen, named.name])),
  );
}

/** Every field reachable from the roots, with the shortest path of fields that reaches it. */
interface Reached {
  readonly operation: "query" | "mutation";
  readonly owner: string;
  readonly fields: AnyField[];
}

function reachableFields(): Reached[] {
  const found: Reached[] = [];
  const visited = new Set<string>();
  const queue: Array<{
    operation: "query" | "mutation";
    type: GraphQLObjectType;
    path: AnyField[];
  }> = [];
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) queue.push({ operation: "query", type: query, path: [] });
  if (mutation) queue.push({ operation: "mutation", type: mutation, path: [] });
  while (queue.length > 0) {
    const { operation, type, path } = queue.shift() as (typeof queue)[number];
    for (const field of Object.values(type.getFields())) {
      const key = `${type.name}.${field.name}`;
      if (visited.has(key)) continue;
      visited.add(key);
      found.push({ operation, owner: key, fields: [...path, field] });
      const returns = getNamedType(field.type);
      if (isObjectType(returns)) {
        queue.push({ operation, type: returns, path: [...path, field] });
      }
    }
  }
  return found;
}

function stringInputs(): StringInput[] {
  const inputs: StringInput[] = [];
  for (const { operation, owner, fields } of reachableFields()) {
    const field = fields.at(-1) as AnyField;
    for (const argument of field.args) {
      for (const leaf of leafStrings(argument.type, argument, [], new Set())) {
        inputs.push({
          label: `${owner}(${[argument.name, ...leaf.inside].join(".")})`,
          operation,
          owner,
          fields,
          argument,
          inside: leaf.inside,
          multiline: leaf.multiline,
          errorField: leaf.inside.length > 0 ? leaf.inside.join(".") : argument.name,
        });
      }
    }
  }
  return inputs;
}

/** Every field (outside the introspection types) that takes a text argument. */
function fieldsWithTextArguments(): string[] {
  const found: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || !isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.some((a) => leafStrings(a.type, a, [], new Set()).length > 0)) {
        found.push(`${type.name}.${field.name}`);
      }
    }
  }
  return found.sort();
}

/** The value of the argument with `text` at the string's place (a list where the type is one). */
function valueWith(type: GraphQLInputType, inside: readonly string[], text: string): unknown {
  if (isNonNullType(type)) return valueWith(type.ofType, inside, text);
  if (isListType(type)) return [valueWith(type.ofType, inside, text)];
  const [next, ...rest] = inside;
  if (next === undefined || !isInputObjectType(type)) return text;
  const field = type.getFields()[next];
  if (!field) throw new Error(`no field ${next} on ${type.name}`);
  return { [next]: valueWith(field.type, rest, text) };
}

/**
 * The operation: every argument of every field on the path is a variable (so the document is
 * valid), and only the one under test has a value. The others would fail when the operation
 * runs; the guard must refuse it before that.
 */
function request(input: StringInput, text: string) {
  const declarations: string[] = [];
  let selection = "";
  for (const [depth, field] of [...input.fields].reverse().entries()) {
    const level = input.fields.length - 1 - depth;
    const args = field.args.map((a) => {
      declarations.push(`$v${level}_${a.name}: ${a.type.toString()}`);
      return `${a.name}: $v${level}_${a.name}`;
    });
    const inner = selection
      ? `{ ${selection} }`
      : isObjectType(getNamedType(field.type))
        ? "{ __typename }"
        : "";
    selection = `${field.name}${args.length ? `(${args.join(", ")})` : ""} ${inner}`;
  }
  const level = input.fields.length - 1;
  return {
    query: `${input.operation} Guarded(${declarations.join(", ")}) { ${selection} }`,
    variables: {
      [`v${level}_${input.argument.name}`]: valueWith(input.argument.type, input.inside, text),
    },
  };
}

const inputs = stringInputs();

/** What the guard must let through, as a client sends it. (The rest of this file sends text:
 * requests generated from the schema, and card numbers written into documents on purpose.) */
const ORDINARY_SUPPORT_REQUEST = graphql(`
  mutation OrdinarySupportRequest($input: SubmitSupportRequestInput!) {
    submitSupportRequest(input: $input) { id }
  }
`);

describe("the schema's string inputs", () => {
  it("are all reached by the requests below", () => {
    // Every field that takes a text argument, at the root or below it, gets requests.
    expect([...new Set(inputs.map((i) => i.owner))].sort()).toEqual(fieldsWithTextArguments());
    // A floor, so that a broken walk over the schema cannot pass by finding nothing.
    expect(inputs.length).toBeGreaterThan(40);
    expect(inputs.filter((i) => i.multiline).length).toBeGreaterThan(8);
  });
});

describe.each(testDatabases)("[P-03] the input guard on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("[P-03] refuses a card number in every string argument of the schema, before anything runs", async () => {
    const client = api.client();
    const refused: string[] = [];
    for (const input of inputs) {
      const { query, variables } = request(input, "ref 4111 1111 1111 1111");
      const result = await client.gql(query, variables);
      const error = result.errors[0];
      if (
        result.status === 400 &&
        error?.extensions?.code === "CARD_NUMBER_REJECTED" &&
        error.extensions.field === input.errorField &&
        !JSON.stringify(result.errors).includes("4111")
      ) {
        refused.push(input.label);
      }
    }
    expect(refused).toEqual(inputs.map((i) => i.label));
  });

  it("refuses a line break in every single-line string argument, and a control character in every one", async () => {
    const client = api.client();
    const problems: string[] = [];
    for (const input of inputs) {
      const lineBreak = await client.gql(...asArgs(request(input, "first line\nsecond line")));
      const lineBreakRefused =
        lineBreak.errors[0]?.extensions?.code === "BAD_USER_INPUT" &&
        lineBreak.errors[0]?.extensions?.field === input.errorField &&
        /single line/.test(lineBreak.errors[0]?.message ?? "");
      // A multi-line input lets a line break through the guard (its resolver may still refuse
      // the value for its own reasons, but never as a line break).
      if (lineBreakRefused === input.multiline) problems.push(`${input.label}: line break`);

      const control = await client.gql(...asArgs(request(input, "bell \u0007 here")));
      const controlRefused =
        control.status === 400 &&
        control.errors[0]?.extensions?.code === "BAD_USER_INPUT" &&
        control.errors[0]?.extensions?.field === input.errorField &&
        /control characters/.test(control.errors[0]?.message ?? "");
      if (!controlRefused) problems.push(`${input.label}: control character`);
    }
    expect(problems).toEqual([]);
  });

  it("checks literals written in the document, directive arguments and variable defaults too", async () => {
    const client = api.client();
    const literal = await client.gql(
      `mutation { subscribeNewsletter(email: "4111-1111-1111-1111@example.com") }`,
    );
    expect(literal.errors[0]?.extensions).toMatchObject({
      code: "CARD_NUMBER_REJECTED",
      field: "email",
    });
    const nested = await client.gql(
      `mutation { submitSupportRequest(input: { subject: "Hi", message: "My card: ４１１１ １１１１ １１１１ １１１１" }) { id } }`,
    );
    expect(nested.errors[0]?.extensions).toMatchObject({
      code: "CARD_NUMBER_REJECTED",
      field: "message",
    });
    const directive = await client.gql(
      `query @purpose(name: SUPPORT, ref: "4111111111111111") { viewer { kind } }`,
    );
    expect(directive.status).toBe(400);
    expect(directive.errors[0]?.extensions).toMatchObject({
      code: "CARD_NUMBER_REJECTED",
      field: "purpose.ref",
    });
    const header = await client.gql(
      `{ viewer { kind } }`,
      {},
      {
        headers: { "x-privet-purpose": "SUPPORT", "x-privet-purpose-ref": "4111111111111111" },
      },
    );
    expect(header.status).toBe(400);
    expect(header.errors[0]?.extensions?.code).toBe("CARD_NUMBER_REJECTED");
    const defaulted = await client.gql(
      `mutation Sub($email: String! = "4111 1111 1111 1111") { subscribeNewsletter(email: $email) }`,
    );
    expect(defaulted.errors[0]?.extensions?.code).toBe("CARD_NUMBER_REJECTED");
  });

  it("checks every request's values, however often its document was seen before", async () => {
    // The guard works out where a document's strings are once per document (Apollo keeps one
    // per query text); the values of each request must still be checked, every time.
    const client = api.client();
    const query = `mutation Again($email: String!) { subscribeNewsletter(email: $email) }`;
    const codes: unknown[] = [];
    for (const email of ["a@example.com", "4111 1111 1111 1111", "b@example.com", "x\ny"]) {
      const result = await client.gql(query, { email });
      codes.push(result.errors[0]?.extensions?.code ?? "OK");
    }
    expect(codes).toEqual(["OK", "CARD_NUMBER_REJECTED", "OK", "BAD_USER_INPUT"]);
  });

  it("lets ordinary text, ids and multi-line text through", async () => {
    const client = api.client();
    const support = await client.gql(ORDINARY_SUPPORT_REQUEST, {
      input: {
        subject: "Order 2026-12-05 #1234567",
        message: "Hello,\n\tmy order 1234-5678 did not arrive.\r\nThanks",
        replyTo: "someone@example.com",
      },
    });
    expect(support.errors).toEqual([]);
    const row = await api.db.prisma.supportRequest.findUniqueOrThrow({
      where: { id: support.data?.submitSupportRequest.id ?? "" },
    });
    expect(row.message).toBe("Hello,\n\tmy order 1234-5678 did not arrive.\r\nThanks");
  });
});

function asArgs(r: { query: string; variables: Record<string, unknown> }) {
  return [r.query, r.variables] as const;
}
