import { roleNeedsSecondFactor, type StaffRole } from "@privet/domain/principals";
import { StaffAccount, type StaffAccountStatus } from "./staff-account.type.js";

/** The columns an account is shown from: never a hash or a secret itself. */
export const STAFF_ACCOUNT_COLUMNS = {
  id: true,
  name: true,
  email: true,
  role: true,
  createdAt: true,
  disabledAt: true,
  passwordHash: true,
  totpSecret: true,
} as const;

export function toStaffAccount(row: {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  createdAt: Date;
  disabledAt: Date | null;
  passwordHash: string | null;
  totpSecret: string | null;
}): StaffAccount {
  const status: StaffAccountStatus = row.disabledAt
    ? "DISABLED"
    : row.passwordHash
      ? "ACTIVE"
      : "INVITED";
  return Object.assign(new StaffAccount(), {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    status,
    secondFactor: row.totpSecret !== null,
    secondFactorRequired: roleNeedsSecondFactor(row.role),
    createdAt: row.createdAt,
    disabledAt: row.disabledAt,
  });
}
