/**
 * Run by `npm run build` in packages/db: makes the snapshots new embedded databases are
 * loaded from (see pglite/initdb-snapshot.ts). Makes only what is missing for the installed
 * PGlite version and the committed migrations.
 */
import { makeSnapshots } from "../pglite/initdb-snapshot.js";

for (const path of await makeSnapshots()) console.log(`PGlite snapshot: ${path}`);
