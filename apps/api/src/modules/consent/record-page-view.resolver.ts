import { permitsProcessing } from "@privet/domain/consent";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { currentConsentsOf, requestSubject } from "./consent-subject.js";
import { pagePath, referrer as referrerOrigin } from "./page-path.js";
import {
  createVisitor,
  issueVisitorCookie,
  newVisitor,
  requestVisitor,
  type VisitorRow,
} from "./request-visitor.js";

@Resolver()
export class RecordPageViewResolver {
  @Mutation(() => Boolean, {
    description:
      "Records a page view for remarketing (P-05), only while the visitor's or customer's advertising consent (REMARKETING) is GIVEN; otherwise succeeds and records nothing. Returns whether it was recorded. The query string is dropped: URLs never carry personal data.",
  })
  async recordPageView(
    @Arg("path", () => String, { description: 'A path on this site, starting with "/".' })
    path: string,
    @Arg("referrer", () => String, {
      nullable: true,
      description: "A path on this site, or another site's address (kept as its origin only).",
    })
    referrer: string | null | undefined,
    @Ctx() context: Context,
  ): Promise<boolean> {
    // Input is checked whatever the consent, so a bad call is an error, never a silent false.
    const cleanPath = pagePath("path", path);
    const cleanReferrer = referrerOrigin("referrer", referrer);

    const subject = await requestSubject(context);
    if (!subject) return false;
    const advertising = (await currentConsentsOf(context, subject)).get("REMARKETING");
    if (!permitsProcessing(advertising?.state)) return false;
    // A browser that belongs to an account follows the account's choice too: a customer who
    // withdrew advertising consent is not tracked once signed out on the same browser.
    if (subject.kind === "VISITOR" && subject.visitor.customerId) {
      const owner = { kind: "CUSTOMER" as const, id: subject.visitor.customerId };
      const ownerAdvertising = (await currentConsentsOf(context, owner)).get("REMARKETING");
      if (!permitsProcessing(ownerAdvertising?.state)) return false;
    }

    const { prisma, request } = context;
    const customerId = subject.kind === "CUSTOMER" ? subject.id : null;
    const existing = subject.kind === "VISITOR" ? subject.visitor : await requestVisitor(context);
    // A customer's events need a pseudonymous cookie ID of their own: the browser's visitor
    // row if it is theirs (or nobody's yet), else a new one, made only now that they consent.
    const created: VisitorRow | null =
      customerId && (!existing || (existing.customerId && existing.customerId !== customerId))
        ? newVisitor(request, customerId)
        : null;
    const visitor = (created ?? existing) as VisitorRow;
    const link = customerId !== null && !created && visitor.customerId === null;
    const event = {
      visitorId: visitor.id,
      customerId,
      path: cleanPath,
      referrer: cleanReferrer,
      occurredAt: request.now,
    };
    if (created || link) {
      await prisma.$transaction(async (tx) => {
        if (created) await createVisitor(tx, created, request.now);
        if (link && customerId) {
          await tx.visitor.updateMany({
            where: { id: visitor.id, customerId: null },
            data: { customerId, mergedAt: request.now },
          });
        }
        await tx.navigationEvent.create({ data: event });
      });
    } else {
      await prisma.navigationEvent.create({ data: event });
    }
    if (created) issueVisitorCookie(context, created);
    return true;
  }
}
