/**
 * Staff of every role, each signing in with DEMO_PASSWORD. Upserted by email. The roles that
 * need a second factor (administrator, privacy officer) are enrolled with the public demo TOTP
 * secret (DEMO_TOTP_SECRET, in the README), which the API accepts outside production only.
 */
import { roleNeedsSecondFactor } from "@privet/domain/principals";
import { demoSealedTotpSecret } from "../auth/totp.js";
import type { StaffRole } from "../generated/prisma/client.js";
import type { SeedContext } from "./context.js";

export interface DemoStaffMember {
  readonly email: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly createdAt: Date;
  /** A former member whose account is disabled (cannot sign in). */
  readonly disabledAt?: Date;
}

/** Names are invented. The first member of each role is the one to sign in as. */
export const DEMO_STAFF: readonly DemoStaffMember[] = [
  {
    email: "administrator@privet.example",
    name: "Felix Ondara",
    role: "ADMINISTRATOR",
    createdAt: new Date("2018-10-01T09:00:00Z"),
  },
  {
    email: "privacy.officer@privet.example",
    name: "Ines Calloway",
    role: "PRIVACY_OFFICER",
    createdAt: new Date("2018-10-15T09:00:00Z"),
  },
  {
    email: "security.officer@privet.example",
    name: "Dario Quintel",
    role: "SECURITY_OFFICER",
    createdAt: new Date("2019-02-04T09:00:00Z"),
  },
  {
    email: "auditor@privet.example",
    name: "Maren Holtby",
    role: "AUDITOR",
    createdAt: new Date("2021-05-17T09:00:00Z"),
  },
  {
    email: "support.agent@privet.example",
    name: "Rowan Pikeley",
    role: "SUPPORT_AGENT",
    createdAt: new Date("2019-03-11T09:00:00Z"),
  },
  {
    email: "support.lead@privet.example",
    name: "Tess Marlowe-Finch",
    role: "SUPPORT_AGENT",
    createdAt: new Date("2020-01-06T09:00:00Z"),
  },
  {
    email: "former.agent@privet.example",
    name: "Jude Farrantly",
    role: "SUPPORT_AGENT",
    createdAt: new Date("2019-06-03T09:00:00Z"),
    disabledAt: new Date("2025-09-30T17:00:00Z"),
  },
];

/** The account to sign in as for each role. */
export const DEMO_STAFF_SIGN_INS: Readonly<Record<StaffRole, string>> = {
  SUPPORT_AGENT: "support.agent@privet.example",
  PRIVACY_OFFICER: "privacy.officer@privet.example",
  SECURITY_OFFICER: "security.officer@privet.example",
  AUDITOR: "auditor@privet.example",
  ADMINISTRATOR: "administrator@privet.example",
};

/** Staff ids by email. */
export type StaffIds = ReadonlyMap<string, string>;

export async function seedStaff(ctx: SeedContext): Promise<StaffIds> {
  const emails = DEMO_STAFF.map((member) => member.email);
  const existing = await ctx.prisma.staffUser.findMany({
    where: { email: { in: emails } },
    select: { email: true },
  });
  const have = new Set(existing.map((row) => row.email));
  const missing = DEMO_STAFF.filter((member) => !have.has(member.email));
  if (missing.length > 0) {
    const passwordHash = await ctx.passwordHash();
    const { count } = await ctx.prisma.staffUser.createMany({
      data: missing.map((member) => ({
        email: member.email,
        name: member.name,
        role: member.role,
        passwordHash,
        createdAt: member.createdAt,
        disabledAt: member.disabledAt ?? null,
        ...(roleNeedsSecondFactor(member.role)
          ? { totpSecret: demoSealedTotpSecret(), totpEnrolledAt: member.createdAt }
          : {}),
      })),
      skipDuplicates: true,
    });
    ctx.created.staffUsers += count;
  }
  const rows = await ctx.prisma.staffUser.findMany({
    where: { email: { in: emails } },
    select: { id: true, email: true },
  });
  return new Map(rows.map((row) => [row.email, row.id]));
}

export function staffId(ids: StaffIds, email: string): string {
  const id = ids.get(email);
  if (!id) throw new Error(`seed: staff member ${email} is missing`);
  return id;
}
