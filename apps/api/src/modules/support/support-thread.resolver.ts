/**
 * A support request's thread: its replies, who works it, and who wrote each reply. Each loads
 * through a per-request DataLoader: one statement for the whole queue, however long.
 *
 * Staff names are for staff: a customer reading their own thread sees the answers, not which
 * colleague wrote them or works the request (null), as in the emails they receive.
 */
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context.js";
import { groupBy } from "../../context/loaders.js";
import { Classified } from "../../privacy/personal.js";
import { SupportReply, toSupportReply } from "./support-reply.type.js";
import { SupportRequest } from "./support-request.type.js";
import { SupportStaffMember, toSupportStaffMember } from "./support-staff-member.type.js";

function staffMember(context: Context, id: string | null): Promise<SupportStaffMember | null> {
  const { principal } = context.viewer;
  if (!id || principal.kind !== "staff") return Promise.resolve(null);
  return context.loaders
    .get("support.staffById", async (ids: readonly string[]) => {
      const rows = await context.prisma.staffUser.findMany({
        where: { id: { in: [...ids] } },
        select: { id: true, name: true },
      });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((key) => {
        const row = byId.get(key);
        return row ? toSupportStaffMember(row, principal.staffId) : null;
      });
    })
    .load(id);
}

@Resolver(() => SupportRequest)
export class SupportThreadResolver {
  @Classified("NON_PERSONAL")
  @FieldResolver(() => [SupportReply], { description: "Staff answers, oldest first." })
  async replies(@Root() request: SupportRequest, @Ctx() context: Context): Promise<SupportReply[]> {
    const rows = await context.loaders
      .get("support.repliesByRequest", async (ids: readonly string[]) => {
        const found = await context.prisma.supportReply.findMany({
          where: { requestId: { in: [...ids] } },
          select: { id: true, requestId: true, body: true, createdAt: true, staffUserId: true },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        });
        return groupBy(ids, found, (row) => row.requestId);
      })
      .load(request.id);
    return rows.map((row) => toSupportReply(row, request.subjectId));
  }

  @Classified("NON_PERSONAL")
  @FieldResolver(() => SupportStaffMember, {
    nullable: true,
    description: "The staff member working it: null when nobody is, and for customers.",
  })
  assignee(
    @Root() request: SupportRequest,
    @Ctx() context: Context,
  ): Promise<SupportStaffMember | null> {
    return staffMember(context, request.assigneeId);
  }
}

@Resolver(() => SupportReply)
export class SupportReplyAuthorResolver {
  @Classified("NON_PERSONAL")
  @FieldResolver(() => SupportStaffMember, {
    nullable: true,
    description: "Who wrote it: for staff; null for customers.",
  })
  author(@Root() reply: SupportReply, @Ctx() context: Context): Promise<SupportStaffMember | null> {
    return staffMember(context, reply.staffUserId);
  }
}
