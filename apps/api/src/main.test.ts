/**
 * The built server refuses to start on a wrong setting: `node dist/main.js` exits non-zero with
 * the message naming the variable, before it opens a database or a port. Runs the build (turbo
 * builds the API before its tests: turbo.json, @privet/api#test).
 */
import { execFile } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const main = fileURLToPath(new URL("../dist/main.js", import.meta.url));
const source = fileURLToPath(new URL("./config.ts", import.meta.url));

function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [main],
      {
        // Only what the test gives, plus PATH: nothing from the developer's own settings.
        env: { PATH: process.env.PATH ?? "", PRIVET_DATA_DIR: "memory://", PORT: "0", ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        resolve({
          code: error ? ((error as { code?: number }).code ?? null) : 0,
          output: `${stdout}${stderr}`,
        });
      },
    );
  });
}

describe("node dist/main.js with a wrong setting", () => {
  it("is built from the current source", () => {
    expect(existsSync(main), "apps/api/dist/main.js is missing: run the build first").toBe(true);
    expect(
      statSync(main).mtimeMs,
      "apps/api/dist is older than src/config.ts: run the build first",
    ).toBeGreaterThanOrEqual(statSync(source).mtimeMs);
  });

  it("PRIVET_ATTEMPTS_PER_IP=abc: exits non-zero, naming the variable and what it accepts", async () => {
    const { code, output } = await start({ PRIVET_ATTEMPTS_PER_IP: "abc" });
    expect(code).toBe(1);
    expect(output).toContain(
      'PRIVET_ATTEMPTS_PER_IP must be a whole number from 1 to 10000 (got "abc")',
    );
    // It stopped before opening the database or serving anything.
    expect(output).not.toContain("Privet API ready");
    expect(output).not.toContain("database");
  });

  it("PRIVET_TRUST_PROXY=true and a short PRIVET_SECRET: both reported, the secret never printed", async () => {
    const { code, output } = await start({
      PRIVET_TRUST_PROXY: "true",
      PRIVET_SECRET: "hunter2-hunter2",
      SMTP_URL: "https://mailer:hunter3@mail.example.com",
    });
    expect(code).toBe(1);
    expect(output).toContain("PRIVET_TRUST_PROXY must be");
    expect(output).toContain("PRIVET_SECRET must be at least 32 characters");
    expect(output).toContain("SMTP_URL must be an smtp:// or smtps:// URL");
    expect(output).not.toContain("hunter2");
    expect(output).not.toContain("hunter3");
  });
});
