/**
 * Sends an incident's approved notices (P-17) through the outbox: in one statement, one
 * PENDING BREACH_NOTICE email per approved notice not yet queued, each linked from its notice,
 * and those notices marked SENT (queued; delivery is the outbox's job, and the email's status
 * says how it went). The incident moves to NOTIFYING.
 *
 * A customer erased since the exposure has no address left: their notice stays APPROVED and
 * is counted as unreachable, for the officer to handle otherwise (substitute notice).
 *
 * Who reads the addresses: the platform, server-side, for BREACH_RESPONSE. The officer sees
 * counts only.
 */
import { Prisma } from "@privet/db/client";
import { Arg, Authorized, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { Classified } from "../../privacy/personal.js";
import { validateId } from "../../validation/validate-id.js";
import { checkBreachStatus } from "./breach-actions.js";
import { BreachIncident } from "./breach-incident.type.js";
import { NOTICE_SECTIONS, NOTICE_TITLE, noticeSubject } from "./breach-notice-text.js";
import { BREACH_TRANSACTION } from "./breach-transaction.js";
import { loadBreachIncidents } from "./load-breach-incidents.js";

@ObjectType()
export class SendBreachNoticesResult {
  @Classified("NON_PERSONAL")
  @Field(() => Int, { description: "Emails queued in the outbox now." })
  queued!: number;

  @Classified("NON_PERSONAL")
  @Field(() => Int, {
    description: "Approved notices to customers erased since, with no address to write to.",
  })
  unreachable!: number;

  @Classified("NON_PERSONAL")
  @Field(() => BreachIncident)
  incident!: BreachIncident;
}

/** The email body in SQL, from the same table of headings as renderNotice(). */
function bodySql(): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`${NOTICE_TITLE}`];
  for (const { heading, column } of NOTICE_SECTIONS) {
    parts.push(Prisma.sql`${`\n\n${heading}\n\n`}`, Prisma.raw(`n."${column}"`));
  }
  return Prisma.join(parts, " || ");
}

@Resolver()
export class SendBreachNoticesResolver {
  @Authorized()
  @Mutation(() => SendBreachNoticesResult, {
    description:
      "Security or privacy officer: queue every approved notice of the incident in the outbox, one email each (P-17).",
  })
  async sendBreachNotices(
    @Arg("incidentId", () => ID) incidentId: string,
    @Ctx() context: Context,
  ): Promise<SendBreachNoticesResult> {
    const id = validateId("incidentId", incidentId);
    const { prisma, request } = context;
    const now = request.now;
    const queued = await prisma.$transaction(async (tx) => {
      const exists = await tx.breachIncident.findUnique({
        where: { id },
        select: { status: true },
      });
      if (!exists) throw new AppError("NOT_FOUND", "This breach incident could not be found.");
      checkBreachStatus("SEND_APPROVED", exists.status);
      const count = await tx.$executeRaw`
        WITH picked AS (
          SELECT n."id" AS notice_id, gen_random_uuid() AS email_id, c."id" AS customer_id,
                 c."email" AS to_address, ${bodySql()} AS body
          FROM "BreachNotice" n JOIN "Customer" c ON c."id" = n."customerId"
          WHERE n."incidentId" = ${id}::uuid AND n."status" = 'APPROVED'
            AND n."emailId" IS NULL AND c."erasedAt" IS NULL
          FOR UPDATE OF n
        ), queued AS (
          INSERT INTO "OutboxEmail" ("id", "kind", "customerId", "toAddress", "subject",
            "textBody", "status", "createdAt")
          SELECT p.email_id, 'BREACH_NOTICE', p.customer_id, p.to_address, ${noticeSubject()},
                 p.body, 'PENDING', ${now}::timestamptz
          FROM picked p
          RETURNING "id"
        )
        UPDATE "BreachNotice" n SET "status" = 'SENT', "emailId" = p.email_id
        FROM picked p JOIN queued q ON q."id" = p.email_id
        WHERE n."id" = p.notice_id`;
      if (count > 0) {
        await tx.breachIncident.updateMany({
          where: { id, status: "OPEN" },
          data: { status: "NOTIFYING" },
        });
      }
      return count;
    }, BREACH_TRANSACTION);
    const unreachable = await prisma.breachNotice.count({
      where: { incidentId: id, status: "APPROVED", customer: { erasedAt: { not: null } } },
    });
    const [incident] = await loadBreachIncidents(prisma, { id, first: 1 }, now);
    if (!incident) throw new AppError("NOT_FOUND", "This breach incident could not be found.");
    return Object.assign(new SendBreachNoticesResult(), { queued, unreachable, incident });
  }
}
