/**
 * Add or replace a card (P-03). The card number is typed into a field that is never sent to
 * Privet: the browser derives the brand and last four digits, and the payment processor's
 * tokenizer (stood in for here by `tokenizeCard`) turns the number into a token. Privet's API
 * receives only token, brand, last four and expiry — and refuses any input holding a full
 * card number.
 */
import { MyDataDocument, SetPaymentMethodDocument } from "@privet/client";
import { cardExpiryProblems } from "@privet/domain/form-rules";
import { formErrorOf, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { ErrorNotice, Loading, Notice } from "@privet/ui/states";
import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { brandOf, luhnValid, tokenizeCard } from "./card.js";
import { RequireSignIn } from "./require-sign-in.js";

export function PaymentPage() {
  return (
    <RequireSignIn>
      <Payment />
    </RequireSignIn>
  );
}

/** The form itself, for a signed-in customer (PaymentPage asks to sign in first). */
export function Payment() {
  const [{ data, fetching }, refetch] = useQuery({ query: MyDataDocument });
  const [saved, save] = useMutation(SetPaymentMethodDocument);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const current = data?.me?.paymentMethod;
  // The API's problems by the form's fields: the expiry's two, and what the card form derived
  // from the number (token, brand, last four) next to the number.
  const refused = formErrorOf(saved.error);
  const refusedFor = (...fields: string[]) =>
    fields.map((field) => messageFor(refused, field)).find(Boolean) ?? null;
  const cardNumberError =
    errors.cardNumber ?? refusedFor("cardNumber", "processorToken", "brand", "last4");
  const expiryError = errors.expiry ?? refusedFor("expiryMonth", "expiryYear");

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const digits = String(form.get("cardNumber") ?? "").replace(/[\s-]/g, "");
    const expiry = /^(\d{1,2})\s*\/\s*(\d{2})$/.exec(String(form.get("expiry") ?? "").trim());
    const found: Record<string, string> = {};
    if (!/^\d{13,19}$/.test(digits) || !luhnValid(digits))
      found.cardNumber = "Check the card number: it does not look right.";
    const expiryMonth = Number(expiry?.[1]);
    const expiryYear = 2000 + Number(expiry?.[2]);
    if (!expiry) found.expiry = "Enter the expiry as MM/YY, as printed on your card.";
    else {
      // The API's own rule (@privet/domain/form-rules): month 1–12, a year not past nor too far.
      const expiryProblems = cardExpiryProblems(expiryMonth, expiryYear, new Date());
      const problem = expiryProblems.expiryMonth ?? expiryProblems.expiryYear;
      if (problem) found.expiry = problem;
    }
    setErrors(found);
    const first = ["cardNumber", "expiry"].find((field) => found[field]);
    if (first) {
      formElement.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    const result = await save({
      input: {
        processorToken: await tokenizeCard(digits),
        brand: brandOf(digits),
        last4: digits.slice(-4),
        expiryMonth,
        expiryYear,
      },
    });
    if (!result.error) {
      formElement.reset();
      refetch({ requestPolicy: "network-only" });
    }
  };

  return (
    <>
      <h1>Payment method</h1>
      {fetching && !data ? (
        <Loading what="your card" />
      ) : current ? (
        <p data-testid="current-card">
          Your card: {current.brand} ending in {current.last4}, expires{" "}
          {String(current.expiryMonth).padStart(2, "0")}/{current.expiryYear}.
        </p>
      ) : (
        <p>You have no card on file.</p>
      )}
      {saved.data && (
        <Notice>
          <p>Your card was saved.</p>
        </Notice>
      )}
      <form onSubmit={submit} noValidate>
        <h2>{current ? "Replace your card" : "Add a card"}</h2>
        <p className="hint">
          Your full card number goes to our payment processor only. Privet keeps the brand, the last
          four digits and the expiry date.
        </p>
        <Field
          label="Card number"
          name="cardNumber"
          inputMode="numeric"
          autoComplete="cc-number"
          required
          error={cardNumberError}
        />
        <Field
          label="Expiry (MM/YY)"
          name="expiry"
          autoComplete="cc-exp"
          placeholder="MM/YY"
          required
          error={expiryError}
        />
        {refused && !refused.fields && <ErrorNotice>{refused.message}</ErrorNotice>}
        <button type="submit" disabled={saved.fetching}>
          Save card
        </button>
      </form>
    </>
  );
}
