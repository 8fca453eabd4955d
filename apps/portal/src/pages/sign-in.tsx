/**
 * Sign up and sign in. Signing up shows the policy version the customer accepts, with its
 * effective date, and afterwards the notice for customers outside the US (P-16).
 */
import { RegisterDocument, SignInDocument } from "@privet/client";
import { type FieldProblems, registrationProblems } from "@privet/domain/form-rules";
import { PASSWORD_RULE } from "@privet/domain/passwords";
import { formErrorOf, formLevelMessage, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { formatDate } from "@privet/ui/format";
import { Link, navigate } from "@privet/ui/router";
import { ErrorNotice, Notice } from "@privet/ui/states";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { CountryField, StateField } from "../components/place-fields.js";
import { useSession } from "../session.js";

const REGISTER_FIELDS = ["name", "email", "password", "country", "region"] as const;

export function SignUpPage() {
  const { data, refresh } = useSession();
  const [result, register] = useMutation(RegisterDocument);
  const [country, setCountry] = useState("");
  // Every field is checked here first, all at once, by the rules the API applies
  // (@privet/domain/form-rules) and in its words; the API's answer fills in the rest.
  const [problems, setProblems] = useState<FieldProblems>({});
  const error = formErrorOf(result.error);
  // While the form's own check finds problems, nothing was sent: an earlier answer is stale.
  const checked = Object.keys(problems).length > 0;
  const problemOf = (field: string) =>
    checked ? (problems[field] ?? null) : messageFor(error, field);
  const done = result.data?.register;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const input = {
      name: text("name"),
      email: text("email"),
      password: String(form.get("password") ?? ""),
      country: text("country"),
      region: text("region") || null,
    };
    const found = registrationProblems(input);
    setProblems(found);
    const first = REGISTER_FIELDS.find((field) => found[field]);
    if (first) {
      formElement.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    const outcome = await register({ input });
    if (!outcome.error) refresh();
  };

  if (done) {
    return (
      <>
        <h1>Welcome to Privet</h1>
        <p>Your account is ready.</p>
        <p data-testid="verify-email-sent">
          We sent a link to your email address: open it to confirm the address is yours. Until then
          you can use your account as usual, but we will not send you marketing.
        </p>
        {done.policyVersion && done.policyEffectiveAt && (
          <p>
            You accepted privacy policy version {done.policyVersion}, in force since{" "}
            {formatDate(done.policyEffectiveAt)}.
          </p>
        )}
        {done.jurisdictionNotice && (
          <Notice>
            <p data-testid="jurisdiction-notice">{done.jurisdictionNotice}</p>
          </Notice>
        )}
        <p>
          <Link href="/consents">Review my consents</Link> ·{" "}
          <Link href="/my-data">See my data</Link>
        </p>
      </>
    );
  }

  const policy = data?.policy;
  return (
    <>
      <h1>Create your account</h1>
      <form onSubmit={submit} noValidate>
        <Field
          label="Full name"
          name="name"
          autoComplete="name"
          required
          maxLength={200}
          error={problemOf("name")}
        />
        <Field
          label="Email address"
          name="email"
          type="email"
          autoComplete="email"
          required
          error={problemOf("email")}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={PASSWORD_RULE}
          required
          error={problemOf("password")}
        />
        <CountryField
          name="country"
          required
          value={country}
          onChange={(event) => setCountry(event.target.value)}
          error={problemOf("country")}
        />
        {country === "US" && <StateField name="region" required error={problemOf("region")} />}
        {policy && (
          <p className="policy-accept">
            By creating an account you accept our <Link href="/policy">privacy policy</Link>,
            version {policy.version}, in force since {formatDate(policy.effectiveAt)}. As the policy
            says, creating an account also records your consent to our marketing emails. To stop
            them, use the one-click unsubscribe link in any of them, no sign-in needed, or withdraw
            the consent in My consents at any time.
          </p>
        )}
        {formLevelMessage(error, REGISTER_FIELDS) && (
          <ErrorNotice>{formLevelMessage(error, REGISTER_FIELDS)}</ErrorNotice>
        )}
        <button type="submit" disabled={result.fetching}>
          {result.fetching ? "Creating your account…" : "Create account"}
        </button>
      </form>
      <p>
        Already have an account? <Link href="/sign-in">Sign in</Link>.
      </p>
    </>
  );
}

export function SignInPage() {
  const { refresh } = useSession();
  const [result, signIn] = useMutation(SignInDocument);
  const error = formErrorOf(result.error);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const outcome = await signIn({
      email: String(form.get("email") ?? "").trim(),
      password: String(form.get("password") ?? ""),
    });
    if (!outcome.error) {
      refresh();
      navigate("/my-data");
    }
  };

  return (
    <>
      <h1>Sign in</h1>
      <form onSubmit={submit} noValidate>
        <Field label="Email address" name="email" type="email" autoComplete="email" required />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        {error && <ErrorNotice>{error.message}</ErrorNotice>}
        <button type="submit" disabled={result.fetching}>
          {result.fetching ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p>
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New here? <Link href="/sign-up">Create an account</Link>.
      </p>
    </>
  );
}
