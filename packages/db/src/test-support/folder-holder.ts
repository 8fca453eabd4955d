/**
 * A process that holds an embedded database folder, for tests that need a second process:
 * `node dist/test-support/folder-holder.js <folder>`. It opens the folder as the API does
 * (openDatabase: lock, PGlite, migrations), keeps a probe table, prints "ready <pid>", then
 * answers one command per line on stdin:
 *   write <label>  → inserts the label, prints "wrote <label>" once it is committed
 *   read           → prints "rows <label>,<label>…" in order
 *   stop           → closes the database, prints "stopped", exits 0
 * If the folder cannot be opened it prints the error's message to stderr and exits 1.
 */
import { createInterface } from "node:readline";
import { openDatabase } from "../client.js";

const folder = process.argv[2];
if (!folder) {
  console.error("usage: folder-holder.js <folder>");
  process.exit(2);
}

try {
  const database = await openDatabase(
    { kind: "pglite", dataDir: folder },
    { log: (line) => console.log(line) },
  );
  const { prisma } = database;
  await prisma.$executeRawUnsafe(
    "CREATE TABLE IF NOT EXISTS lock_probe (n serial PRIMARY KEY, label text NOT NULL)",
  );
  console.log(`ready ${process.pid}`);

  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    const [command, ...rest] = line.trim().split(" ");
    if (command === "write") {
      const label = rest.join(" ");
      await prisma.$executeRaw`INSERT INTO lock_probe (label) VALUES (${label})`;
      console.log(`wrote ${label}`);
    } else if (command === "read") {
      const rows = await prisma.$queryRaw<{ label: string }[]>`
        SELECT label FROM lock_probe ORDER BY n`;
      console.log(`rows ${rows.map((row) => row.label).join(",")}`);
    } else if (command === "stop") {
      break;
    }
  }
  await database.close();
  console.log("stopped");
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
