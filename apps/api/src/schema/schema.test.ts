import { readFileSync } from "node:fs";
import { isDataCategory } from "@privet/domain/taxonomy";
import { isObjectType } from "graphql";
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

  it("classifies every field of every type that holds personal data", async () => {
    const schema = await privetSchema();
    const unclassified: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      const fields = Object.values(type.getFields());
      if (!fields.some((field) => directiveNames(field).includes("personal"))) continue;
      for (const field of fields) {
        const names = directiveNames(field);
        if (!names.includes("personal") && !names.includes("classified")) {
          unclassified.push(`${type.name}.${field.name}`);
        }
      }
    }
    expect(unclassified).toEqual([]);
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
