/**
 * GET /ready over HTTP on a real database: 200 when the database answers, the build's
 * migrations are all applied and the audit writer's connection answers; 503 with the reasons
 * in words otherwise. (/health stays liveness only.)
 */
import { type Database, openDatabase } from "@privet/db/client";
import { packagedMigrationNames } from "@privet/db/migrations";
import { DEFAULT_TEST_POSTGRES_URL, testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test-support/api.js";

describe.each(testDatabases)("/ready on $name", (kind) => {
  let api: TestApi;
  let origin: string;

  beforeAll(async () => {
    api = await startTestApi(kind);
    origin = new URL(api.url).origin;
  });
  afterAll(async () => {
    await api?.close();
  });

  const ready = async () => {
    const response = await fetch(`${origin}/ready`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("answers 200 on a migrated database with a connected audit writer, without auth", async () => {
    expect(await ready()).toEqual({ status: 200, body: { ready: true } });
    const health = await fetch(`${origin}/health`);
    expect(health.status).toBe(200);
  });

  it("answers 503 naming a migration of the build that the database has not applied", async () => {
    const last = (await packagedMigrationNames()).at(-1) ?? "";
    expect(last).not.toBe("");
    await api.db.prisma.$executeRaw`
      UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = ${last}`;
    try {
      const { status, body } = await ready();
      expect(status).toBe(503);
      expect(body.ready).toBe(false);
      expect(body.problems).toEqual([expect.stringContaining(`not applied: ${last}`)]);
    } finally {
      await api.db.prisma.$executeRaw`
        UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = ${last}`;
    }
    expect((await ready()).status).toBe(200);
  });

  // Last: it closes the writer for good.
  it("answers 503 once the audit writer is closed: no read may go unaudited", async () => {
    await api.db.audit.close();
    const { status, body } = await ready();
    expect(status).toBe(503);
    expect(body).toEqual({
      ready: false,
      problems: ["the audit writer is not connected to the database"],
    });
    const health = await fetch(`${origin}/health`);
    expect(health.status).toBe(200);
  });
});

const postgres = testDatabases.find((kind) => kind.name === "postgres");

/** Asks /ready until it answers `status`, for up to a minute; returns the last body. */
async function readyUntil(origin: string, status: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(`${origin}/ready`);
    const body = (await response.json()) as Record<string, unknown>;
    if (response.status === status) return body;
    if (Date.now() > deadline)
      throw new Error(`/ready stayed ${response.status}: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.runIf(postgres)("/ready while PostgreSQL refuses this database's connections", () => {
  let api: TestApi;
  let admin: Database;
  let name: string;

  beforeAll(async () => {
    api = await startTestApi(postgres as NonNullable<typeof postgres>);
    if (api.config.database.kind !== "postgres") throw new Error("expected PostgreSQL");
    name = new URL(api.config.database.url).pathname.slice(1);
    const adminUrl = process.env.PRIVET_TEST_POSTGRES_URL?.trim() || DEFAULT_TEST_POSTGRES_URL;
    admin = await openDatabase({ kind: "postgres", url: adminUrl }, { migrate: false });
  });
  afterAll(async () => {
    await admin?.prisma.$executeRawUnsafe(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    await admin?.close();
    await api?.close();
  });

  it("answers 503 naming the database and the audit writer, and 200 again once it is back", async () => {
    const origin = new URL(api.url).origin;
    await readyUntil(origin, 200);
    await admin.prisma.$executeRawUnsafe(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    await admin.prisma.$queryRawUnsafe(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`,
    );
    const body = await readyUntil(origin, 503);
    expect(body).toEqual({
      ready: false,
      problems: [
        "the database is not reachable",
        "the audit writer is not connected to the database",
      ],
    });
    // Nothing personal or internal: no host, user or driver message.
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|postgres|privet_test/);
    await admin.prisma.$executeRawUnsafe(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    expect(await readyUntil(origin, 200)).toEqual({ ready: true });
  });
});
