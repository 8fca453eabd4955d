/**
 * The purpose an operation declares: the `@purpose(name:, ref:)` operation directive, or the
 * `X-Privet-Purpose` and `X-Privet-Purpose-Ref` headers for clients that cannot add a
 * directive. The directive wins when both are present (resolveDeclaredPurpose, the one place
 * that says so). The headers are checked when the request arrives, the directive once the
 * operation is parsed; either way a malformed one refuses the request before anything runs.
 */
import { containsCardNumber } from "@privet/domain/card-number";
import { isPurpose, type Purpose } from "@privet/domain/purposes";
import { type OperationDefinitionNode, valueFromASTUntyped } from "graphql";
import { AppError, badInput } from "../errors/app-error.js";

export interface DeclaredPurpose {
  readonly name: Purpose;
  readonly ref: string | null;
}

const REF = /^[\w.:/#-]{1,100}$/;

function checkedRef(ref: unknown): string | null {
  if (ref === undefined || ref === null || ref === "") return null;
  if (typeof ref !== "string" || !REF.test(ref)) {
    throw badInput("purpose.ref", "A purpose reference is 1–100 letters, digits or . : / # - _");
  }
  // A reference is kept in the audit log: a header reaches it without the input guard.
  if (containsCardNumber(ref)) {
    throw new AppError("CARD_NUMBER_REJECTED", "A purpose reference must not be a card number.", {
      field: "purpose.ref",
    });
  }
  return ref;
}

export function purposeFromHeaders(
  name: string | undefined,
  ref: string | undefined,
): DeclaredPurpose | null {
  if (!name) return null;
  const upper = name.trim().toUpperCase();
  if (!isPurpose(upper)) throw badInput("X-Privet-Purpose", "Unknown purpose.");
  return { name: upper, ref: checkedRef(ref?.trim()) };
}

function purposeFromDirective(
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): DeclaredPurpose | null {
  const directive = operation.directives?.find((d) => d.name.value === "purpose");
  if (!directive) return null;
  const args = Object.fromEntries(
    (directive.arguments ?? []).map((arg) => [
      arg.name.value,
      valueFromASTUntyped(arg.value, variables),
    ]),
  );
  // The schema's validation has checked a literal `name`; a variable's value arrives unchecked.
  const name = String(args.name);
  if (!isPurpose(name)) throw badInput("purpose.name", "Unknown purpose.");
  return { name, ref: checkedRef(args.ref) };
}

/**
 * The operation's purpose: its directive's, else the headers' (already checked, see
 * purposeFromHeaders). Throws the AppError a malformed directive is refused with.
 */
export function resolveDeclaredPurpose(
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  fromHeaders: DeclaredPurpose | null,
): DeclaredPurpose | null {
  return purposeFromDirective(operation, variables) ?? fromHeaders;
}
