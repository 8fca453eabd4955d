/**
 * The one enforcement point for personal fields. Denied → the field resolves to null and the
 * response carries a PRIVACY_REDACTED error naming the reason, the category and the path, so
 * a client can tell a redacted value from a real null; the rest of the response is intact.
 * Staff and partner reads of someone else's field → one audit event each, allowed or denied.
 *
 * It wraps the resolver of every field marked @Personal once the schema is built
 * (`enforcePersonalFields`, called by schema/build-schema.ts), rather than riding TypeGraphQL's
 * middleware chain: that chain makes at least three promises per field, and a list of 100
 * subjects has 500 personal fields. Here a field whose decision is already made (the usual
 * case: the inputs every field shares are loaded before execution) and whose value is at hand
 * is decided, recorded and returned synchronously, with no promise at all.
 */
import type { Decision } from "@privet/domain/decide";
import type { DataCategory } from "@privet/domain/taxonomy";
import {
  defaultFieldResolver,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  isObjectType,
} from "graphql";
import { AppError } from "../errors/app-error.js";
import type { PersonalFieldExtension } from "./personal.js";
import type { PrivacyContext } from "./privacy-context.js";

interface SubjectOwned {
  readonly subjectId?: string;
}

type Resolver = GraphQLFieldResolver<unknown, PrivacyContext>;

/** "partnerSubjects.edges.3.node.email": built directly, as it runs for every field. */
function pathText(path: GraphQLResolveInfo["path"]): string {
  let text = String(path.key);
  for (let step = path.prev; step; step = step.prev) text = `${step.key}.${text}`;
  return text;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === "function";
}

/**
 * Wraps every field whose extensions carry `personal` (set by @Personal) with the guard;
 * returns how many fields it guards. Mutates the schema's field definitions in place.
 */
export function enforcePersonalFields(schema: GraphQLSchema): number {
  let guarded = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const personal = field.extensions?.personal as PersonalFieldExtension | undefined;
      if (!personal) continue;
      field.resolve = guardPersonalField(
        `${type.name}.${field.name}`,
        personal.category,
        (field.resolve ?? defaultFieldResolver) as Resolver,
      );
      guarded++;
    }
  }
  return guarded;
}

/** The guard for one personal field: decide, then resolve (if allowed) and record the read. */
export function guardPersonalField(
  fieldName: string,
  category: DataCategory,
  resolve: Resolver,
): Resolver {
  return (root, args, context, info) => {
    if (!context.privacyEnforced) return resolve(root, args, context, info);
    const subjectId = (root as SubjectOwned | undefined)?.subjectId;
    if (!subjectId) {
      // A personal field on an object that does not say whose it is: fail closed.
      throw new Error(`${fieldName} is personal but its object has no subjectId`);
    }
    const decision = context.privacy.decide(subjectId, category);
    // No closure or promise when the decision is at hand: this runs for every personal field.
    if (!(decision instanceof Promise))
      return resolveDecided(decision, subjectId, category, resolve, root, args, context, info);
    return decision.then((decided) =>
      resolveDecided(decided, subjectId, category, resolve, root, args, context, info),
    );
  };
}

function resolveDecided(
  decision: Decision,
  subjectId: string,
  category: DataCategory,
  resolve: Resolver,
  root: unknown,
  args: Record<string, unknown>,
  context: PrivacyContext,
  info: GraphQLResolveInfo,
): unknown {
  const path = pathText(info.path);
  if (!decision.allow) {
    context.accessReads.record(subjectId, category, path, decision.reason);
    throw new AppError("PRIVACY_REDACTED", `Redacted: ${decision.reason}`, {
      reason: decision.reason,
      category,
      path,
    });
  }
  const value = resolve(root, args, context, info);
  // The recorder keeps staff and partner reads only: a customer's own data is no access event.
  if (!isPromiseLike(value)) {
    if (value !== null && value !== undefined)
      context.accessReads.record(subjectId, category, path);
    return value;
  }
  return Promise.resolve(value).then((resolved) => {
    if (resolved !== null && resolved !== undefined)
      context.accessReads.record(subjectId, category, path);
    return resolved;
  });
}
