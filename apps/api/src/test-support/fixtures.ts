/**
 * Test data made the way the product makes it: staff and partner credentials written as the
 * console would, customers registered through the API. Every value is invented.
 */
import { randomUUID } from "node:crypto";
import { findAccessEvents } from "@privet/db/audit";
import type { PrismaClient } from "@privet/db/client";
import { hashPassword } from "@privet/db/passwords";
import {
  DEMO_TOTP_SECRET,
  newTotpSecret,
  sealTotpSecret,
  totpCode,
  totpStep,
} from "@privet/db/totp";
import { roleNeedsSecondFactor, type StaffRole } from "@privet/domain/principals";
import type { Purpose } from "@privet/domain/purposes";
import type { DataCategory } from "@privet/domain/taxonomy";
import { hashToken, randomToken } from "../http/tokens.js";
import { type ApiClient, TEST_PASSWORD_HASHING, type TestApi, testServerOf } from "./api.js";
import { graphql } from "./generated/gql.js";

const StaffSignInDocument = graphql(`
  mutation FixtureStaffSignIn($email: String!, $password: String!, $totpCode: String) {
    staffSignIn(email: $email, password: $password, totpCode: $totpCode) { id role }
  }
`);

const RegisterCustomerDocument = graphql(`
  mutation FixtureRegisterCustomer($input: RegisterInput!) {
    register(input: $input) { customer { id } }
  }
`);

export const TEST_PASSWORD = "correct-horse-battery";
let passwordHash: Promise<string> | undefined;

export function uniqueEmail(prefix = "person"): string {
  return `${prefix}.${randomUUID().slice(0, 8)}@example.com`;
}

/**
 * A staff member who can sign in. Roles that need a second factor are enrolled with a secret
 * of their own (`totpSecret`, base32), sealed with the test server's key; `staffTotpCode`
 * gives a code for it.
 */
export async function createStaff(prisma: PrismaClient, role: StaffRole) {
  passwordHash ??= hashPassword(TEST_PASSWORD, TEST_PASSWORD_HASHING);
  const email = uniqueEmail(role.toLowerCase());
  const server = testServerOf(prisma);
  const totpSecret = roleNeedsSecondFactor(role) ? newTotpSecret() : null;
  const sealed = totpSecret && server ? sealTotpSecret(totpSecret, server.config.hashKey) : null;
  const staff = await prisma.staffUser.create({
    data: {
      name: `Test ${role}`,
      email,
      role,
      passwordHash: await passwordHash,
      // Without a test server to seal for, the public demo form (accepted outside production).
      totpSecret: totpSecret ? (sealed ?? `demo:${DEMO_TOTP_SECRET}`) : null,
      totpEnrolledAt: totpSecret ? new Date() : null,
    },
  });
  return {
    ...staff,
    password: TEST_PASSWORD,
    totpSecret: sealed ? totpSecret : totpSecret && DEMO_TOTP_SECRET,
  };
}

/** The newest step each secret's code was given for: a second sign-in in one step takes the next. */
const lastSteps = new Map<string, number>();

/**
 * A code the server will accept for this secret now (on its clock): the current step's, or the
 * next step's when the current one was already used (the server accepts one step ahead).
 */
export function staffTotpCode(prisma: PrismaClient, secret: string): string {
  const now = testServerOf(prisma)?.clock() ?? new Date();
  const step = Math.max(totpStep(now), (lastSteps.get(secret) ?? -1) + 1);
  lastSteps.set(secret, step);
  return totpCode(secret, step);
}

/** Signs a client in as a new staff member of `role`. */
export async function signInStaff(prisma: PrismaClient, client: ApiClient, role: StaffRole) {
  const staff = await createStaff(prisma, role);
  const result = await client.gql(StaffSignInDocument, {
    email: staff.email,
    password: staff.password,
    totpCode: staff.totpSecret ? staffTotpCode(prisma, staff.totpSecret) : null,
  });
  if (result.errors.length > 0)
    throw new Error(`staff sign-in failed: ${result.errors[0]?.message}`);
  return staff;
}

export interface RegisteredCustomer {
  readonly id: string;
  readonly email: string;
  readonly name: string;
}

/** Registers a customer through the API (the client is then signed in as them). */
export async function registerCustomer(
  client: ApiClient,
  input: Partial<{ name: string; email: string; country: string; region: string | null }> = {},
): Promise<RegisteredCustomer> {
  const name = input.name ?? `Test Person ${randomUUID().slice(0, 6)}`;
  const email = input.email ?? uniqueEmail();
  const result = await client.gql(RegisterCustomerDocument, {
    input: {
      name,
      email,
      password: TEST_PASSWORD,
      country: input.country ?? "US",
      region: input.region ?? "CA",
    },
  });
  const id = result.data?.register.customer.id;
  if (!id) throw new Error(`registration failed: ${result.errors[0]?.message}`);
  return { id, email, name };
}

const CONFIRM_EMAIL = graphql(`
  mutation FixtureConfirmEmail($token: String!) {
    confirmEmail(token: $token) { changed }
  }
`);

