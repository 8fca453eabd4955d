import type { Context } from "../../context/context.js";

/**
 * On sign-in or registration, the anonymous visitor's cookie choices join the account.
 * (Filled in by the consent module.)
 */
export async function mergeVisitorIntoCustomer(
  _context: Context,
  _customerId: string,
): Promise<void> {}
