/**
 * Writes apps/api/schema.graphql, the data map: every type and field with its @personal
 * category or @classified note. Run by the build; a test fails when the committed file is stale.
 *
 * Under CI (CI=true) the build checks instead of writing: CI runs on a clean clone, and a
 * build that rewrote a stale committed file would let the staleness test pass on the copy it
 * had just written.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { privetSchema } from "./build-schema.js";
import { printPrivetSchema } from "./print-schema.js";

export const SCHEMA_FILE = fileURLToPath(new URL("../../schema.graphql", import.meta.url));

if (import.meta.url === `file://${process.argv[1]}`) {
  const printed = printPrivetSchema(await privetSchema());
  const committed = existsSync(SCHEMA_FILE) ? readFileSync(SCHEMA_FILE, "utf8") : null;
  if (process.env.CI === "true" && committed !== printed) {
    console.error(
      `${SCHEMA_FILE} is stale: the API's schema changed. Run \`npm run build\` and commit the file.`,
    );
    process.exit(1);
  }
  if (committed !== printed) writeFileSync(SCHEMA_FILE, printed);
  console.log(`schema ${committed === printed ? "unchanged" : "written"}: ${SCHEMA_FILE}`);
}
