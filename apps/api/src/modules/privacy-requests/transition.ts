/**
 * Every action the privacy officer takes on a request goes through here, so the steps are
 * written once: load the request → look its state up in the lifecycle table → the action's own
 * work, around one conditional update → reload → map to what the queue shows.
 *
 * The conditional update holds the request to what made the action allowed, so two officers
 * acting at once change it once: an action that moves the state needs the state it was read
 * in; an extension, which keeps the state, needs a state it may start from and no extension
 * yet. The loser gets the action's LOST_RACE refusal, and its transaction rolls back.
 */
import type { Prisma } from "@privet/db/client";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { validateId } from "../../validation/validate-id.js";
import { type Action, LOST_RACE, ONCE, type Refusal, startsFrom, stepOf } from "./lifecycle.js";
import {
  type PrivacyRequestQueueItem,
  QUEUE_ITEM_COLUMNS,
  type QueueItemRow,
  toQueueItem,
} from "./privacy-request-queue-item.type.js";

/**
 * The conditional update: the new state (from the table) with the action's own fields, through
 * `db` — the action's transaction, or the client when the update is all there is.
 */
export type Move = (
  db: Pick<Prisma.TransactionClient, "privacyRequest">,
  fields?: Prisma.PrivacyRequestUpdateManyMutationInput,
) => Promise<void>;

/** The action's own work on a request the table allows it for; it must call `move` once. */
export type ActionWork = (request: QueueItemRow, move: Move) => Promise<void>;

/** A refusal as the API sends it: BAD_USER_INPUT on `id`, with the reason. */
export function refuse({ reason, message }: Refusal): AppError {
  return new AppError("BAD_USER_INPUT", message, { field: "id", reason });
}

export async function transition(
  context: Context,
  action: Action,
  idInput: string,
  work: ActionWork,
): Promise<PrivacyRequestQueueItem> {
  const request = await loadPrivacyRequest(context, idInput);
  const step = stepOf(action, request);
  if ("refused" in step) throw refuse(step.refused);

  const once = ONCE[action];
  const stillAllowed: Prisma.PrivacyRequestWhereInput = {
    status: step.to === "same" ? { in: startsFrom(action) } : request.status,
    ...(once ? { [once.stamp]: null } : {}),
  };
  let moved = false;
  await work(request, async (db, fields = {}) => {
    const { count } = await db.privacyRequest.updateMany({
      where: { id: request.id, ...stillAllowed },
      data: step.to === "same" ? fields : { ...fields, status: step.to },
    });
    if (count === 0) throw refuse(LOST_RACE[action]);
    moved = true;
  });
  // A bug, never a refusal: an action that reports success must have changed the request.
  if (!moved) throw new Error(`${action} finished without moving the request`);

  const row = await context.prisma.privacyRequest.findUniqueOrThrow({
    where: { id: request.id },
    select: QUEUE_ITEM_COLUMNS,
  });
  return toQueueItem(row, context.request.now);
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
