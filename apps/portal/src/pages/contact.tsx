/**
 * Contact: a question becomes a support request (P-19); visitors give a reply address. The
 * address the policy gives for questions is shown too, from the API's configuration.
 * Visitors can also sign up for the newsletter without an account (P-03), by double opt-in:
 * the consent is recorded when the emailed link is followed (newsletter-confirm.tsx). Signed-in customers
 * read their earlier questions here with the answers staff sent.
 */
import {
  ContactAddressDocument,
  SubmitSupportRequestDocument,
  SubscribeNewsletterDocument,
} from "@privet/client";
import { type FieldProblems, supportQuestionProblems } from "@privet/domain/form-rules";
import { formErrorOf, formLevelMessage, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { ErrorNotice, Notice } from "@privet/ui/states";
import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { useSession } from "../session.js";
import { MyQuestions } from "./my-questions.js";

const SUPPORT_FIELDS = ["subject", "message", "replyTo"] as const;

export function ContactPage() {
  const { me } = useSession();
  const [sent, submit] = useMutation(SubmitSupportRequestDocument);
  const [subscribed, subscribe] = useMutation(SubscribeNewsletterDocument);
  const [contact] = useQuery({ query: ContactAddressDocument });
  const address = contact.data?.contactAddress;
  // Every field is checked first, all at once, by the API's rule (@privet/domain/form-rules).
  const [problems, setProblems] = useState<FieldProblems>({});
  const apiError = formErrorOf(sent.error);
  const checked = Object.keys(problems).length > 0;
  const error = checked ? null : apiError;
  const problemOf = (field: string) => problems[field] ?? messageFor(error, field);

  const ask = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const input = {
      subject: text("subject"),
      message: text("message"),
      replyTo: me ? null : text("replyTo") || null,
    };
    const found = supportQuestionProblems(input, Boolean(me));
    setProblems(found);
    const first = SUPPORT_FIELDS.find((field) => found[field]);
    if (first) {
      formElement.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    void submit({ input });
  };
  const join = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void subscribe({ email: String(form.get("newsletterEmail") ?? "").trim() });
  };

  return (
    <>
      <h1>Contact us</h1>
      {address && (
        <p data-testid="contact-address">
          Write to us at <a href={`mailto:${address}`}>{address}</a>, or use the form below.
        </p>
      )}
      <section aria-labelledby="ask-title">
        <h2 id="ask-title">Ask a question</h2>
        {sent.data ? (
          <Notice>
            <p data-testid="support-received">
              Thank you. We received your question and will answer{" "}
              {me ? "in your account's email" : "at the address you gave"}.
            </p>
          </Notice>
        ) : (
          <form onSubmit={ask} noValidate>
            <Field
              label="Subject"
              name="subject"
              required
              maxLength={200}
              error={problemOf("subject")}
            />
            <div className={problemOf("message") ? "field field-invalid" : "field"}>
              <label htmlFor="message">Your question</label>
              <textarea
                id="message"
                name="message"
                required
                rows={6}
                maxLength={5000}
                aria-invalid={problemOf("message") ? true : undefined}
                aria-describedby={problemOf("message") ? "message-error" : undefined}
              />
              {problemOf("message") && (
                <p className="field-error" id="message-error">
                  {problemOf("message")}
                </p>
              )}
            </div>
            {!me && (
              <Field
                label="Your email address, for our answer"
                name="replyTo"
                type="email"
                autoComplete="email"
                required
                error={problemOf("replyTo")}
              />
            )}
            {formLevelMessage(error, SUPPORT_FIELDS) && (
              <ErrorNotice>{formLevelMessage(error, SUPPORT_FIELDS)}</ErrorNotice>
            )}
            <button type="submit" disabled={sent.fetching}>
              Send question
            </button>
          </form>
        )}
      </section>
      {me && (
        <section aria-labelledby="questions-title">
          <h2 id="questions-title">Earlier questions and our answers</h2>
          <MyQuestions />
        </section>
      )}
      {!me && (
        <section aria-labelledby="newsletter-title">
          <h2 id="newsletter-title">Newsletter</h2>
          <p>
            News about Privet once a month. No account needed; every email has a link to stop them.
          </p>
          {subscribed.data ? (
            <Notice>
              <p data-testid="newsletter-pending">
                Almost done: unless this address is already subscribed, we have sent it an email
                with a link. Open it and confirm to receive the newsletter; until then we send you
                nothing.
              </p>
            </Notice>
          ) : (
            <form onSubmit={join} noValidate>
              <Field
                label="Email address"
                name="newsletterEmail"
                type="email"
                autoComplete="email"
                required
                error={formErrorOf(subscribed.error)?.message ?? null}
              />
              <button type="submit" disabled={subscribed.fetching}>
                Sign up
              </button>
            </form>
          )}
        </section>
      )}
    </>
  );
}
