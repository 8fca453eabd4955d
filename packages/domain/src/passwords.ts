/**
 * The one password rule, shared by the API (which enforces it) and the portal (which says it
 * before sending). It applies where a password is chosen — registration — never at sign-in:
 * passwords chosen under an older rule keep working.
 *
 * Length is the rule (NIST SP 800-63B, OWASP ASVS V2.1): at least 12 characters, at most 200
 * (a bound on the work one request can ask of the password hash), any characters at all,
 * spaces included, and no composition rules. Characters are counted as Unicode code points,
 * so "ü" or an emoji counts once, as a person counts it.
 */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/** The rule in plain words, for a form's hint. */
export const PASSWORD_RULE = `At least ${PASSWORD_MIN_LENGTH} characters.`;

/** Length as a person counts it: Unicode code points, not UTF-16 units. */
export function passwordLength(password: string): number {
  let length = 0;
  for (const _ of password) length++;
  return length;
}

/** What is wrong with a new password, in words a person can act on; null when it is fine. */
export function passwordProblem(password: string): string | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) {
    return `Use a password of at least ${PASSWORD_MIN_LENGTH} characters.`;
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return `Use a password of at most ${PASSWORD_MAX_LENGTH} characters.`;
  }
  return null;
}
