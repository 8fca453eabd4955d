/**
 * GET /ready over HTTP on a real database: 200 when the database answers, the build's
 * migrations are all applied and the audit writer's connection answers; 503 with the reasons
 * in words otherwise. (/health stays liveness only.)
 */
import { packagedMigrationNames } from "@privet/db/migrations";
import { testDatabases } from "@privet/db/testing";
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
