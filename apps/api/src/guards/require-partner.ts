import type { Context } from "../context/context.js";
import { AppError } from "../errors/app-error.js";

/** Partner operations: an API key's processor, or nobody (a revoked key is anonymous). */
export function requirePartner(context: Context): { processorId: string } {
  const { principal } = context.viewer;
  if (principal.kind === "anonymous") throw new AppError("UNAUTHENTICATED");
  if (principal.kind !== "partner") throw new AppError("FORBIDDEN");
  return principal;
}
