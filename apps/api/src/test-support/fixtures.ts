/**
 * Test data made the way the product makes it: staff and partner credentials written as the
 * console would, customers registered through the API. Every value is invented.
 */
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@privet/db/client";
import { hashPassword } from "@privet/db/passwords";
import type { StaffRole } from "@privet/domain/principals";
import type { Purpose } from "@privet/domain/purposes";
import type { DataCategory } from "@privet/domain/taxonomy";
import { hashToken, randomToken } from "../http/tokens.js";
import type { ApiClient } from "./api.js";

export const TEST_PASSWORD = "correct-horse-battery";
let passwordHash: Promise<string> | undefined;

export function uniqueEmail(prefix = "person"): string {
  return `${prefix}.${randomUUID().slice(0, 8)}@example.com`;
}

export async function createStaff(prisma: PrismaClient, role: StaffRole) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = uniqueEmail(role.toLowerCase());
  const staff = await prisma.staffUser.create({
    data: { name: `Test ${role}`, email, role, passwordHash: await passwordHash },
  });
  return { ...staff, password: TEST_PASSWORD };
}

/** Signs a client in as a new staff member of `role`. */
export async function signInStaff(prisma: PrismaClient, client: ApiClient, role: StaffRole) {
  const staff = await createStaff(prisma, role);
  const result = await client.gql(
    `mutation($email: String!, $password: String!) { staffSignIn(email: $email, password: $password) { id role } }`,
    { email: staff.email, password: staff.password },
  );
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
  const result = await client.gql<{ register: { customer: { id: string } } }>(
    `mutation($input: RegisterInput!) { register(input: $input) { customer { id } } }`,
    {
      input: {
        name,
        email,
        password: TEST_PASSWORD,
        country: input.country ?? "US",
        region: input.region ?? "CA",
      },
    },
  );
  const id = result.data?.register.customer.id;
  if (!id) throw new Error(`registration failed: ${result.errors[0]?.message}`);
  return { id, email, name };
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
