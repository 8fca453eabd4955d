/**
 * Validation of a draft as it is saved. A draft keeps unfinished work, so saving is lenient:
 * anything may be empty, and the rules of a publishable version (a label's form, a required
 * text, a date now or later) wait for publishing, which runs validatePolicyVersion on the
 * draft. What is refused now is what no version could ever hold: text over the same limits,
 * control characters (NUL breaks PostgreSQL), a date that is not one. Each check throws
 * BAD_USER_INPUT naming the field.
 */
import { badInput } from "../../errors/app-error.js";
import * as validate from "../../validation/validate.js";
import { MAX_BODY_BYTES } from "./policy-version-validation.js";
import type { SavePolicyDraftInput } from "./save-policy-draft.input.js";

export interface ValidPolicyDraft {
  readonly version: string;
  readonly title: string;
  readonly summary: string;
  readonly body: string;
  readonly effectiveAt: Date | null;
  readonly material: boolean;
}

/** Trimmed, possibly empty, within `max` characters and free of control characters. */
const optionalText = (field: string, value: string | null | undefined, max: number) =>
  validate.text(field, value ?? "", { min: 0, max });

export function validatePolicyDraft(input: SavePolicyDraftInput): ValidPolicyDraft {
  const body = input.body ?? "";
  if (Buffer.byteLength(body, "utf8") > MAX_BODY_BYTES) {
    throw badInput("body", "The policy text must be at most 200 kB.");
  }
  const effectiveAt = input.effectiveAt ?? null;
  if (effectiveAt !== null && Number.isNaN(effectiveAt.getTime())) {
    throw badInput("effectiveAt", "Choose the date the version takes effect.");
  }
  return {
    version: optionalText("version", input.version, 40),
    title: optionalText("title", input.title, 200),
    summary: optionalText("summary", input.summary, 2000),
    // Kept as typed (the published version is trimmed), so the officer gets back what they saved.
    body,
    effectiveAt,
    material: input.material,
  };
}
