/**
 * Who works privacy requests: the privacy officer only. The domain gives an administrator no
 * purpose that reads customer data beyond service announcements ("an administrator runs the
 * system, not the data", packages/domain/src/principals.ts), and a support agent has no business
 * knowing who asked for erasure; every other role is FORBIDDEN.
 */
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { requireStaff, type StaffPrincipal } from "../staff/require-staff.js";
import { validateId } from "../staff/validate-id.js";
import { QUEUE_ITEM_COLUMNS, type QueueItemRow } from "./privacy-request-queue-item.type.js";

export const PRIVACY_REQUEST_ROLES = ["PRIVACY_OFFICER"] as const;

export function requirePrivacyOfficer(context: Context): StaffPrincipal {
  return requireStaff(context, PRIVACY_REQUEST_ROLES);
}

/** One request by id, with what the queue shows; NOT_FOUND when there is none. */
export async function loadPrivacyRequest(context: Context, idInput: string): Promise<QueueItemRow> {
  const id = validateId("id", idInput);
  const row = await context.prisma.privacyRequest.findUnique({
    where: { id },
    select: QUEUE_ITEM_COLUMNS,
  });
  if (!row) throw new AppError("NOT_FOUND", "No privacy request has this id.");
  return row;
}

/** A transition the request's state does not allow: a BAD_USER_INPUT on `id` with a reason. */
export function refuseTransition(reason: string, message: string): AppError {
  return new AppError("BAD_USER_INPUT", message, { field: "id", reason });
}
