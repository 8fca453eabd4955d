/**
 * GET /ready, for load balancers and orchestrators: 200 when this process can serve — the
 * database answers, every migration this build carries is applied, the audit writer's own
 * connection answers (no read may be served without its audit record) and the process is not
 * shutting down; otherwise 503 naming what is not ready, in words. No authentication, no
 * personal data (migration names only), two cheap statements. /health stays liveness: it
 * says the process is up, nothing more.
 */
import type { AuditWriter } from "@privet/db/audit";
import type { PrismaClient } from "@privet/db/client";
import { packagedMigrationNames } from "@privet/db/migrations";
import type { Request, Response } from "express";

export interface ReadinessOptions {
  readonly prisma: PrismaClient;
  readonly audit: AuditWriter;
  /** True once shutdown began: the balancer must stop sending before the port closes. */
  readonly stopping: () => boolean;
}

export interface Readiness {
  readonly ready: boolean;
  /** What is not ready, in words (empty when ready). */
  readonly problems: string[];
}

export function readinessCheck(options: ReadinessOptions): () => Promise<Readiness> {
  // The build's migrations do not change while the process runs: read the folder once.
  let packaged: Promise<string[]> | undefined;
  return async () => {
    if (options.stopping()) return { ready: false, problems: ["the process is shutting down"] };
    const problems: string[] = [];
    try {
      packaged ??= packagedMigrationNames();
      const applied = await appliedMigrations(options.prisma);
      const missing = (await packaged).filter((name) => !applied.has(name));
      if (missing.length > 0) {
        problems.push(
          `${missing.length} migration(s) not applied: ${missing.join(", ")} (run \`npm run db:deploy\`, or restart to apply them)`,
        );
      }
    } catch {
      // Not the driver's message: it may carry the host or the user name.
      problems.push("the database is not reachable");
    }
    try {
      await options.audit.check();
    } catch {
      problems.push("the audit writer is not connected to the database");
    }
    return { ready: problems.length === 0, problems };
  };
}

async function appliedMigrations(prisma: PrismaClient): Promise<Set<string>> {
  await prisma.$queryRaw`SELECT 1`;
  try {
    const rows = await prisma.$queryRaw<Array<{ migration_name: string }>>`
      SELECT migration_name FROM _prisma_migrations
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    return new Set(rows.map((row) => row.migration_name));
  } catch {
    // The database answered SELECT 1: only the history table is missing (never migrated).
    return new Set();
  }
}

export function readinessRoute(check: () => Promise<Readiness>) {
  return async (_req: Request, res: Response) => {
    const { ready, problems } = await check();
    res.status(ready ? 200 : 503).json(ready ? { ready: true } : { ready: false, problems });
  };
}
