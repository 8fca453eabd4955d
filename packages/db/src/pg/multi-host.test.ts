import { describe, expect, it } from "vitest";
import { openDatabase } from "../client.js";
import { describeDatabase } from "../config.js";
import { testDatabases } from "../test-support/databases.js";
import { NoPrimaryError, parseMultiHostUrl, poolConfigFor } from "./multi-host.js";
import { isDatabaseUnavailable } from "./unavailable.js";

describe("multi-host DATABASE_URL", () => {
  it("reads every host, the credentials and the database; one host is not multi-host", () => {
    const multi = parseMultiHostUrl(
      "postgresql://app:s%40cret@10.0.0.1:5433,[::1]:5434,db3/privet?target_session_attrs=read-write&sslmode=disable",
    );
    expect(multi?.hosts).toEqual([
      { host: "10.0.0.1", port: 5433 },
      { host: "::1", port: 5434 },
      { host: "db3", port: 5432 },
    ]);
    expect(multi?.config).toEqual({
      user: "app",
      password: "s@cret",
      database: "privet",
      ssl: false,
    });
    expect(parseMultiHostUrl("postgresql://app@db:5432/privet")).toBeNull();
    expect(poolConfigFor("postgresql://app@db:5432/privet")).toEqual({
      connectionString: "postgresql://app@db:5432/privet",
    });
  });

  it("refuses target_session_attrs that would send writes to a standby", () => {
    expect(() =>
      parseMultiHostUrl("postgresql://a@h1,h2/db?target_session_attrs=read-only"),
    ).toThrow(/needs read-write/);
  });

  it("is described without its password", () => {
    const text = describeDatabase({
      kind: "postgres",
      url: "postgresql://app:secret@h1:5433,h2:5434/privet",
    });
    expect(text).toBe("PostgreSQL h1:5433,h2:5434/privet (the primary among them)");
  });
});

describe("isDatabaseUnavailable", () => {
  it("knows a broken connection in each wrapping, and nothing else", () => {
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable({ code: "57P01", message: "terminating connection" })).toBe(true);
    expect(isDatabaseUnavailable({ cause: { kind: "ConnectionClosed" } })).toBe(true);
    expect(
      isDatabaseUnavailable({ meta: { driverAdapterError: { cause: { originalCode: "08006" } } } }),
    ).toBe(true);
    expect(isDatabaseUnavailable(new NoPrimaryError([{ host: "h", port: 1 }]))).toBe(true);
    expect(isDatabaseUnavailable({ code: "23505", message: "duplicate key value" })).toBe(false);
    expect(isDatabaseUnavailable(new Error("Cannot read properties of undefined"))).toBe(false);
  });
});

// Needs a PostgreSQL server (127.0.0.1:5432 in the test set-up); a closed port stands for a
// node that is down.
describe.skipIf(!testDatabases.some((kind) => kind.name === "postgres"))(
  "a multi-host URL on PostgreSQL",
  () => {
    it("skips a host that is down and connects to the one that answers as primary", async () => {
      const postgres = testDatabases.find((kind) => kind.name === "postgres");
      const opened = await postgres?.open();
      if (opened?.config.kind !== "postgres") throw new Error("expected PostgreSQL");
      const url = new URL(opened.config.url);
      // Port 1 on loopback: nothing listens there, so the connection is refused at once.
      const multi = `postgresql://${url.username}@127.0.0.1:1,${url.host}${url.pathname}`;
      const db = await openDatabase({ kind: "postgres", url: multi });
      try {
        const rows = await db.prisma.$queryRawUnsafe<{ standby: boolean }[]>(
          "SELECT pg_is_in_recovery() AS standby",
        );
        expect(rows).toEqual([{ standby: false }]);
      } finally {
        await db.close();
        await opened.drop();
      }
    });

    it("with no primary reachable, fails with an error the API calls unavailable", async () => {
      const db = await openDatabase(
        { kind: "postgres", url: "postgresql://postgres@127.0.0.1:1,127.0.0.1:2/privet" },
        { migrate: false },
      );
      try {
        const failure = await db.prisma.$queryRawUnsafe("SELECT 1").catch((error) => error);
        expect(failure).toBeInstanceOf(Error);
        expect(isDatabaseUnavailable(failure)).toBe(true);
      } finally {
        await db.close();
      }
    });
  },
);
