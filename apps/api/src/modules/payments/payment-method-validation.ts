/**
 * Validation of a payment method (P-03). A card number pasted into any field never gets here:
 * the input guard refuses it as such (CARD_NUMBER_REJECTED) before any resolver runs
 * (validation/input-guard.ts). Each field is checked for its own shape; no message echoes a
 * value.
 */
import { badInput } from "../../errors/app-error.js";
import type { PaymentMethodInput } from "./payment-method.input.js";

export const CARD_BRANDS = [
  "visa",
  "mastercard",
  "amex",
  "discover",
  "jcb",
  "diners",
  "unionpay",
  "other",
] as const;
export type CardBrand = (typeof CARD_BRANDS)[number];

/** Cards are issued for at most about twenty years. */
const MAX_YEARS_AHEAD = 20;
/** A processor token such as tok_1NvX…: a lowercase prefix, an underscore, then the id. */
const TOKEN = /^[a-z]{2,10}_[A-Za-z0-9_-]+$/;

export interface ValidPaymentMethod {
  readonly processorToken: string;
  readonly brand: CardBrand;
  readonly last4: string;
  readonly expiryMonth: number;
  readonly expiryYear: number;
}

export function validatePaymentMethod(input: PaymentMethodInput, now: Date): ValidPaymentMethod {
  const processorToken = input.processorToken.trim();
  if (processorToken.length < 6 || processorToken.length > 100 || !TOKEN.test(processorToken)) {
    throw badInput(
      "processorToken",
      "processorToken must be the processor's token (like tok_…): 6–100 letters, digits, _ or -.",
    );
  }

  const brand = input.brand.trim().toLowerCase();
  if (!(CARD_BRANDS as readonly string[]).includes(brand)) {
    throw badInput("brand", `brand must be one of ${CARD_BRANDS.join(", ")}.`);
  }

  const last4 = input.last4.trim();
  if (!/^\d{4}$/.test(last4)) throw badInput("last4", "last4 must be exactly four digits.");

  const { expiryMonth, expiryYear } = input;
  if (!Number.isInteger(expiryMonth) || expiryMonth < 1 || expiryMonth > 12) {
    throw badInput("expiryMonth", "expiryMonth must be a month from 1 to 12.");
  }
  const thisYear = now.getUTCFullYear();
  if (
    !Number.isInteger(expiryYear) ||
    expiryYear < thisYear ||
    expiryYear > thisYear + MAX_YEARS_AHEAD
  ) {
    throw badInput(
      "expiryYear",
      `expiryYear must be a four-digit year from ${thisYear} to ${thisYear + MAX_YEARS_AHEAD}.`,
    );
  }
  // A card is valid to the end of its expiry month.
  if (expiryYear === thisYear && expiryMonth < now.getUTCMonth() + 1) {
    throw badInput("expiryMonth", "This card has expired.");
  }

  return { processorToken, brand: brand as CardBrand, last4, expiryMonth, expiryYear };
}
