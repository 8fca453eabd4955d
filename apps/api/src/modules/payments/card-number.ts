/**
 * Full card numbers (PANs) never enter Privet (P-03): the payment processor holds the card,
 * and we keep its token, brand, last four digits and expiry. This detector finds a card number
 * anywhere in a piece of text, so every entry point can refuse it before anything is stored or
 * logged.
 *
 * What counts as a card number: 13 to 19 digits that pass the Luhn check, written together or
 * in groups separated by spaces or dashes ("4111 1111 1111 1111", "4111-1111-1111-1111").
 * Groups are tried in every contiguous combination, so a card number followed by its
 * security code ("4111 1111 1111 1111 123") or preceded by other digits is still found. A card
 * number glued to other digits with no separator ("4111111111111111123") is one longer
 * number, not a card number: no boundary says where the card would start, and testing every
 * window of long digit strings would refuse a great many harmless order numbers.
 */
import { AppError } from "../../errors/app-error.js";

/** Digit groups joined by up to three separators: spaces, tabs, or any kind of dash. */
const DIGIT_RUN = /\d+(?:[ \t\-\u2010-\u2015\u2212]{1,3}\d+)*/g;
const SEPARATORS = /[ \t\-\u2010-\u2015\u2212]+/;
const MIN_DIGITS = 13;
const MAX_DIGITS = 19;

/** The Luhn (mod 10) check that every payment card number passes. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let digit = digits.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Whether `text` contains a full card number anywhere. */
export function containsCardNumber(text: string): boolean {
  // NFKC turns full-width digits and no-break spaces into their plain forms first.
  const normalised = text.normalize("NFKC");
  for (const [run] of normalised.matchAll(DIGIT_RUN)) {
    const groups = run.split(SEPARATORS);
    for (let first = 0; first < groups.length; first++) {
      let candidate = "";
      for (let last = first; last < groups.length; last++) {
        candidate += groups[last];
        if (candidate.length > MAX_DIGITS) break;
        if (candidate.length >= MIN_DIGITS && passesLuhn(candidate)) return true;
      }
    }
  }
  return false;
}

/**
 * Refuses the request if any of these inputs holds a card number. The error names the field
 * and never the value, so the number reaches neither the response nor the log.
 */
export function rejectCardNumbers(
  fields: Record<string, string | null | undefined>,
  message?: string,
): void {
  for (const [field, value] of Object.entries(fields)) {
    if (typeof value === "string" && containsCardNumber(value)) {
      throw new AppError("CARD_NUMBER_REJECTED", message, { field });
    }
  }
}
