/**
 * The privacy officer's actions on one request start here: the request by id, with what the
 * queue shows, and the refusal a transition its state does not allow gets.
 */
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { validateId } from "../staff/validate-id.js";
import { QUEUE_ITEM_COLUMNS, type QueueItemRow } from "./privacy-request-queue-item.type.js";

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
