/**
 * The API enforces the permission table, every entry of it: each staff operation in the
 * committed schema is sent, with placeholder arguments, by every staff role, a customer, a
 * partner and an anonymous visitor. The roles the table lists get past the guard (whatever the
 * operation then makes of the placeholders); every other role is FORBIDDEN naming the roles,
 * customers and partners are FORBIDDEN, and a visitor is told to sign in. The placeholders
 * name nothing that exists, so the calls let through change nothing that matters here.
 */
import { readFileSync } from "node:fs";
import { testDatabases } from "@privet/db/testing";
import { isStaffOperation, staffRolesFor } from "@privet/domain/permissions";
import { STAFF_ROLES, type StaffRole } from "@privet/domain/principals";
import {
  buildSchema,
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../test-support/api.js";
import { createPartner, registerCustomer, signInStaff } from "../test-support/fixtures.js";

const schema = buildSchema(readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8"));

/** A value of each scalar that parses, naming nothing that exists. */
const SCALARS: Readonly<Record<string, string>> = {
  ID: '"0195f3c2-7a10-7000-8000-00000000dead"',
  String: '"placeholder"',
  Int: "1",
  SafeInt: "1",
  Float: "1",
  Boolean: "false",
  DateTimeISO: '"2024-01-01T00:00:00.000Z"',
};

/** A literal for a required input: every required field filled, lists of one. */
function placeholder(type: GraphQLInputType): string {
  if (isNonNullType(type)) return placeholder(type.ofType);
  if (isListType(type)) return `[${placeholder(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0]?.name ?? "";
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields())
      .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
      .map((field) => `${field.name}: ${placeholder(field.type)}`);
    return `{ ${fields.join(", ")} }`;
  }
  const literal = SCALARS[type.name];
  if (!literal) throw new Error(`scalar ${type.name}: give it a placeholder (staff-guard.test.ts)`);
  return literal;
}

function request(operation: "query" | "mutation", field: GraphQLField<unknown, unknown>): string {
  const args = field.args
    .filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)
    .map((arg) => `${arg.name}: ${placeholder(arg.type)}`);
  const call = args.length > 0 ? `${field.name}(${args.join(", ")})` : field.name;
  const selection = isObjectType(getNamedType(field.type)) ? " { __typename }" : "";
  return `${operation} { ${call}${selection} }`;
}

const STAFF_OPERATIONS = (["query", "mutation"] as const).flatMap((operation) => {
  const root = operation === "query" ? schema.getQueryType() : schema.getMutationType();
  return Object.values(root?.getFields() ?? {})
    .filter((field) => isStaffOperation(field.name))
    .map((field) => ({ name: field.name, text: request(operation, field) }));
});

describe.each(testDatabases)("the staff guard on $name", (kind) => {
  let api: TestApi;
  const staff = new Map<StaffRole, ApiClient>();
  let customer: ApiClient;
  let partner: ApiClient;
  beforeAll(async () => {
    api = await startTestApi(kind);
    for (const role of STAFF_ROLES) {
      const client = api.client();
      await signInStaff(api.db.prisma, client, role);
      staff.set(role, client);
    }
    customer = api.client();
    await registerCustomer(customer);
    const { apiKey } = await createPartner(api.db.prisma, null);
    partner = api.client({ authorization: `Bearer ${apiKey}` });
  });
  afterAll(() => api?.close());

  it("finds the staff operations to send", () => {
    expect(STAFF_OPERATIONS.length).toBeGreaterThan(40);
  });

  it.each(STAFF_OPERATIONS)("limits $name to the roles the table lists", async ({ name, text }) => {
    const roles = staffRolesFor(name as Parameters<typeof staffRolesFor>[0]) ?? [];
    for (const role of STAFF_ROLES) {
      const result = await staff.get(role)?.gql(text);
      const refusal = result?.errors.find((error) => error.extensions?.roles);
      if (roles.includes(role)) {
        expect(refusal, `${role} may call ${name}`).toBeUndefined();
        expect(result?.errors.map((e) => e.extensions?.code)).not.toContain("UNAUTHENTICATED");
      } else {
        expect(refusal?.extensions, `${role} may not call ${name}`).toEqual({
          code: "FORBIDDEN",
          roles,
        });
        expect(result?.errors).toHaveLength(1);
        // Words a person reads, not role constants.
        expect(refusal?.message).toMatch(/^Only [a-z ,]+ may do this\.$/);
      }
    }
    expect((await customer.gql(text)).errors.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect((await partner.gql(text)).errors.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect((await api.client().gql(text)).errors.map((e) => e.extensions?.code)).toEqual([
      "UNAUTHENTICATED",
    ]);
  });
});
