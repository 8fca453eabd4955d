/**
 * Writes apps/api/schema.graphql, the data map: every type and field with its @personal
 * category or @classified note. Run by the build; a test fails when the committed file is stale.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { privetSchema } from "./build-schema.js";
import { printPrivetSchema } from "./print-schema.js";

export const SCHEMA_FILE = fileURLToPath(new URL("../../schema.graphql", import.meta.url));

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(SCHEMA_FILE, printPrivetSchema(await privetSchema()));
  console.log(`schema written to ${SCHEMA_FILE}`);
}
