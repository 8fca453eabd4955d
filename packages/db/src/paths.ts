import { fileURLToPath } from "node:url";

// This file sits at packages/db/{src,dist}/paths.*, so the repository root is three levels up
// whether the code runs from source (tests) or from the build.
const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export const paths = {
  repoRoot: REPO_ROOT,
  schema: fileURLToPath(new URL("prisma/schema.prisma", `file://${REPO_ROOT}`)),
  migrations: fileURLToPath(new URL("prisma/migrations/", `file://${REPO_ROOT}`)),
  seedData: fileURLToPath(new URL("prisma/seed-data/", `file://${REPO_ROOT}`)),
  /** Where the embedded database lives unless PRIVET_DATA_DIR says otherwise. */
  defaultDataDir: fileURLToPath(new URL(".privet-data/pglite/", `file://${REPO_ROOT}`)),
} as const;
