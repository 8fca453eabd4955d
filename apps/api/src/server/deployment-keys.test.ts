/**
 * Every API process of one deployment must share its keys: the start-up check against the
 * fingerprints in the database, called as two processes would call it (two configurations on
 * one database), and once as a real `node dist/main.js` that must refuse to start.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { generateSigningKeyPem, signerFromPrivateKey } from "@privet/db/checkpoints";
import { type Database, openDatabase } from "@privet/db/client";
import { type OpenTestDatabase, testDatabases } from "@privet/db/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ApiConfig, DeploymentKeyName } from "../config.js";
import { ApiProcess, PROCESS_WAIT_MS } from "../test-support/api-process.js";
import {
  checkDeploymentKeys,
  DeploymentKeyMismatchError,
  deploymentKeyFingerprints,
} from "./deployment-keys.js";
import { startupRefusal } from "./startup-refusal.js";

type Keys = Pick<ApiConfig, "hashKey" | "checkpointSigner" | "receiptSigner" | "keyRotation">;

/** One process's keys, all new. */
function newKeys(rotation: readonly DeploymentKeyName[] = []): Keys {
  return {
    hashKey: randomBytes(32).toString("hex"),
    checkpointSigner: signerFromPrivateKey(generateSigningKeyPem()),
    receiptSigner: signerFromPrivateKey(generateSigningKeyPem()),
    keyRotation: rotation,
  };
}

/** What the check throws for `keys` (fails when it accepts them). */
async function refusal(db: Database, keys: Keys): Promise<DeploymentKeyMismatchError> {
  const error = await checkDeploymentKeys(db.prisma, keys).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DeploymentKeyMismatchError)) {
    throw new Error(`expected a refusal, got ${String(error)}`);
  }
  return error;
}

async function recorded(db: Database): Promise<Record<string, string>> {
  const rows = await db.prisma.deploymentKeyFingerprint.findMany();
  return Object.fromEntries(rows.map((row) => [row.name, row.fingerprint]));
}

