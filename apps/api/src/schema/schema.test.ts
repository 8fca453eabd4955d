import { readFileSync } from "node:fs";
import { isDataCategory } from "@privet/domain/taxonomy";
import { type GraphQLObjectType, getNamedType, isObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { privetSchema } from "./build-schema.js";
import { SCHEMA_FILE } from "./emit-schema.js";
import { printPrivetSchema } from "./print-schema.js";

function directiveNames(field: {
  astNode?: { directives?: readonly { name: { value: string } }[] } | null;
}) {
  return (field.astNode?.directives ?? []).map((d) => d.name.value);
}

describe("the emitted schema (the data map)", () => {
  it("is committed and current: run `npm run build -w @privet/api` after changing a type", async () => {
    const committed = readFileSync(SCHEMA_FILE, "utf8");
    expect(committed).toBe(printPrivetSchema(await privetSchema()));
  });

  it("classifies every field of every type that holds or leads to personal data", async () => {
    const schema = await privetSchema();
    const objects = Object.values(schema.getTypeMap()).filter(
      (type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith("__"),
    );
    // Start from every type with a personal field, and follow each field that is not itself
    // @personal (a @personal list decides for everything beneath it, e.g. navigation events).
    const pending = objects.filter((type) =>
      Object.values(type.getFields()).some((field) => directiveNames(field).includes("personal")),
    );
    const seen = new Set(pending.map((type) => type.name));
    const unclassified: string[] = [];
    while (pending.length > 0) {
      const type = pending.pop() as GraphQLObjectType;
      for (const field of Object.values(type.getFields())) {
        const names = directiveNames(field);
        if (!names.includes("personal") && !names.includes("classified")) {
          unclassified.push(`${type.name}.${field.name}`);
        }
        const target = getNamedType(field.type);
        if (!names.includes("personal") && isObjectType(target) && !seen.has(target.name)) {
          seen.add(target.name);
          pending.push(target);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(5);
    expect(unclassified.sort()).toEqual([]);
  });

  it("names a known data category on every @personal field, and prints it", async () => {
    const printed = printPrivetSchema(await privetSchema());
    const categories = [...printed.matchAll(/@personal\(category: "([^"]+)"\)/g)].map(
      (m) => m[1] ?? "",
    );
    expect(categories.length).toBeGreaterThan(0);
    expect(categories.filter((category) => !isDataCategory(category))).toEqual([]);
    expect(printed).toContain('email: String @personal(category: "user.contact.email")');
    expect(printed).toMatch(/directive @purpose\([^)]*name: Purpose![^)]*\) on MUTATION \| QUERY/s);
  });
});
