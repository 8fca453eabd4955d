/**
 * What the break-glass tests share (modules/staff/break-glass*.test.ts, grant-break-glass.test.ts):
 * granting and revoking, and a customer holding records about other people.
 */
import type { ApiClient, TestApi } from "./api.js";
import { type RegisteredCustomer, registerCustomer } from "./fixtures.js";
import { graphql } from "./generated/gql.js";

export const GRANT = graphql(`
  mutation BreakGlassGrant($input: GrantBreakGlassInput!) {
    grantBreakGlass(input: $input) {
      id staffUserId customerId reason incidentRef legalRequestId approvedById expiresAt active
    }
  }
`);
export const REVOKE = graphql(`
  mutation BreakGlassRevoke($id: ID!) {
    revokeBreakGlass(id: $id) { id active revokedAt }
  }
`);
const HOUR = 3_600_000;
export const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

/** A customer holding two records about other people (written as the product would). */
export async function customerWithRecords(api: TestApi): Promise<{
  client: ApiClient;
  customer: RegisteredCustomer;
}> {
  const client = api.client();
  const customer = await registerCustomer(client);
  await api.db.prisma.customerHeldRecord.createMany({
    data: [
      { customerId: customer.id, label: "Neighbour", content: "Ada Lovelace, flat 3" },
      { customerId: customer.id, label: "Dentist", content: "Dr Hopper, Tuesdays" },
    ],
  });
  return { client, customer };
}
