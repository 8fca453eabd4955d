/**
 * The two rules for text a client sends, applied by the input guard to every string input by
 * its kind, never by a resolver:
 * - single-line (the default: names, emails, subjects, paths, references): no control
 *   characters at all, so no line breaks or tabs, and no Unicode line or paragraph separators;
 * - multi-line (`@multiline`: messages, policy texts): line breaks and tabs, but no other
 *   control character.
 * Control characters have no place in names or messages: they break logs, email headers and
 * CSV exports, and can hide text from the person reading it.
 */

export type TextKind = "single-line" | "multi-line";

const LINE_BREAKS = new Set([0x0a, 0x0d, 0x85, 0x2028, 0x2029]);

function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** Why a text breaks its kind's rule, in words a person can act on; null when it is fine. */
export function textProblem(value: string, kind: TextKind): string | null {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const lineBreak = LINE_BREAKS.has(code);
    if (kind === "single-line") {
      if (lineBreak) return "This must be a single line: remove the line breaks.";
      if (isControl(code)) return "This contains invisible control characters: remove them.";
    } else if (!lineBreak && code !== 0x09 && isControl(code)) {
      return "This contains invisible control characters: remove them.";
    }
  }
  return null;
}
