/**
 * `npm run db:seed`: loads the demo dataset into the configured database (DATABASE_URL, or the
 * embedded PGlite folder), applying pending migrations first. Safe to run again: a second run
 * adds nothing. Prints what it wrote and how to sign in. Set PRIVET_DEBUG=1 for stack traces.
 */
import { databaseConfigFromEnv, describeDatabase, openDatabase } from "../client.js";
import {
  DEMO_CUSTOMER_EMAIL,
  DEMO_PASSWORD,
  DEMO_STAFF_SIGN_INS,
  SEEDED_TABLES,
  seedDemoData,
} from "../seed/index.js";

async function main(): Promise<void> {
  const config = databaseConfigFromEnv();
  console.log(`Seeding the demo dataset into ${describeDatabase(config)}…`);
  const database = await openDatabase(config, { log: (line) => console.log(line) });
  try {
    const result = await seedDemoData(database.prisma, { log: (line) => console.log(line) });
    const width = Math.max(...SEEDED_TABLES.map((table) => table.length));
    console.log("");
    console.log(`${"table".padEnd(width)}  created  total`);
    for (const table of SEEDED_TABLES) {
      const created = String(result.created[table]).padStart(7);
      const total = String(result.total[table]).padStart(6);
      console.log(`${table.padEnd(width)}  ${created} ${total}`);
    }
    const createdAny = SEEDED_TABLES.some((table) => result.created[table] > 0);
    console.log("");
    console.log(
      createdAny
        ? `Seeded in ${(result.durationMs / 1000).toFixed(1)} s.`
        : `Already seeded: nothing to add (${(result.durationMs / 1000).toFixed(1)} s).`,
    );
    console.log("");
    console.log(`Demo sign-ins (password for every account: ${DEMO_PASSWORD})`);
    console.log(`  portal   ${DEMO_CUSTOMER_EMAIL}`);
    for (const [role, email] of Object.entries(DEMO_STAFF_SIGN_INS)) {
      console.log(`  console  ${email.padEnd(34)} ${role}`);
    }
  } finally {
    await database.close();
  }
}

/** Never print the database password, even when a driver echoes the URL in an error. */
function redact(text: string): string {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) return text;
  let out = text.split(url).join("<DATABASE_URL>");
  try {
    const password = decodeURIComponent(new URL(url).password);
    if (password) out = out.split(password).join("***");
  } catch {
    // Not a URL: nothing more to hide.
  }
  return out;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const message = redact(error instanceof Error ? error.message : String(error));
    console.error(`db:seed failed: ${message}`);
    if (process.env.PRIVET_DEBUG === "1" && error instanceof Error) {
      console.error(redact(error.stack ?? ""));
    }
    process.exit(1);
  },
);
