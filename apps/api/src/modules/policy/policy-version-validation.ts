/**
 * Validation of a new policy version. Each check throws BAD_USER_INPUT naming the field.
 */
import { badInput } from "../../errors/app-error.js";
import * as validate from "../../validation/validate.js";

export const MAX_BODY_BYTES = 200 * 1024;
/** A client's clock may run a little behind: this much in the past still means "now". */
export const PAST_TOLERANCE_MS = 5 * 60_000;
/** Far enough ahead for any announced change; further is almost certainly a typing mistake. */
export const MAX_YEARS_AHEAD = 5;
const LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** What a version is published from: the mutation's input, or a saved draft. */
export interface PolicyVersionFields {
  readonly version: string;
  readonly title: string;
  readonly body: string;
  readonly summary?: string | null;
  /** Null or missing in a draft not yet dated: refused here, naming effectiveAt. */
  readonly effectiveAt?: Date | null;
  readonly material: boolean;
}

export interface ValidPolicyVersion {
  readonly version: string;
  readonly title: string;
  readonly body: string;
  readonly summary: string;
  readonly effectiveAt: Date;
  readonly material: boolean;
}

export function validatePolicyVersion(input: PolicyVersionFields, now: Date): ValidPolicyVersion {
  const version = validate.text("version", input.version, { max: 40 });
  if (!LABEL.test(version)) {
    throw badInput(
      "version",
      "A version label may hold only letters, digits, dots, dashes and underscores.",
    );
  }
  const title = validate.text("title", input.title, { max: 200 });
  const summary =
    input.summary == null || input.summary.trim() === ""
      ? ""
      : validate.text("summary", input.summary, { max: 2000 });

  if (Buffer.byteLength(input.body, "utf8") > MAX_BODY_BYTES) {
    throw badInput("body", "The policy text must be at most 200 kB.");
  }
  const body = input.body.trim();
  if (body === "") throw badInput("body", "Write the policy text.");

  const effectiveAt = input.effectiveAt;
  if (effectiveAt == null) {
    throw badInput("effectiveAt", "Choose the date the version takes effect.");
  }
  if (!(effectiveAt instanceof Date) || Number.isNaN(effectiveAt.getTime())) {
    throw badInput("effectiveAt", "Choose the date the version takes effect.");
  }
  // A version governs from its date; a date in the past would rewrite which version was in
  // force when consents were already given, so it is refused.
  if (effectiveAt.getTime() < now.getTime() - PAST_TOLERANCE_MS) {
    throw badInput("effectiveAt", "A new version cannot take effect in the past.");
  }
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_YEARS_AHEAD);
  if (effectiveAt.getTime() > latest.getTime()) {
    throw badInput(
      "effectiveAt",
      `A version can take effect at most ${MAX_YEARS_AHEAD} years ahead.`,
    );
  }

  return {
    version,
    title,
    body,
    summary,
    // "Now" within the tolerance: the version cannot govern before it was published.
    effectiveAt: effectiveAt.getTime() < now.getTime() ? now : effectiveAt,
    material: input.material,
  };
}
