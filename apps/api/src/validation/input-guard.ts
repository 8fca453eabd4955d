/**
 * The input guard: one check over every string a client sends in an operation, before any
 * resolver runs, so that no argument — today's or one added tomorrow — can forget it.
 *
 * It walks the operation's arguments (field and directive arguments, literal or variable,
 * through input objects and lists) with their schema types, and refuses:
 * - a full card number anywhere (P-03): CARD_NUMBER_REJECTED, naming the field, never the value;
 * - text that breaks its kind's rule (text-rules.ts): single-line unless the argument or input
 *   field is marked `@multiline`: BAD_USER_INPUT.
 * Resolvers still check each value's own shape (an email, a length); this guard holds the
 * rules that apply to every string alike.
 */
import { containsCardNumber } from "@privet/domain/card-number";
import {
  type DocumentNode,
  type GraphQLArgument,
  GraphQLID,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  TypeInfo,
  type ValueNode,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
} from "graphql";
import { AppError, badInput } from "../errors/app-error.js";
import { type TextKind, textProblem } from "./text-rules.js";

/** A canonical UUID in an ID position: an id, not free text; it can hold no card number. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const CARD_MESSAGE =
  "Remove the card number: Privet never stores full card numbers. For a payment card, send the processor's token, the brand and the last four digits.";

type Definition = GraphQLArgument | GraphQLInputField;

function kindOf(definition: Definition): TextKind {
  return definition.astNode?.directives?.some((d) => d.name.value === "multiline")
    ? "multi-line"
    : "single-line";
}

/**
 * How the field is named in the error: an input object's fields by their own path ("name" for
 * `register(input: { name })`, as the resolvers name them), a directive's argument with the
 * directive ("purpose.ref"), any other argument by its name.
 */
function fieldName(path: readonly string[]): string {
  const [first = "", ...rest] = path;
  if (first.startsWith("@")) return [first.slice(1), ...rest].join(".");
  return rest.length > 0 ? rest.join(".") : first;
}

function checkString(
  value: string,
  type: GraphQLInputType,
  kind: TextKind,
  path: readonly string[],
): void {
  const isUuidId = type === GraphQLID && UUID.test(value);
  if (!isUuidId && containsCardNumber(value)) {
    throw new AppError("CARD_NUMBER_REJECTED", CARD_MESSAGE, {
      field: fieldName(path),
      http: { status: 400 },
    });
  }
  const problem = textProblem(value, kind);
  if (problem) {
    const error = badInput(fieldName(path), problem);
    error.extensions.http = { status: 400 };
    throw error;
  }
}

/** Every string inside a value of unknown shape (a JSON scalar), checked as single-line. */
function checkAnyStrings(value: unknown, type: GraphQLInputType, path: readonly string[]): void {
  if (typeof value === "string") checkString(value, type, "single-line", path);
  else if (Array.isArray(value)) for (const item of value) checkAnyStrings(item, type, path);
  else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) checkAnyStrings(item, type, [...path, key]);
  }
}

/** A variable's value (raw JSON, not yet coerced) in a position of this type. */
function checkValue(
  value: unknown,
  type: GraphQLInputType,
  kind: TextKind,
  path: readonly string[],
): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) {
    checkValue(value, type.ofType, kind, path);
    return;
  }
  if (isListType(type)) {
    // GraphQL coerces a single value into a list of one.
    for (const item of Array.isArray(value) ? value : [value]) {
      checkValue(item, type.ofType, kind, path);
    }
    return;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== "object" || Array.isArray(value)) return; // coercion refuses it
    for (const field of Object.values(type.getFields())) {
      checkValue((value as Record<string, unknown>)[field.name], field.type, kindOf(field), [
        ...path,
        field.name,
      ]);
    }
    return;
  }
  if (isScalarType(type)) {
    if (typeof value === "string") checkString(value, type, kind, path);
    else checkAnyStrings(value, type, path);
  }
  // Enum values are names from the schema, not text.
}

