/**
 * A history longer than one page, made the way it happens: a support agent reads a customer's
 * email over the API, once per ticket, each read one entry in the customer's access log.
 */
import { staffClient } from "./console.js";
import { gqlOk } from "./graphql.js";

/** `count` reads, oldest first, under tickets `${ticket}-1` … `${ticket}-${count}`. */
export async function readManyTimes(customerId: string, count: number, ticket: string) {
  const staff = await staffClient("support");
  try {
    for (let i = 1; i <= count; i++) {
      await gqlOk(
        staff,
        `query SupportRead($id: ID!) @purpose(name: SUPPORT, ref: "${ticket}-${i}") { customer(id: $id) { email } }`,
        { id: customerId },
      );
    }
  } finally {
    await staff.dispose();
  }
}
