/**
 * Every API process of one deployment must run with the same PRIVET_SECRET, PRIVET_SIGNING_KEY
 * and PRIVET_RECEIPT_SIGNING_KEY. A process with another secret would hash IP addresses and
 * attempt keys differently, issue device cookies, unsubscribe links, cursors and pseudonyms the
 * others refuse, and seal TOTP and webhook secrets the others cannot open; one with another
 * signing key would find the checkpoint seal untrusted, or sign receipts that fail against the
 * key the others serve. Nothing in a request shows it until something fails later, so it is
 * checked on start (main.ts, before serving and before the demo data):
 *
 * - each key's **fingerprint** is computed: for PRIVET_SECRET an HMAC-SHA-256 of a fixed label
 *   under the secret (one-way: it tells nothing of the secret, and lets a guess be checked no
 *   more than the keyed IP hashes already in the database do); for a signing key the SHA-256
 *   of its public key, public anyway (its first 16 hex characters are the key id served with
 *   it);
 * - the first process records them in DeploymentKeyFingerprint (INSERT … ON CONFLICT DO
 *   NOTHING, so two first processes starting at once cannot both record: the second compares);
 * - a process whose fingerprint differs refuses to start, naming the keys in words and never
 *   printing a key or a secret's fingerprint;
 * - unless PRIVET_KEY_ROTATION names that key: then the new fingerprint is recorded (only if no
 *   other key differs without being named, so a refused start writes nothing). A rotation is
 *   deliberate and has consequences (README, "Running in production"); processes still running
 *   with the old key are not stopped by it: the operator stops them first.
 */
import { createHash, createHmac, createPublicKey } from "node:crypto";
import type { PrismaClient } from "@privet/db/client";
import { type ApiConfig, DEPLOYMENT_KEYS, type DeploymentKeyName } from "../config.js";

/** The HMAC's message: names what the value is for, so it is no other keyed hash's input. */
const SECRET_FINGERPRINT_LABEL = "privet/deployment-key-fingerprint/1\u0000PRIVET_SECRET";

type KeyedConfig = Pick<ApiConfig, "hashKey" | "checkpointSigner" | "receiptSigner">;

/** Each deployment key's fingerprint, hex. */
export function deploymentKeyFingerprints(config: KeyedConfig): Record<DeploymentKeyName, string> {
  return {
    PRIVET_SECRET: createHmac("sha256", config.hashKey)
      .update(SECRET_FINGERPRINT_LABEL)
      .digest("hex"),
    PRIVET_SIGNING_KEY: publicKeyFingerprint(config.checkpointSigner.publicKeyPem),
    PRIVET_RECEIPT_SIGNING_KEY: publicKeyFingerprint(config.receiptSigner.publicKeyPem),
  };
}

function publicKeyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("hex");
}

/** What the check did, for the start-up log. */
export interface DeploymentKeyReport {
  /** Recorded now: the deployment's first start (or the first since the table was added). */
  readonly recorded: readonly DeploymentKeyName[];
  /** Named in PRIVET_KEY_ROTATION, differed, and recorded anew. */
  readonly rotated: readonly DeploymentKeyName[];
  /** Named in PRIVET_KEY_ROTATION but already the deployment's: nothing to do. */
  readonly rotationUnneeded: readonly DeploymentKeyName[];
}

/** A key differs from the deployment's; the message names which, in words, and what to do. */
export class DeploymentKeyMismatchError extends Error {
  constructor(
    readonly keys: readonly DeploymentKeyName[],
    message: string,
  ) {
    super(message);
    this.name = "DeploymentKeyMismatchError";
  }
}

const WHAT_BREAKS: Record<DeploymentKeyName, string> = {
  PRIVET_SECRET:
    "its keyed hashes, device cookies, unsubscribe links, cursors and partner pseudonyms would not match theirs, and it could not open the TOTP and webhook secrets they sealed",
  PRIVET_SIGNING_KEY:
    "it would find the checkpoint seal the others made untrusted, and they the ones it made",
  PRIVET_RECEIPT_SIGNING_KEY:
    "consent receipts it signs would not verify against the key the others serve",
};

/**
 * Records this process's key fingerprints on the deployment's first start, and otherwise
 * compares them with the recorded ones: throws DeploymentKeyMismatchError when a key differs
 * and PRIVET_KEY_ROTATION (config.keyRotation) does not name it.
 */
