/**
 * Sign up and sign in. Signing up shows the policy version the customer accepts, with its
 * effective date, and afterwards the notice for customers outside the US (P-16).
 */
import { RegisterDocument, SignInDocument } from "@privet/client";
import { PASSWORD_RULE, passwordProblem } from "@privet/domain/passwords";
import { formErrorOf, formLevelMessage, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { formatDate } from "@privet/ui/format";
import { Link, navigate } from "@privet/ui/router";
import { ErrorNotice, Notice } from "@privet/ui/states";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { useSession } from "../session.js";

/** The countries we serve most, by ISO code; the API accepts any ISO 3166-1 alpha-2 code. */
const COUNTRIES: ReadonlyArray<readonly [string, string]> = [
  ["AT", "Austria"],
  ["BE", "Belgium"],
  ["CA", "Canada"],
  ["DK", "Denmark"],
  ["FI", "Finland"],
  ["FR", "France"],
  ["DE", "Germany"],
  ["IE", "Ireland"],
  ["IT", "Italy"],
  ["NL", "Netherlands"],
  ["NO", "Norway"],
  ["PL", "Poland"],
  ["PT", "Portugal"],
  ["ES", "Spain"],
  ["SE", "Sweden"],
  ["CH", "Switzerland"],
  ["GB", "United Kingdom"],
  ["US", "United States"],
];

const REGISTER_FIELDS = ["name", "email", "password", "country", "region"] as const;

export function SignUpPage() {
  const { data, refresh } = useSession();
  const [result, register] = useMutation(RegisterDocument);
  const [country, setCountry] = useState("");
  // The password rule is checked here first, with the same words the API would answer.
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const error = formErrorOf(result.error);
  const done = result.data?.register;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const password = String(form.get("password") ?? "");
    const problem = passwordProblem(password);
    setPasswordError(problem);
    if (problem) return;
    const outcome = await register({
      input: {
        name: text("name"),
        email: text("email"),
        password,
        country: text("country"),
        region: text("region") || null,
      },
    });
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
          error={messageFor(error, "name")}
        />
        <Field
          label="Email address"
          name="email"
          type="email"
          autoComplete="email"
          required
          error={messageFor(error, "email")}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={PASSWORD_RULE}
          required
          error={passwordError ?? messageFor(error, "password")}
        />
        <div className={messageFor(error, "country") ? "field field-invalid" : "field"}>
          <label htmlFor="country">Country you live in</label>
          <select
            id="country"
            name="country"
            required
            value={country}
            onChange={(event) => setCountry(event.target.value)}
            aria-invalid={messageFor(error, "country") ? true : undefined}
          >
            <option value="">Choose a country</option>
            {COUNTRIES.map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
          {messageFor(error, "country") && (
            <p className="field-error">{messageFor(error, "country")}</p>
          )}
        </div>
        {country === "US" && (
          <Field
            label="State (two letters, e.g. CA)"
            name="region"
            maxLength={2}
            error={messageFor(error, "region")}
          />
        )}
        {policy && (
          <p className="policy-accept">
            By creating an account you accept our <Link href="/policy">privacy policy</Link>,
            version {policy.version}, in force since {formatDate(policy.effectiveAt)}. We will ask
            before sending you marketing and you can change that at any time.
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
