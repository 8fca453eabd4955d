/**
 * Full card numbers (PANs) never enter Privet (P-03): the payment processor holds the card,
 * and we keep its token, brand, last four digits and expiry. This detector finds a card number
 * anywhere in a piece of text. The API refuses one in any string a client sends (its input
 * guard), before anything is stored or logged; the front ends use the same check to warn early.
 *
 * What counts as a card number: 13 to 19 digits that pass the Luhn check and begin with a
 * payment network's issuer prefix, written together or in groups separated by spaces or dashes
 * ("4111 1111 1111 1111", "4111-1111-1111-1111"). The prefix matters because every string a
 * client sends is checked: a millisecond timestamp ("CASE-1764979509123") or a date-based
 * number ("20261205…") passes Luhn one time in ten, but no network issues cards that start so.
 * Groups are tried in every contiguous combination, so a card number followed by its
 * security code ("4111 1111 1111 1111 123") or preceded by other digits is still found. A card
 * number glued to other digits with no separator ("4111111111111111123") is one longer
 * number, not a card number: no boundary says where the card would start, and testing every
 * window of long digit strings would refuse a great many harmless order numbers.
 */

/** Digit groups joined by up to three separators: spaces, tabs, or any kind of dash. */
const DIGIT_RUN = /\d+(?:[ \t\-\u2010-\u2015\u2212]{1,3}\d+)*/g;
const SEPARATORS = /[ \t\-\u2010-\u2015\u2212]+/;
const MIN_DIGITS = 13;
const MAX_DIGITS = 19;

/**
 * Issuer prefixes of the payment networks (inclusive ranges, compared on the same number of
 * leading digits): Mir 2200–2204, Mastercard 2221–2720 and 51–55, Diners Club 300–305, 36,
 * 38–39, American Express 34 and 37, JCB 3528–3589, Visa 4, Maestro 50 and 56–58, Discover,
 * UnionPay, Maestro and RuPay in 6, UnionPay 81 and RuPay 82.
 */
const ISSUER_PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ["2200", "2204"],
  ["2221", "2720"],
  ["300", "305"],
  ["34", "34"],
  ["36", "39"],
  ["3528", "3589"],
  ["4", "4"],
  ["50", "58"],
  ["6", "6"],
  ["81", "82"],
];

/** Whether a number begins the way a payment network's card numbers do. */
export function hasIssuerPrefix(digits: string): boolean {
  return ISSUER_PREFIXES.some(([low, high]) => {
    const prefix = digits.slice(0, low.length);
    return prefix.length === low.length && prefix >= low && prefix <= high;
  });
}

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

/**
 * A UUID (RFC 9562: a version digit, then a variant of 8, 9, a or b): an id, never a card.
 * Its dash-separated digit runs can otherwise look like one: in
 * "01a24ccd-84f2-7184-9659-3648511eabdd" the digits "2-7184-9659-3648511" begin like a
 * Mastercard and pass Luhn, so an exact-id search was refused about one time in several
 * thousand. UUIDs are blanked before the scan.
 */
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\b/gi;

/** Whether `text` contains a full card number anywhere. */
export function containsCardNumber(text: string): boolean {
  // NFKC turns full-width digits and no-break spaces into their plain forms first.
  const normalised = text.normalize("NFKC").replace(UUID, " ");
  for (const [run] of normalised.matchAll(DIGIT_RUN)) {
    const groups = run.split(SEPARATORS);
    for (let first = 0; first < groups.length; first++) {
      let candidate = "";
      for (let last = first; last < groups.length; last++) {
        candidate += groups[last];
        if (candidate.length > MAX_DIGITS) break;
        if (candidate.length >= MIN_DIGITS && hasIssuerPrefix(candidate) && passesLuhn(candidate)) {
          return true;
        }
      }
    }
  }
  return false;
}
