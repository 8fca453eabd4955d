import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context.js";
import { groupBy } from "../../context/loaders.js";
import { Classified } from "../../privacy/personal.js";
import { Customer } from "../accounts/public.js";
import { HeldRecord } from "./held-record.type.js";

@Resolver(() => Customer)
export class CustomerHeldRecordsResolver {
  @Classified("NON_PERSONAL")
  @FieldResolver(() => [HeldRecord], {
    description:
      "Records the customer holds about other individuals (P-12). That they exist is not personal; each label and content is, and opens to staff only under a break-glass grant.",
  })
  async heldRecords(@Root() customer: Customer, @Ctx() context: Context): Promise<HeldRecord[]> {
    const rows = await context.loaders
      .get("heldRecordsByCustomer", async (ids: readonly string[]) =>
        groupBy(
          ids,
          await context.prisma.customerHeldRecord.findMany({
            where: { customerId: { in: [...ids] } },
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          }),
          (row) => row.customerId,
        ),
      )
      .load(customer.subjectId);
    return rows.map((row) =>
      Object.assign(new HeldRecord(), {
        id: row.id,
        subjectId: customer.subjectId,
        label: row.label,
        content: row.content,
        createdAt: row.createdAt,
      }),
    );
  }
}
