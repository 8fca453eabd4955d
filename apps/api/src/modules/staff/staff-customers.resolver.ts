import { Arg, Authorized, Ctx, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { currentStaff } from "../../guards/current-staff.js";
import { toPageInfo } from "../../pagination/page-info.type.js";
import {
  decodeSubjectCursor,
  encodeSubjectCursor,
  pageOf,
  pageSize,
} from "../../pagination/subject-cursor.js";
import { CUSTOMER_COLUMNS, toCustomer } from "../accounts/public.js";
import { CustomerConnection, CustomerEdge } from "./customer-connection.type.js";
import { assertMaySearchByEmail, mayUseEmailOf, parseCustomerSearch } from "./customer-search.js";

const MAX_PAGE = 100;

@Resolver()
export class StaffCustomersResolver {
  @Authorized()
  @Query(() => CustomerConnection, {
    description:
      "Staff: customers in id order, or the one matching `search` (an exact id, or an exact email, which needs a purpose that may read emails). Erased customers are not listed.",
  })
  async customers(
    @Arg("search", () => String, { nullable: true }) search: string | null,
    @Arg("first", () => Int, { defaultValue: 20 }) firstInput: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() context: Context,
  ): Promise<CustomerConnection> {
    const staff = currentStaff(context);
    const first = pageSize("first", firstInput, MAX_PAGE);
    const afterId = decodeSubjectCursor("after", after);
    const query = parseCustomerSearch(search);
    if (query?.by === "email") assertMaySearchByEmail(context, staff);

    const id = {
      ...(query?.by === "id" ? { equals: query.id } : {}),
      ...(afterId ? { gt: afterId } : {}),
    };
    const rows = await context.prisma.customer.findMany({
      where: {
        erasedAt: null,
        id,
        ...(query?.by === "email" ? { email: query.email } : {}),
      },
      orderBy: { id: "asc" },
      take: first + 1,
      select: CUSTOMER_COLUMNS,
    });
    // An email match the caller may not use is no match at all (see customer-search.ts).
    const visible =
      query?.by === "email" && rows[0] && !(await mayUseEmailOf(context, rows[0].id)) ? [] : rows;
    // Finding a customer by their email is a use of that email: audited like reading it.
    if (query?.by === "email" && visible[0]) {
      context.accessReads.record(visible[0].id, "user.contact.email", "customers.search");
    }
    const page = pageOf(visible, first);
    const edges = page.rows.map((row) =>
      Object.assign(new CustomerEdge(), {
        cursor: encodeSubjectCursor(row.id),
        node: toCustomer(row),
      }),
    );
    return Object.assign(new CustomerConnection(), {
      edges,
      nodes: edges.map((edge) => edge.node),
      pageInfo: toPageInfo(page),
    });
  }
}
