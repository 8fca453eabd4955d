import type { StaffRole } from "@privet/domain/principals";

/** Who runs the outbox and marketing: privacy officers and administrators. */
export const EMAIL_ROLES: readonly StaffRole[] = ["PRIVACY_OFFICER", "ADMINISTRATOR"];
