/**
 * The permission table (@privet/domain/permissions) must say, for every operation in the
 * committed schema, who may call it: a new query or mutation without an entry fails here, and
 * so does an entry left behind for an operation that is gone.
 */
import { readFileSync } from "node:fs";
import { OPERATIONS } from "@privet/domain/permissions";
import { buildSchema } from "graphql";
import { describe, expect, it } from "vitest";

const schema = buildSchema(readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8"));
const rootFields = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
  Object.keys(type?.getFields() ?? {}),
);
const entries = Object.keys(OPERATIONS);

describe("the permission table", () => {
  it("has an entry for every query and mutation in schema.graphql", () => {
    const missing = rootFields.filter((field) => !entries.includes(field));
    expect(missing, "add these to OPERATIONS in packages/domain/src/permissions.ts").toEqual([]);
  });

  it("names no operation the schema does not have", () => {
    const unknown = entries.filter((entry) => !rootFields.includes(entry));
    expect(unknown, "remove these from OPERATIONS, or check their spelling").toEqual([]);
  });

  it("reads the schema it checks", () => {
    expect(rootFields.length).toBeGreaterThan(60);
    expect(rootFields).toContain("verifyPrivacyRequest");
  });
});
