/**
 * Input validation shared by every resolver. Each check throws BAD_USER_INPUT naming the
 * field, with a message a person can act on; none echoes the value back (it may be personal).
 * What every string shares (no card numbers; single- or multi-line text) is checked once for
 * all of them, before any resolver runs, by the input guard (input-guard.ts).
 */
import {
  EMAIL_PROBLEM,
  emailProblem,
  type FieldProblems,
  normalEmail,
} from "@privet/domain/form-rules";
import { passwordProblem } from "@privet/domain/passwords";
import { regionProblem } from "@privet/domain/places";
import { badInput, badInputs } from "../errors/app-error.js";
import { fieldLabel } from "./field-words.js";

/** A domain rule's problems by field (@privet/domain/form-rules), thrown all at once if any. */
export function noProblems(problems: FieldProblems): void {
  const list = Object.entries(problems).flatMap(([field, message]) =>
    message ? [{ field, message }] : [],
  );
  if (list.length > 0) throw badInputs(list);
}

export function text(field: string, value: string, options: { min?: number; max: number }): string {
  const trimmed = value.trim();
  if (trimmed.length < (options.min ?? 1))
    throw badInput(field, `${fieldLabel(field)} is required.`);
  if (trimmed.length > options.max) {
    throw badInput(field, `${fieldLabel(field)} must be at most ${options.max} characters.`);
  }
  return trimmed;
}

export function email(field: string, value: string): string {
  // The same rule as the portal's forms; an empty address reads as a malformed one here,
  // since not every email field is the customer's own.
  if (emailProblem(value)) throw badInput(field, EMAIL_PROBLEM);
  return normalEmail(value);
}

/**
 * A password being chosen (registration), by the one rule the portal shows too
 * (@privet/domain/passwords). Never applied at sign-in: older passwords keep working.
 */
export function password(field: string, value: string): string {
  const problem = passwordProblem(value);
  if (problem) throw badInput(field, problem);
  return value;
}

/**
 * A state or province: for the US one of the 50 states or DC, required (the California count
 * of P-17 reads it); elsewhere optional, a short code. Null when none is given.
 */
export function region(
  field: string,
  country: string,
  value: string | null | undefined,
): string | null {
  const problem = regionProblem(country, value);
  if (problem) throw badInput(field, problem);
  const code = (value ?? "").trim().toUpperCase();
  return code === "" ? null : code;
}