/** Follows the last account link emailed to the address (through the outbox), over HTTP. */
export async function followEmailedLink(api: TestApi, address: string): Promise<void> {
  const mail = await api.db.prisma.outboxEmail.findFirst({
    where: { toAddress: address, kind: "CUSTOMER_ACCOUNT" },
    orderBy: { createdAt: "desc" },
  });
  const token = mail?.textBody.match(/\?token=([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no account link was emailed to ${address}`);
  const result = await api.client().gql(CONFIRM_EMAIL, { token });
  if (result.errors.length > 0) throw new Error(`confirming failed: ${result.errors[0]?.message}`);
}

/**
 * Registers a customer and verifies their address as they would, by the emailed link: only
 * verified addresses receive marketing.
 */
export async function registerVerifiedCustomer(
  api: TestApi,
  client: ApiClient = api.client(),
  input: Parameters<typeof registerCustomer>[1] = {},
): Promise<RegisteredCustomer> {
  const customer = await registerCustomer(client, input);
  await followEmailedLink(api, customer.email);
  return customer;
}

/** A processor with one agreement and a partner API key (returned once, as the console shows it). */
export async function createPartner(
  prisma: PrismaClient,
  agreement: {
    purposes: Purpose[];
    categories: DataCategory[];
    validFrom?: Date;
    validUntil?: Date;
    kind?: "CLOUD_STORAGE" | "EMAIL_SERVICE" | "ADVERTISING" | "PAYMENT_PROCESSOR";
  } | null,
) {
  const processor = await prisma.processor.create({
    data: {
      name: `Processor ${randomUUID().slice(0, 8)}`,
      kind: agreement?.kind ?? "EMAIL_SERVICE",
      region: "US — Oregon",
      country: "US",
      description: "A test processor",
    },
  });
  if (agreement) {
    await prisma.processorAgreement.create({
      data: {
        processorId: processor.id,
        reference: `DPA-${randomUUID().slice(0, 8)}`,
        purposes: agreement.purposes,
        categories: agreement.categories,
        signedAt: new Date("2024-01-01T00:00:00Z"),
        validFrom: agreement.validFrom ?? new Date("2024-01-01T00:00:00Z"),
        validUntil: agreement.validUntil ?? new Date("2099-01-01T00:00:00Z"),
      },
    });
  }
  const apiKey = `pk_${randomToken()}`;
  await prisma.partnerApiKey.create({
    data: {
      processorId: processor.id,
      prefix: apiKey.slice(0, 10),
      keyHash: hashToken(apiKey),
      label: "test",
    },
  });
  return { processor, apiKey };
}

/**
 * Every row of every table in the public schema, as one JSON-ish text: for tests that prove a
 * value (a card number, a password) was stored nowhere.
 */
export async function dumpDatabase(prisma: PrismaClient): Promise<string> {
  const tables = await prisma.$queryRaw<Array<{ tablename: string }>>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`;
  const parts: string[] = [];
  for (const { tablename } of tables) {
    // The names come from the catalog, not from input.
    const rows = await prisma.$queryRawUnsafe<Array<{ row: string }>>(
      `SELECT row_to_json(t)::text AS row FROM "${tablename.replaceAll('"', '""')}" t`,
    );
    parts.push(`${tablename}: ${rows.map((r) => r.row).join("\n")}`);
  }
  return parts.join("\n");
}

/**
 * Runs `fn` with logging on (PRIVET_LOG unset) and captures, instead of printing, everything
 * written to stdout and stderr meanwhile: for tests that prove a value never reached a log line.
 */
export async function captureOutput<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; output: string }> {
  const chunks: string[] = [];
  const { stdout, stderr } = process;
  const originals = { out: stdout.write, err: stderr.write };
  const level = process.env.PRIVET_LOG;
  const tap = ((chunk: unknown): boolean => {
    chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString());
    return true;
  }) as typeof stdout.write;
  delete process.env.PRIVET_LOG;
  stdout.write = tap;
  stderr.write = tap;
  try {
    const result = await fn();
    return { result, output: chunks.join("") };
  } finally {
    stdout.write = originals.out;
    stderr.write = originals.err;
    if (level === undefined) delete process.env.PRIVET_LOG;
    else process.env.PRIVET_LOG = level;
  }
}

/** The PRIVACY_REDACTED errors of a response, keyed by path ("customer.email" → reason). */
export function redactions(result: {
  errors: ReadonlyArray<{
    path?: ReadonlyArray<string | number>;
    extensions?: Record<string, unknown>;
  }>;
}): Map<string, { reason: string; category: string }> {
  return new Map(
    result.errors
      .filter((error) => error.extensions?.code === "PRIVACY_REDACTED")
      .map((error) => [
        (error.path ?? []).join("."),
        {
          reason: String(error.extensions?.reason),
          category: String(error.extensions?.category),
        },
      ]),
  );
}

/** The audit events one request wrote, found by its X-Request-Id: by subject, then as read. */
export async function accessEventsOf(prisma: PrismaClient, result: { headers: Headers }) {
  const requestId = result.headers.get("x-request-id");
  if (!requestId) throw new Error("the response has no X-Request-Id");
  const events = await findAccessEvents(prisma, { requestId });
  return events.sort((a, b) => a.subjectId.localeCompare(b.subjectId));
}

/** A policy version in force since 2018, as the first published policy (override as needed). */
export function createPolicyVersion(
  prisma: PrismaClient,
  overrides: Partial<{ version: string; title: string; effectiveAt: Date; material: boolean }> = {},
) {
  return prisma.policyVersion.create({
    data: {
      version: "2018-11-02",
      title: "Privacy Policy",
      body: "…",
      effectiveAt: new Date("2018-11-02T00:00:00Z"),
      material: true,
      ...overrides,
    },
  });
}
