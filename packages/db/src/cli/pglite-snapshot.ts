/**
 * Run by `npm run build` in packages/db: makes the snapshot of PGlite's initdb output that
 * new embedded databases are loaded from (see pglite/initdb-snapshot.ts). Does nothing when
 * the snapshot for the installed PGlite version exists.
 */
import { initdbSnapshotPath, makeInitdbSnapshot } from "../pglite/initdb-snapshot.js";

const existed = (await import("node:fs")).existsSync(initdbSnapshotPath());
const path = await makeInitdbSnapshot();
if (!existed) console.log(`PGlite initdb snapshot: ${path}`);
