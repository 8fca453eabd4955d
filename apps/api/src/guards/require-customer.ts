import type { Context } from "../context/context.js";
import { AppError } from "../errors/app-error.js";

/** The signed-in customer's id; anyone else is told to sign in. */
export function requireCustomer(context: Context): string {
  const { principal } = context.viewer;
  if (principal.kind !== "customer") throw new AppError("UNAUTHENTICATED");
  return principal.subjectId;
}
