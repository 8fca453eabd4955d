/**
 * The one enforcement point for personal fields. Denied → the field resolves to null and the
 * response carries a PRIVACY_REDACTED error naming the reason, the category and the path, so
 * a client can tell a redacted value from a real null; the rest of the response is intact.
 * Staff and partner reads of someone else's field → one audit event each, allowed or denied.
 */
import type { DataCategory } from "@privet/domain/taxonomy";
import type { GraphQLResolveInfo } from "graphql";
import type { MiddlewareFn } from "type-graphql";
import { AppError } from "../errors/app-error.js";
import type { PrivacyContext } from "./privacy-context.js";

interface SubjectOwned {
  readonly subjectId?: string;
}

function categoryOf(info: GraphQLResolveInfo): DataCategory {
  const field = info.parentType.getFields()[info.fieldName];
  const personal = field?.extensions?.personal as { category: DataCategory } | undefined;
  if (!personal) throw new Error(`${info.parentType.name}.${info.fieldName} is not personal`);
  return personal.category;
}

/** "partnerSubjects.edges.3.node.email": built directly, as it runs for every field. */
function pathText(path: GraphQLResolveInfo["path"]): string {
  let text = String(path.key);
  for (let step = path.prev; step; step = step.prev) text = `${step.key}.${text}`;
  return text;
}

export const enforcePersonalField: MiddlewareFn<PrivacyContext> = async (
  { root, info, context },
  next,
) => {
  if (!context.privacyEnforced) return next();
  const category = categoryOf(info);
  const subjectId = (root as SubjectOwned | undefined)?.subjectId;
  if (!subjectId) {
    // A personal field on an object that does not say whose it is: fail closed.
    throw new Error(`${info.parentType.name} has personal fields but no subjectId`);
  }
  const pending = context.privacy.decide(subjectId, category);
  const decision = pending instanceof Promise ? await pending : pending;
  const path = pathText(info.path);
  if (!decision.allow) {
    context.accessReads.record(subjectId, category, path, decision.reason);
    throw new AppError("PRIVACY_REDACTED", `Redacted: ${decision.reason}`, {
      reason: decision.reason,
      category,
      path,
    });
  }
  const value = await next();
  // The recorder keeps staff and partner reads only: a customer's own data is no access event.
  if (value !== null && value !== undefined) context.accessReads.record(subjectId, category, path);
  return value;
};