export async function checkDeploymentKeys(
  prisma: PrismaClient,
  config: KeyedConfig & Pick<ApiConfig, "keyRotation">,
  options: { readonly now?: () => Date } = {},
): Promise<DeploymentKeyReport> {
  const mine = deploymentKeyFingerprints(config);
  const now = options.now?.() ?? new Date();
  const read = async () =>
    new Map(
      (
        await prisma.deploymentKeyFingerprint.findMany({
          where: { name: { in: [...DEPLOYMENT_KEYS] } },
        })
      ).map((row) => [row.name as DeploymentKeyName, row]),
    );

  let stored = await read();
  const missing = DEPLOYMENT_KEYS.filter((name) => !stored.has(name));
  if (missing.length > 0) {
    // Another process starting at the same moment may record first: then its fingerprints
    // are the deployment's, and this one compares with them like any later process.
    await prisma.deploymentKeyFingerprint.createMany({
      data: missing.map((name) => ({ name, fingerprint: mine[name], recordedAt: now })),
      skipDuplicates: true,
    });
    stored = await read();
  }

  const recorded: DeploymentKeyName[] = [];
  const toRotate: DeploymentKeyName[] = [];
  const rotationUnneeded: DeploymentKeyName[] = [];
  const differing: DeploymentKeyName[] = [];
  for (const name of DEPLOYMENT_KEYS) {
    const row = stored.get(name);
    if (row?.fingerprint === mine[name]) {
      if (missing.includes(name)) recorded.push(name);
      else if (config.keyRotation.includes(name)) rotationUnneeded.push(name);
    } else if (config.keyRotation.includes(name)) {
      toRotate.push(name);
    } else {
      differing.push(name);
    }
  }
  if (differing.length > 0) {
    throw new DeploymentKeyMismatchError(differing, mismatchMessage(differing, mine, stored));
  }

  const rotated: DeploymentKeyName[] = [];
  for (const name of toRotate) {
    const previous = stored.get(name)?.fingerprint ?? "";
    // Only over the fingerprint this process compared with: a concurrent rotation to yet
    // another key is not silently overwritten.
    const { count } = await prisma.deploymentKeyFingerprint.updateMany({
      where: { name, fingerprint: previous },
      data: { fingerprint: mine[name], recordedAt: now },
    });
    if (count !== 1) {
      throw new DeploymentKeyMismatchError(
        [name],
        `${name} was recorded anew by another process while this one started; start again to compare with it (nothing was changed by this process).`,
      );
    }
    rotated.push(name);
  }
  return { recorded, rotated, rotationUnneeded };
}

function mismatchMessage(
  names: readonly DeploymentKeyName[],
  mine: Record<DeploymentKeyName, string>,
  stored: ReadonlyMap<DeploymentKeyName, { fingerprint: string; recordedAt: Date }>,
): string {
  const lines = names.map((name) => {
    const row = stored.get(name);
    const since = row ? ` (recorded ${row.recordedAt.toISOString()})` : "";
    // A signing key's id is public (served at /.well-known): naming both helps find the
    // process or file with the wrong one. The secret's fingerprint is not printed.
    const ids =
      name === "PRIVET_SECRET" || !row
        ? ""
        : `: this process's key has id ${mine[name].slice(0, 16)}, the deployment's ${row.fingerprint.slice(0, 16)}`;
    return `${name} is not the one this deployment's other processes use${since}${ids}; ${WHAT_BREAKS[name]}.`;
  });
  return [
    ...lines,
    `Give every process of the deployment the same ${andList(names)}. To replace ${names.length === 1 ? "it" : "them"} on purpose, stop every process, then start one with PRIVET_KEY_ROTATION=${names.join(",")} (README, "Running in production", says what a rotation breaks).`,
  ].join("\n");
}

function andList(names: readonly string[]): string {
  return names.length === 1
    ? (names[0] ?? "")
    : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** The start-up log's lines for a report (none when nothing happened). */
export function describeDeploymentKeyReport(report: DeploymentKeyReport): string[] {
  const lines: string[] = [];
  if (report.recorded.length > 0) {
    lines.push(`deployment keys recorded (first start): ${report.recorded.join(", ")}`);
  }
  if (report.rotated.length > 0) {
    lines.push(
      `PRIVET_KEY_ROTATION: recorded the new ${report.rotated.join(", ")}; processes with the old one will now be refused. Remove PRIVET_KEY_ROTATION and give every process the new key.`,
    );
  }
  if (report.rotationUnneeded.length > 0) {
    lines.push(
      `PRIVET_KEY_ROTATION names ${report.rotationUnneeded.join(", ")}, already the deployment's: nothing to rotate. Remove PRIVET_KEY_ROTATION: while set, it lets a process with another key replace this one.`,
    );
  }
  return lines;
}
