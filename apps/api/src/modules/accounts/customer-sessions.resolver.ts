import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context.js";
import { groupBy } from "../../context/loaders.js";
import { Classified } from "../../privacy/personal.js";
import { Customer } from "./customer.type.js";
import { DeviceSession } from "./session.type.js";

@Resolver(() => Customer)
export class CustomerSessionsResolver {
  @Classified("NON_PERSONAL")
  @FieldResolver(() => [DeviceSession], {
    description: "Sessions and their device data; each device field is enforced on its own.",
  })
  async sessions(@Root() customer: Customer, @Ctx() context: Context): Promise<DeviceSession[]> {
    const rows = await context.loaders
      .get("sessionsByCustomer", async (ids: readonly string[]) =>
        groupBy(
          ids,
          await context.prisma.session.findMany({
            where: { customerId: { in: [...ids] } },
            orderBy: { createdAt: "desc" },
          }),
          (row) => row.customerId ?? "",
        ),
      )
      .load(customer.subjectId);
    return rows.map((row) =>
      Object.assign(new DeviceSession(), {
        id: row.id,
        subjectId: customer.subjectId,
        ipAddress: row.ipAddress,
        browser: row.browser,
        os: row.os,
        createdAt: row.createdAt,
        lastSeenAt: row.lastSeenAt,
        current: row.id === context.viewer.session?.id,
      }),
    );
  }
}
