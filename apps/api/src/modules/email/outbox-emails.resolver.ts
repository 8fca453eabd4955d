import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { badInput } from "../../errors/app-error.js";
import { validateId } from "../../validation/validate-id.js";
import {
  type OutboxEmailKind,
  OutboxEmailKindValues,
  type OutboxEmailStatus,
  OutboxEmailStatusValues,
} from "./email-enums.js";
import { OutboxEmail, toOutboxEmail } from "./outbox-email.type.js";

const MAX_PAGE = 100;
const MAX_OFFSET = 10_000;

@Resolver()
export class OutboxEmailsResolver {
  @Authorized()
  @Query(() => [OutboxEmail], {
    description:
      "Staff (privacy officers, administrators): the outbox, newest first. Addresses and texts are personal: they need a purpose that may read them, like every personal field.",
  })
  async outboxEmails(
    @Arg("status", () => OutboxEmailStatusValues, { nullable: true })
    status: OutboxEmailStatus | null,
    @Arg("kind", () => OutboxEmailKindValues, { nullable: true }) kind: OutboxEmailKind | null,
    @Arg("campaignId", () => ID, { nullable: true }) campaignIdInput: string | null,
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("offset", () => Int, { defaultValue: 0 }) offset: number,
    @Ctx() context: Context,
  ): Promise<OutboxEmail[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
      throw badInput("first", `first must be between 1 and ${MAX_PAGE}.`);
    }
    if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) {
      throw badInput("offset", `offset must be between 0 and ${MAX_OFFSET}.`);
    }
    const campaignId = campaignIdInput ? validateId("campaignId", campaignIdInput) : null;
    const rows = await context.prisma.outboxEmail.findMany({
      where: {
        // Every email the product queues is addressed to a customer; one that is not would
        // have no subject for the privacy decision, so it is not listed here.
        customerId: { not: null },
        ...(status ? { status } : {}),
        ...(kind ? { kind } : {}),
        ...(campaignId ? { campaignId } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: offset,
      take: first,
    });
    return rows.map((row) => toOutboxEmail({ ...row, customerId: row.customerId as string }));
  }
}