describe.each(testDatabases)("deployment keys on one database ($name)", (kind) => {
  let testDb: OpenTestDatabase;
  let db: Database;
  beforeEach(async () => {
    testDb = await kind.open();
    db = await openDatabase(testDb.config);
  });
  afterEach(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it("the first process records a fingerprint of each key; a second with the same keys starts", async () => {
    const keys = newKeys();
    expect(await checkDeploymentKeys(db.prisma, keys)).toEqual({
      recorded: ["PRIVET_SECRET", "PRIVET_SIGNING_KEY", "PRIVET_RECEIPT_SIGNING_KEY"],
      rotated: [],
      rotationUnneeded: [],
    });
    const fingerprints = deploymentKeyFingerprints(keys);
    expect(await recorded(db)).toEqual(fingerprints);
    // Fingerprints, not keys: nothing stored is the secret or a private key, and a signing
    // key's fingerprint is its public key's id.
    const stored = JSON.stringify(await db.prisma.deploymentKeyFingerprint.findMany());
    expect(stored).not.toContain(keys.hashKey);
    expect(fingerprints.PRIVET_SIGNING_KEY.slice(0, 16)).toBe(keys.checkpointSigner.keyId);
    expect(fingerprints.PRIVET_RECEIPT_SIGNING_KEY.slice(0, 16)).toBe(keys.receiptSigner.keyId);

    expect(await checkDeploymentKeys(db.prisma, { ...keys })).toEqual({
      recorded: [],
      rotated: [],
      rotationUnneeded: [],
    });
    expect(await recorded(db)).toEqual(fingerprints);
  });

  it("a process with another PRIVET_SECRET is refused, in words naming that key and never the secret", async () => {
    const first = newKeys();
    await checkDeploymentKeys(db.prisma, first);
    const other = { ...first, hashKey: randomBytes(32).toString("hex") };
    const error = await refusal(db, other);
    expect(error.keys).toEqual(["PRIVET_SECRET"]);
    const message = startupRefusal(error) ?? "";
    expect(message).toMatch(
      /^Privet API cannot start: PRIVET_SECRET is not the one this deployment's other processes use \(recorded \d{4}-/,
    );
    expect(message).toContain("PRIVET_KEY_ROTATION=PRIVET_SECRET");
    expect(message).not.toMatch(/PRIVET_SIGNING_KEY|PRIVET_RECEIPT_SIGNING_KEY/);
    for (const secret of [first.hashKey, other.hashKey]) expect(message).not.toContain(secret);
    for (const fingerprint of [first, other].map((k) => deploymentKeyFingerprints(k))) {
      expect(message).not.toContain(fingerprint.PRIVET_SECRET);
      expect(message).not.toContain(fingerprint.PRIVET_SECRET.slice(0, 16));
    }
    // Refused without writing: the deployment's fingerprint is still the first process's.
    expect(await recorded(db)).toEqual(deploymentKeyFingerprints(first));
  });

  it("a process with another signing key is refused, naming the key and both public key ids", async () => {
    const first = newKeys();
    await checkDeploymentKeys(db.prisma, first);
    const other = { ...first, checkpointSigner: signerFromPrivateKey(generateSigningKeyPem()) };
    const error = await refusal(db, other);
    expect(error.keys).toEqual(["PRIVET_SIGNING_KEY"]);
    expect(error.message).toContain(
      `PRIVET_SIGNING_KEY is not the one this deployment's other processes use`,
    );
    expect(error.message).toContain(
      `this process's key has id ${other.checkpointSigner.keyId}, the deployment's ${first.checkpointSigner.keyId}`,
    );

    const receipts = { ...first, receiptSigner: signerFromPrivateKey(generateSigningKeyPem()) };
    expect((await refusal(db, receipts)).keys).toEqual(["PRIVET_RECEIPT_SIGNING_KEY"]);

    const allOthers = newKeys();
    const all = await refusal(db, allOthers);
    expect(all.keys).toEqual(["PRIVET_SECRET", "PRIVET_SIGNING_KEY", "PRIVET_RECEIPT_SIGNING_KEY"]);
    expect(all.message).toContain(
      "PRIVET_KEY_ROTATION=PRIVET_SECRET,PRIVET_SIGNING_KEY,PRIVET_RECEIPT_SIGNING_KEY",
    );
  });

  it("two first processes starting at once with different keys: one records, the other is refused", async () => {
    const [a, b] = [newKeys(), newKeys()];
    const outcomes = await Promise.allSettled([
      checkDeploymentKeys(db.prisma, a),
      checkDeploymentKeys(db.prisma, b),
    ]);
    const refused = outcomes.filter((o) => o.status === "rejected");
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(DeploymentKeyMismatchError);
    const winner = outcomes[0]?.status === "fulfilled" ? a : b;
    expect(await recorded(db)).toEqual(deploymentKeyFingerprints(winner));
  });

  it("PRIVET_KEY_ROTATION records the named key anew; processes with the old one are then refused", async () => {
    const old = newKeys();
    await checkDeploymentKeys(db.prisma, old);
    const rotating = { ...old, hashKey: randomBytes(32).toString("hex") };

    // Naming another key rotates nothing, and a differing key that is not named stops the
    // start before anything is written.
    const notNamed = await refusal(db, { ...rotating, keyRotation: ["PRIVET_SIGNING_KEY"] });
    expect(notNamed.keys).toEqual(["PRIVET_SECRET"]);
    const alsoSigning = {
      ...rotating,
      checkpointSigner: signerFromPrivateKey(generateSigningKeyPem()),
      keyRotation: ["PRIVET_SECRET"] as const,
    };
    expect((await refusal(db, alsoSigning)).keys).toEqual(["PRIVET_SIGNING_KEY"]);
    expect(await recorded(db)).toEqual(deploymentKeyFingerprints(old));

    const report = await checkDeploymentKeys(db.prisma, {
      ...rotating,
      keyRotation: ["PRIVET_SECRET"],
    });
    expect(report).toEqual({ recorded: [], rotated: ["PRIVET_SECRET"], rotationUnneeded: [] });
    expect(await recorded(db)).toEqual(deploymentKeyFingerprints(rotating));
    const row = await db.prisma.deploymentKeyFingerprint.findUniqueOrThrow({
      where: { name: "PRIVET_SECRET" },
    });
    const signing = await db.prisma.deploymentKeyFingerprint.findUniqueOrThrow({
      where: { name: "PRIVET_SIGNING_KEY" },
    });
    expect(row.recordedAt.getTime()).toBeGreaterThanOrEqual(signing.recordedAt.getTime());

    // The new key is the deployment's: the next processes start with it, without the variable.
    await expect(checkDeploymentKeys(db.prisma, rotating)).resolves.toMatchObject({ rotated: [] });
    expect((await refusal(db, old)).keys).toEqual(["PRIVET_SECRET"]);
    // The variable left set on a process whose key is already the deployment's does nothing.
    expect(
      await checkDeploymentKeys(db.prisma, { ...rotating, keyRotation: ["PRIVET_SECRET"] }),
    ).toEqual({ recorded: [], rotated: [], rotationUnneeded: ["PRIVET_SECRET"] });
  });
});

const postgres = testDatabases.find((kind) => kind.name === "postgres");

describe.runIf(postgres)("a second API process with another PRIVET_SECRET", () => {
  let testDb: OpenTestDatabase;
  const processes: ApiProcess[] = [];
  beforeAll(async () => {
    testDb = await (postgres as NonNullable<typeof postgres>).open();
  });
  afterAll(async () => {
    await Promise.all(processes.map((api) => api.stop()));
    await testDb?.drop();
  }, PROCESS_WAIT_MS);

  it(
    "refuses to start with one line naming the key, and starts once the rotation is asked for",
    async () => {
      if (testDb.config.kind !== "postgres") throw new Error("expected PostgreSQL");
      const env = {
        DATABASE_URL: testDb.config.url,
        PRIVET_WORKERS: "1",
        PRIVET_SECRET: randomBytes(32).toString("hex"),
        PRIVET_SIGNING_KEY: generateSigningKeyPem(),
        PRIVET_RECEIPT_SIGNING_KEY: generateSigningKeyPem(),
      };
      const first = await ApiProcess.start(env);
      processes.push(first.api);
      expect(first.api.lines).toContain(
        "  deployment keys recorded (first start): PRIVET_SECRET, PRIVET_SIGNING_KEY, PRIVET_RECEIPT_SIGNING_KEY",
      );

      const otherSecret = randomBytes(32).toString("hex");
      const refused = await runToExit({ ...env, PRIVET_SECRET: otherSecret });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        /^Privet API cannot start: PRIVET_SECRET is not the one this deployment's other processes use/m,
      );
      const output = refused.stdout + refused.stderr;
      expect(output).not.toContain(otherSecret);
      expect(output).not.toContain(env.PRIVET_SECRET);
      expect(output).not.toMatch(/Privet API ready/);

      // A deliberate rotation: the old process is stopped first, as the README says; the new
      // one starts (ApiProcess.start waits for its "ready" line) and says what it did.
      await first.api.stop();
      const rotated = await ApiProcess.start({
        ...env,
        PRIVET_SECRET: otherSecret,
        PRIVET_KEY_ROTATION: "PRIVET_SECRET",
      });
      processes.push(rotated.api);
      expect(rotated.api.lines.join("\n")).toContain(
        "PRIVET_KEY_ROTATION: recorded the new PRIVET_SECRET",
      );
    },
    PROCESS_WAIT_MS * 3,
  );
});

const MAIN = fileURLToPath(new URL("../../dist/main.js", import.meta.url));

/** Runs `node dist/main.js` until it exits on its own (a refused start): its code and output. */
function runToExit(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? "", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  // A process that started after all would never exit: stopped after the wait, and the test
  // then fails on its code and output.
  const timer = setTimeout(() => child.kill("SIGKILL"), PROCESS_WAIT_MS);
  return new Promise((resolve) =>
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}
