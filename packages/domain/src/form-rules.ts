/**
 * The rules of the customer's forms, in one place: the API's validation enforces them and the
 * portal checks them before sending, with the same words (no field's internal name, no value
 * echoed back). Each rule answers why a value is refused, or null when it is fine; the form
 * rules (`registrationProblems`, `cardExpiryProblems`) answer every problem at once, by the
 * input field's name, so a form shows each next to its field.
 */

import { passwordProblem } from "./passwords.js";
import { countryProblem, regionProblem } from "./places.js";

export const NAME_MAX_LENGTH = 200;
export const EMAIL_MAX_LENGTH = 254;

const EMAIL =
  /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export const EMAIL_PROBLEM = "Enter an email address like name@example.com.";

/** An email address as stored: trimmed and lowercased. */
export function normalEmail(value: string): string {
  return value.trim().toLowerCase();
}

export function emailProblem(value: string): string | null {
  const email = normalEmail(value);
  if (email === "") return "Enter your email address.";
  return email.length > EMAIL_MAX_LENGTH || !EMAIL.test(email) ? EMAIL_PROBLEM : null;
}

export function nameProblem(value: string): string | null {
  const name = value.trim();
  if (name === "") return "Enter your full name.";
  if (name.length > NAME_MAX_LENGTH) {
    return `Shorten your name to at most ${NAME_MAX_LENGTH} characters.`;
  }
  return null;
}

/** Problems by input field name; empty when every field is fine. */
export type FieldProblems = Partial<Record<string, string>>;

export interface RegistrationFields {
  readonly name: string;
  readonly email: string;
  readonly password: string;
  readonly country: string;
  readonly region?: string | null;
}

/** Every problem of a registration at once, by field: name, email, password, country, region. */
export function registrationProblems(input: RegistrationFields): FieldProblems {
  const problems: FieldProblems = {};
  const add = (field: string, problem: string | null) => {
    if (problem) problems[field] = problem;
  };
  add("name", nameProblem(input.name));
  add("email", emailProblem(input.email));
  add("password", passwordProblem(input.password));
  const country = countryProblem(input.country);
  add("country", country);
  if (!country) add("region", regionProblem(input.country, input.region));
  return problems;
}

/** Cards are issued for at most about twenty years. */
export const CARD_MAX_YEARS_AHEAD = 20;

/**
 * A card's expiry: month 1–12, year from this year to twenty years on, not before this month
 * (a card is valid to the end of its expiry month). Problems by `expiryMonth` / `expiryYear`.
 */
export function cardExpiryProblems(month: number, year: number, now: Date): FieldProblems {
  const problems: FieldProblems = {};
  const monthOk = Number.isInteger(month) && month >= 1 && month <= 12;
  if (!monthOk) problems.expiryMonth = "Enter the expiry month as a number from 01 to 12.";
  const thisYear = now.getUTCFullYear();
  const last = thisYear + CARD_MAX_YEARS_AHEAD;
  if (!Number.isInteger(year) || year < thisYear || year > last) {
    problems.expiryYear =
      Number.isInteger(year) && year < thisYear && year >= 1000
        ? "This card has expired."
        : `Enter the expiry year shown on your card, from ${thisYear} to ${last}.`;
  } else if (monthOk && year === thisYear && month < now.getUTCMonth() + 1) {
    problems.expiryMonth = "This card has expired.";
  }
  return problems;
}

export const SUBJECT_MAX_LENGTH = 200;
export const QUESTION_MAX_LENGTH = 5000;

export interface SupportQuestionFields {
  readonly subject: string;
  readonly message: string;
  readonly replyTo?: string | null;
}

/**
 * Every problem of a question to the company at once, by field: subject, message, replyTo. A
 * visitor must give a reply address; a signed-in customer is answered at their account's.
 */
export function supportQuestionProblems(
  input: SupportQuestionFields,
  signedIn: boolean,
): FieldProblems {
  const problems: FieldProblems = {};
  const subject = input.subject.trim();
  if (subject === "") problems.subject = "Enter a subject.";
  else if (subject.length > SUBJECT_MAX_LENGTH) {
    problems.subject = `Shorten the subject to at most ${SUBJECT_MAX_LENGTH} characters.`;
  }
  const message = input.message.trim();
  if (message === "") problems.message = "Write your question.";
  else if (message.length > QUESTION_MAX_LENGTH) {
    problems.message = "Shorten your question to at most 5,000 characters.";
  }
  const replyTo = input.replyTo?.trim() ?? "";
  if (replyTo !== "") {
    if (emailProblem(replyTo)) problems.replyTo = EMAIL_PROBLEM;
  } else if (!signedIn) {
    problems.replyTo = "Give an email address we can answer you at, or sign in.";
  }
  return problems;
}
