import { openAdapterFactory, openDatabase } from "@privet/db/client";
import { type OpenTestDatabase, testDatabases } from "@privet/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startupRefusal } from "./startup-refusal.js";

describe.each(testDatabases.filter((kind) => kind.name === "pglite"))(
  "starting on a folder in use ($name)",
  (kind) => {
    let db: OpenTestDatabase;
    beforeEach(async () => {
      db = await kind.open();
    });
    afterEach(() => db.drop());

    it("is refused with one line naming the folder and the holding process", async () => {
      if (db.config.kind !== "pglite") throw new Error("not a PGlite folder");
      const held = await openAdapterFactory(db.config);
      try {
        const error = await openDatabase(db.config).then(
          () => undefined,
          (reason: unknown) => reason,
        );
        expect(startupRefusal(error)).toMatch(
          new RegExp(
            `^Privet API could not start: The embedded database folder ${db.config.dataDir} ` +
              `is in use by process ${process.pid} \\([^\\n]*\\)\\. [^\\n]*$`,
          ),
        );
      } finally {
        await held.dispose();
      }
    });
  },
);

it("leaves other start-up failures to the error log", () => {
  expect(startupRefusal(new Error("PORT must be a port number"))).toBeUndefined();
});