/** A literal written in the document, or a variable it refers to. */
function checkLiteral(
  node: ValueNode,
  type: GraphQLInputType,
  kind: TextKind,
  path: readonly string[],
  variables: Readonly<Record<string, unknown>>,
): void {
  if (isNonNullType(type)) {
    checkLiteral(node, type.ofType, kind, path, variables);
    return;
  }
  switch (node.kind) {
    case Kind.VARIABLE:
      checkValue(variables[node.name.value], type, kind, path);
      return;
    case Kind.LIST:
      for (const item of node.values) {
        checkLiteral(item, isListType(type) ? type.ofType : type, kind, path, variables);
      }
      return;
    case Kind.OBJECT: {
      if (!isInputObjectType(type)) return;
      const fields = type.getFields();
      for (const field of node.fields) {
        const definition = fields[field.name.value];
        if (!definition) continue; // validation has refused it already
        checkLiteral(
          field.value,
          definition.type,
          kindOf(definition),
          [...path, definition.name],
          variables,
        );
      }
      return;
    }
    case Kind.STRING: {
      checkString(node.value, isListType(type) ? type.ofType : type, kind, path);
      return;
    }
    default:
      // Numbers, booleans, enum values and null carry no text.
      return;
  }
}

/** One argument written in the document, with what its check needs from the schema. */
interface ArgumentSite {
  readonly value: ValueNode;
  readonly type: GraphQLInputType;
  readonly kind: TextKind;
  readonly path: readonly string[];
}

interface DocumentPlan {
  /** Every argument of the document (fields' and directives'), in document order. */
  readonly sites: readonly ArgumentSite[];
  /** The variables' defaults written in the document. */
  readonly defaults: Readonly<Record<string, unknown>>;
}

/**
 * Where the strings of a document are, worked out once per parsed document: Apollo keeps one
 * DocumentNode per query text, so a repeated query (every page view's consent read) skips the
 * schema-typed walk — ~5% of a consent read's CPU, measured — and only its values are checked,
 * as before, on every request. Keyed by the schema and the document objects (weakly), so
 * nothing outlives either.
 */
const plans = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, DocumentPlan>>();

function planOf(schema: GraphQLSchema, document: DocumentNode): DocumentPlan {
  let bySchema = plans.get(schema);
  if (!bySchema) {
    bySchema = new WeakMap();
    plans.set(schema, bySchema);
  }
  let plan = bySchema.get(document);
  if (!plan) {
    plan = { sites: argumentSites(schema, document), defaults: variableDefaults(document) };
    bySchema.set(document, plan);
  }
  return plan;
}

/** A variable the request leaves out takes its default, written in the document: check that. */
function variableDefaults(document: DocumentNode): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      if (variable.defaultValue) {
        values[variable.variable.name.value] = valueFromASTUntyped(variable.defaultValue);
      }
    }
  }
  return values;
}

function argumentSites(schema: GraphQLSchema, document: DocumentNode): ArgumentSite[] {
  const sites: ArgumentSite[] = [];
  const typeInfo = new TypeInfo(schema);
  const directives: string[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Directive: {
        enter: (node) => void directives.push(node.name.value),
        leave: () => void directives.pop(),
      },
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (!argument) return false;
        const directive = directives.at(-1);
        const path = directive ? [`@${directive}`, argument.name] : [argument.name];
        sites.push({ value: node.value, type: argument.type, kind: kindOf(argument), path });
        return false;
      },
    }),
  );
  return sites;
}

/**
 * Checks every string argument of the operation's document. Throws the first problem found.
 * The document has passed validation, so every argument it names exists in the schema.
 */
export function guardClientStrings(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>>,
): void {
  const { sites, defaults } = planOf(schema, document);
  if (sites.length === 0) return;
  const values = { ...defaults, ...variables };
  for (const site of sites) checkLiteral(site.value, site.type, site.kind, site.path, values);
}
