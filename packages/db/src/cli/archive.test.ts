/**
 * `npm run db:archive` as a person runs it (the built CLI on an embedded folder): it lists the
 * partitions, archives a month, verifies the folder, and says what is wrong in words.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recordAccessEvents } from "../audit/index.js";
import { openDatabase } from "../client.js";
import { ensureHistoryPartitions } from "../retention/index.js";
import { type OpenTestDatabase, testDatabases } from "../test-support/databases.js";
import {
  builtFile,
  killLeftovers,
  START_TIMEOUT_MS,
  startNode,
} from "../test-support/node-process.js";

describe.each(testDatabases.filter((kind) => kind.name === "pglite"))(
  "db:archive on an embedded folder ($name)",
  { timeout: 4 * START_TIMEOUT_MS },
  (kind) => {
    let db: OpenTestDatabase;
    let folder: string;
    let archive: string;
    const cli = builtFile("cli/archive.js");

    beforeEach(async () => {
      db = await kind.open();
      if (db.config.kind !== "pglite") throw new Error("not a PGlite folder");
      folder = db.config.dataDir;
      archive = await mkdtemp(join(tmpdir(), "privet-archive-cli-"));
    });
    afterEach(async () => {
      await killLeftovers();
      await db?.drop();
      await rm(archive, { recursive: true, force: true });
    });

    const run = async (...args: string[]) => {
      const process = startNode([cli, ...args], { PRIVET_DATA_DIR: folder });
      return { exit: await process.exited, stdout: process.stdout(), stderr: process.stderr() };
    };

    it("archives a month, verifies it, and finds a changed file", async () => {
      const database = await openDatabase(db.config);
      try {
        await ensureHistoryPartitions(database.prisma, { from: new Date("2026-06-01T00:00:00Z") });
        const reader = randomUUID();
        for (const at of ["2026-06-10T10:00:00Z", "2026-06-11T10:00:00Z", "2026-07-01T10:00:00Z"]) {
          await recordAccessEvents(database.prisma, [
            {
              subjectId: randomUUID(),
              principalKind: "STAFF",
              principalId: reader,
              staffRole: "SUPPORT_AGENT",
              purpose: "SUPPORT",
              reference: "T-1",
              category: "user.contact.email",
              fieldPath: "customer.email",
              requestId: randomUUID(),
              occurredAt: new Date(at),
            },
          ]);
        }
      } finally {
        await database.close();
      }

      const listed = await run("--list");
      expect(listed.exit.code).toBe(0);
      expect(listed.stdout).toMatch(/AccessRecord\s+2026-06\s+AccessRecord_p2026_06/);
      expect(listed.stdout).toMatch(/StaffAction\s+default\s+StaffAction_default/);

      const archived = await run("--before", "2026-07", "--to", archive);
      expect(archived.stderr).toBe("");
      expect(archived.exit.code).toBe(0);
      expect(archived.stdout).toMatch(
        /AUDIT_LOG 2026-06: 2 entries of 1 chains → AUDIT_LOG-2026-06\.jsonl/,
      );
      expect(await readdir(archive)).toContain("AUDIT_LOG-2026-06.manifest.json");

      const verified = await run("--verify", archive);
      expect(verified.exit.code).toBe(0);
      expect(verified.stdout).toMatch(/The archive verifies: 2 archived entries/);

      await writeFile(join(archive, "AUDIT_LOG-2026-06.jsonl"), "");
      const broken = await run("--verify", archive);
      expect(broken.exit.code).toBe(1);
      expect(broken.stdout).toMatch(
        /PROBLEM: AUDIT_LOG 2026-06: AUDIT_LOG-2026-06\.jsonl holds 0 entries; 2 were archived/,
      );

      const tooSoon = await run("--before", "2999-01", "--to", archive);
      expect(tooSoon.exit.code).toBe(1);
      expect(tooSoon.stderr).toMatch(/^Error: Months before 2999-01 cannot be archived yet/);
      expect(tooSoon.stderr).not.toMatch(/at .*\.js/); // words, not a stack trace

      const notAMonth = await run("--before", "June", "--to", archive);
      expect(notAMonth.exit.code).toBe(2);
      expect(notAMonth.stderr).toMatch(/"June" is not a month: write it as YYYY-MM/);
    });
  },
);
