/** Card helpers that run in the browser only: the full number never leaves it for Privet. */

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function brandOf(digits: string): string {
  if (/^4/.test(digits)) return "Visa";
  if (/^(5[1-5]|2[2-7])/.test(digits)) return "Mastercard";
  if (/^3[47]/.test(digits)) return "American Express";
  if (/^6(011|5)/.test(digits)) return "Discover";
  return "Card";
}

/**
 * Stands in for the payment processor's tokenizer (in production, its hosted field posts the
 * number to the processor and returns a token). The stand-in returns a random token that is
 * not derived from the number, so nothing of the number reaches Privet.
 */
export async function tokenizeCard(_digits: string): Promise<string> {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `tok_${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
