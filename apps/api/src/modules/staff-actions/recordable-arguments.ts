/**
 * What of a mutation's arguments a staff action record keeps: ids, enum values, numbers,
 * booleans and dates — enough to say what was acted on and how — and never free text, which
 * may be personal (a customer's name in a legal request, a reason written to a customer).
 * Strings are dropped wherever they sit, in input objects and lists too.
 */
import {
  type DocumentNode,
  type FieldNode,
  type GraphQLInputType,
  type GraphQLSchema,
  getArgumentValues,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  type OperationDefinitionNode,
} from "graphql";

const KEPT_SCALARS = new Set(["ID", "Int", "Float", "Boolean", "DateTimeISO"]);

/** The kept part of one value of this type; undefined when nothing of it is kept. */
export function recordableValue(type: GraphQLInputType, value: unknown): unknown {
  if (value === undefined) return undefined;
  if (isNonNullType(type)) return recordableValue(type.ofType, value);
  if (value === null) return null;
  if (isListType(type)) {
    const items = (Array.isArray(value) ? value : [value])
      .map((item) => recordableValue(type.ofType, item))
      .filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (isInputObjectType(type)) {
    const kept: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(type.getFields())) {
      const fieldValue = recordableValue(field.type, (value as Record<string, unknown>)[name]);
      if (fieldValue !== undefined) kept[name] = fieldValue;
    }
    return Object.keys(kept).length > 0 ? kept : undefined;
  }
  if (isEnumType(type)) return value;
  if (!KEPT_SCALARS.has(type.name)) return undefined;
  return value instanceof Date ? value.toISOString() : value;
}

export interface MutationCall {
  /** The mutation field, e.g. "verifyPrivacyRequest". */
  readonly action: string;
  /** Its alias or name: where its result and errors sit in the response. */
  readonly responseKey: string;
  readonly arguments: Record<string, unknown>;
}

/**
 * The mutation fields an operation calls, with their recordable arguments. Arguments that do
 * not coerce are recorded as {} (the operation then fails validation of its own).
 */
export function mutationCalls(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  document?: DocumentNode,
): MutationCall[] {
  const mutationType = schema.getMutationType();
  if (!mutationType || operation.operation !== "mutation") return [];
  const fields = mutationType.getFields();
  const calls: MutationCall[] = [];
  for (const selection of topLevelFields(operation, document)) {
    const definition = fields[selection.name.value];
    if (!definition) continue;
    let kept: Record<string, unknown> = {};
    try {
      const values = getArgumentValues(definition, selection, variables);
      for (const argument of definition.args) {
        const value = recordableValue(argument.type, values[argument.name]);
        if (value !== undefined) kept[argument.name] = value;
      }
    } catch {
      kept = {};
    }
    calls.push({
      action: definition.name,
      responseKey: selection.alias?.value ?? selection.name.value,
      arguments: kept,
    });
  }
  return calls;
}

/** The operation's top-level fields, through inline fragments and fragment spreads. */
function topLevelFields(operation: OperationDefinitionNode, document?: DocumentNode): FieldNode[] {
  const fragments = new Map(
    (document?.definitions ?? [])
      .filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d] as const),
  );
  const found: FieldNode[] = [];
  const visit = (selections: OperationDefinitionNode["selectionSet"]["selections"]) => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) found.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet.selections);
      else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet.selections);
      }
    }
  };
  visit(operation.selectionSet.selections);
  return found;
}
