/**
 * Limits checked before execution, so an expensive query is refused before it costs anything
 * (QUERY_TOO_COMPLEX). The numbers leave room for the portal's and console's largest queries:
 *
 *   tokens   2,000   (parser; stops giant documents before validation)
 *   depth       10   (nesting of selections, fragments followed; introspection aside)
 *   aliases     30   (per operation; stops one field being asked for a thousand times)
 *   cost    10,000   (each field 1; a field with `first: n` costs n × its selection)
 *   body     256 kB  (HTTP; room for a 200 kB policy text)
 *
 * Privet's own types nest at most 6 levels, so the depth limit refuses only queries that could
 * not be valid anyway, early and cheaply, before the other rules walk them.
 */
import {
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";

export const LIMITS = { tokens: 2000, depth: 10, aliases: 30, cost: 10_000, bodyBytes: 262_144 };

/**
 * Apollo reports validation errors as GRAPHQL_VALIDATION_FAILED; the `limit` extension
 * survives that, and formatError turns it into QUERY_TOO_COMPLEX.
 */
function tooComplex(message: string, limit: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "QUERY_TOO_COMPLEX", limit } });
}

function fragmentsOf(context: ValidationContext): Map<string, FragmentDefinitionNode> {
  return new Map(
    context
      .getDocument()
      .definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
}

function depthOf(
  set: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  seen: Set<string>,
): number {
  if (!set) return 0;
  let deepest = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      // Introspection (__schema, __type) nests deeper than any of Privet's own types (its
      // TypeRef fragment alone is 8 levels) and is answered from memory. It is refused in
      // production by its own rule; in development tools must be able to ask for it.
      if (selection.name.value === "__schema" || selection.name.value === "__type") continue;
      deepest = Math.max(
        deepest,
        selection.selectionSet ? 1 + depthOf(selection.selectionSet, fragments, seen) : 1,
      );
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (fragment && !seen.has(name)) {
        deepest = Math.max(
          deepest,
          depthOf(fragment.selectionSet, fragments, new Set([...seen, name])),
        );
      }
    }
  }
  return deepest;
}

export function depthLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(context);
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, fragments, new Set());
        if (depth > max)
          context.reportError(
            tooComplex(`The query is ${depth} levels deep; the limit is ${max}.`, "depth"),
          );
      },
    };
  };
}

export function aliasLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias && ++aliases === max + 1) {
          context.reportError(tooComplex(`The query uses more than ${max} aliases.`, "aliases"));
        }
      },
    };
  };
}

/** The value of a field's `first` argument, literal or from a variable. */
function firstArgument(field: FieldNode, variables: Record<string, unknown>): number | undefined {
  const arg = field.arguments?.find((a) => a.name.value === "first");
  if (!arg) return undefined;
  const value =
    arg.value.kind === Kind.VARIABLE
      ? variables[arg.value.name.value]
      : arg.value.kind === Kind.INT
        ? Number(arg.value.value)
        : undefined;
  return typeof value === "number" && value > 0 ? value : undefined;
}

function costOf(
  set: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  seen: Set<string>,
): number {
  if (!set) return 0;
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      // Each field costs 1; a list asked for `first: n` costs n times its selection.
      const inner = costOf(selection.selectionSet, fragments, variables, seen);
      cost += 1 + (firstArgument(selection, variables) ?? 1) * inner;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      cost += costOf(selection.selectionSet, fragments, variables, seen);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (fragment && !seen.has(name)) {
        cost += costOf(fragment.selectionSet, fragments, variables, new Set([...seen, name]));
      }
    }
  }
  return cost;
}

/**
 * The costliest operation in the document with these variables. A plain walk of the
 * document, run on every request (it needs the variables), so it goes without graphql-js's
 * `validate` and the type information it builds (~3% of a partner list's CPU, measured).
 */
export function operationCost(document: DocumentNode, variables: Record<string, unknown>): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  let costliest = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    costliest = Math.max(
      costliest,
      costOf(definition.selectionSet, fragments, variables, new Set()),
    );
  }
  return costliest;
}

/** The cost limit's refusal, or null when the operation is within it. */
export function costRefusal(cost: number, max: number): string | null {
  return cost > max ? `The query costs ${cost}; the limit is ${max}.` : null;
}
