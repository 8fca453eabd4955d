/**
 * Input validation shared by every resolver. Each check throws BAD_USER_INPUT naming the
 * field, with a message a person can act on; none echoes the value back (it may be personal).
 * What every string shares (no card numbers; single- or multi-line text) is checked once for
 * all of them, before any resolver runs, by the input guard (input-guard.ts).
 */
import { passwordProblem } from "@privet/domain/passwords";
import { badInput } from "../errors/app-error.js";
import { fieldLabel } from "./field-words.js";

const EMAIL =
  /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

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
  const trimmed = value.trim().toLowerCase();
  if (trimmed.length > 254 || !EMAIL.test(trimmed)) {
    throw badInput(field, "Enter an email address like name@example.com.");
  }
  return trimmed;
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

/** An ISO 3166-1 alpha-2 country code that names a real region. */
export function country(field: string, value: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code) || regionNames.of(code) === code) {
    throw badInput(field, "Choose a country (a two-letter ISO code such as US or DE).");
  }
  return code;
}

export function region(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === "") return null;
  const code = value.trim().toUpperCase();
  if (!/^[A-Z0-9]{1,3}$/.test(code))
    throw badInput(field, "Use a state or province code such as CA.");
  return code;
}
