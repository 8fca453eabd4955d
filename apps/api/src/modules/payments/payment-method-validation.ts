/**
 * Validation of a payment method (P-03). A card number pasted into any field never gets here:
 * the input guard refuses it as such (CARD_NUMBER_REJECTED) before any resolver runs
 * (validation/input-guard.ts). Each field is checked for its own shape; no message echoes a
 * value.
 */
import { cardExpiryProblems, type FieldProblems } from "@privet/domain/form-rules";
import * as validate from "../../validation/validate.js";
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

/** A processor token such as tok_1NvX…: a lowercase prefix, an underscore, then the id. */
const TOKEN = /^[a-z]{2,10}_[A-Za-z0-9_-]+$/;

export interface ValidPaymentMethod {
  readonly processorToken: string;
  readonly brand: CardBrand;
  readonly last4: string;
  readonly expiryMonth: number;
  readonly expiryYear: number;
}

/**
 * Every problem at once, in words (the expiry by the portal's own rule,
 * @privet/domain/form-rules). The token, brand and last four come from the card form's code,
 * not from what a person typed, but their messages are still words, never the field's name.
 */
export function validatePaymentMethod(input: PaymentMethodInput, now: Date): ValidPaymentMethod {
  const problems: FieldProblems = {};
  const processorToken = input.processorToken.trim();
  if (processorToken.length < 6 || processorToken.length > 100 || !TOKEN.test(processorToken)) {
    problems.processorToken =
      "The payment processor did not accept this card. Check the card number and try again.";
  }
  const brand = input.brand.trim().toLowerCase();
  if (!(CARD_BRANDS as readonly string[]).includes(brand)) {
    problems.brand = "We do not recognise this kind of card. Check the card number.";
  }
  const last4 = input.last4.trim();
  if (!/^\d{4}$/.test(last4)) {
    problems.last4 = "Check the card number: its last four characters must be digits.";
  }
  Object.assign(problems, cardExpiryProblems(input.expiryMonth, input.expiryYear, now));
  validate.noProblems(problems);
  const { expiryMonth, expiryYear } = input;
  return { processorToken, brand: brand as CardBrand, last4, expiryMonth, expiryYear };
}
