/**
 * The bit-level pieces of the IAB Global Privacy Platform string (GPP v1): fixed-width
 * integers, Fibonacci codes for the header's section ids, and the "compressed" base64url the
 * spec uses for every segment (bits padded with zeros to a whole byte, then to a whole
 * base64 character; no "=" padding). Pure, so the encoder runs in the API and a browser alike.
 */

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** `value` as `width` bits, most significant first. */
export function fixedInteger(value: number, width: number): string {
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** width) {
    throw new RangeError(`${value} does not fit in ${width} bits`);
  }
  return value.toString(2).padStart(width, "0");
}

/**
 * Fibonacci coding (Zeckendorf, least significant term first, terminated by an extra 1), as
 * the GPP header encodes its section ids: 1 → "11", 7 (= 2 + 5) → "01011".
 */
export function fibonacciInteger(value: number): string {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${value} is not a positive integer`);
  }
  // The terms 1, 2, 3, 5, 8… up to the value.
  const terms: number[] = [];
  for (let [a, b] = [1, 2]; a <= value; [a, b] = [b, a + b]) terms.push(a);
  // Greedy from the largest term: Zeckendorf's representation, never two adjacent ones.
  // Written least significant term first.
  let rest = value;
  let bits = "";
  for (const term of terms.reverse()) {
    const used = term <= rest;
    if (used) rest -= term;
    bits = `${used ? "1" : "0"}${bits}`;
  }
  return `${bits}1`;
}

/**
 * A sorted list of section ids as the header's Fibonacci range: a 12-bit count of groups,
 * then each group — a single id ("0" + its delta) or a run ("1" + start delta + end delta),
 * deltas taken from the previous group's last id.
 */
export function fibonacciRange(ids: readonly number[]): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const groups: { first: number; last: number }[] = [];
  for (const id of sorted) {
    const previous = groups.at(-1);
    if (previous && previous.last + 1 === id) previous.last = id;
    else groups.push({ first: id, last: id });
  }
  let bits = fixedInteger(groups.length, 12);
  let offset = 0;
  for (const { first, last } of groups) {
    bits +=
      first === last
        ? `0${fibonacciInteger(first - offset)}`
        : `1${fibonacciInteger(first - offset)}${fibonacciInteger(last - first)}`;
    offset = last;
  }
  return bits;
}

/** Bits as the spec's compressed base64url: zero-padded to a byte, then to a character. */
export function compressedBase64Url(bits: string): string {
  if (!/^[01]*$/.test(bits)) throw new RangeError("not a bit string");
  let padded = bits;
  while (padded.length % 8 !== 0) padded += "0";
  while (padded.length % 6 !== 0) padded += "0";
  let text = "";
  for (let i = 0; i < padded.length; i += 6) {
    text += BASE64URL.charAt(Number.parseInt(padded.slice(i, i + 6), 2));
  }
  return text;
}
