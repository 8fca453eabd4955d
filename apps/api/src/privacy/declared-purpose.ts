/**
 * The purpose an operation declares: the `@purpose(name:, ref:)` operation directive, or the
 * `X-Privet-Purpose` and `X-Privet-Purpose-Ref` headers for clients that cannot add a
 * directive. The directive wins when both are present.
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

export function purposeFromOperation(
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
  // The schema's validation has already checked that `name` is a Purpose.
  const name = String(args.name);
  if (!isPurpose(name)) throw badInput("purpose.name", "Unknown purpose.");
  return { name, ref: checkedRef(args.ref) };
}
