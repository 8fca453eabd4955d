import { daysLeft, startOfUtcDay } from "@privet/domain/clocks";
import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { badInput } from "../../errors/app-error.js";
import { validateId } from "../../validation/validate-id.js";
import {
  type PrivacyRequestKind,
  PrivacyRequestKindValues,
  type PrivacyRequestStatus,
  PrivacyRequestStatusValues,
} from "./privacy-request-enums.js";
import {
  isClosed,
  PrivacyRequestQueueItem,
  QUEUE_ITEM_COLUMNS,
  toQueueItem,
} from "./privacy-request-queue-item.type.js";

const OPEN: PrivacyRequestStatus[] = ["RECEIVED", "VERIFIED", "IN_PROGRESS"];
const MAX_FIRST = 500;

@Resolver()
export class PrivacyRequestQueueResolver {
  @Authorized()
  @Query(() => [PrivacyRequestQueueItem], {
    description:
      "Privacy officer: privacy requests, overdue first, then by legal due date. Without `status`, the open ones (RECEIVED, VERIFIED, IN_PROGRESS). Who asked (name, email, details, outcome) is personal: declare a purpose (`@purpose(name: PRIVACY_REQUEST_HANDLING, ref: …)`), and select it only for a request you open (`id`), so that listing the queue reads no one's data.",
  })
  async privacyRequestQueue(
    @Arg("status", () => PrivacyRequestStatusValues, { nullable: true })
    status: PrivacyRequestStatus | null | undefined,
    @Arg("kind", () => PrivacyRequestKindValues, { nullable: true })
    kind: PrivacyRequestKind | null | undefined,
    @Arg("first", () => Int, { defaultValue: 100, description: `At most ${MAX_FIRST}.` })
    first: number,
    @Arg("id", () => ID, {
      nullable: true,
      description:
        "Only this request, whatever its status: opening one request reads who asked for that request alone, so the list itself can be read without personal fields.",
    })
    id: string | null | undefined,
    @Ctx() context: Context,
  ): Promise<PrivacyRequestQueueItem[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) {
      throw badInput("first", `first must be between 1 and ${MAX_FIRST}.`);
    }
    const now = context.request.now;
    const rows = await context.prisma.privacyRequest.findMany({
      where: id
        ? { id: validateId("id", id) }
        : { status: status ? status : { in: OPEN }, ...(kind ? { kind } : {}) },
      // Among open requests the earliest due are the overdue ones; ids (UUIDv7) settle ties.
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      take: first,
      select: QUEUE_ITEM_COLUMNS,
    });
    const today = startOfUtcDay(now);
    const overdue = (row: (typeof rows)[number]) =>
      !isClosed(row.status) && daysLeft(row.dueAt, today) < 0;
    // Stable: overdue ones first, each group still by due date.
    const ordered = [...rows.filter(overdue), ...rows.filter((row) => !overdue(row))];
    return ordered.map((row) => toQueueItem(row, now));
  }
}
