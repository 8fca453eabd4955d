/**
 * The pages an emailed one-time link opens, and the "Forgot your password?" form that sends one.
 * The token is read from the address once and then removed from it (history.replaceState), so
 * it does not stay in the browser's history; nothing happens until the person presses the
 * button, so a mail scanner that opens the link uses nothing up.
 */
import {
  ConfirmEmailDocument,
  RequestPasswordResetDocument,
  ResetPasswordDocument,
} from "@privet/client";
import { emailProblem } from "@privet/domain/form-rules";
import { PASSWORD_RULE, passwordProblem } from "@privet/domain/passwords";
import { formErrorOf, formLevelMessage, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { Link } from "@privet/ui/router";
import { ErrorNotice, Notice } from "@privet/ui/states";
import { type FormEvent, useEffect, useState } from "react";
import { useMutation } from "urql";
import { useSession } from "../session.js";

/** The link's token, taken out of the address bar as the page first renders. */
function useLinkToken(): string {
  const [token] = useState(() => new URLSearchParams(window.location.search).get("token") ?? "");
  // Once the page is shown (a render React throws away must not lose the token first).
  useEffect(() => {
    if (token) window.history.replaceState(window.history.state, "", window.location.pathname);
  }, [token]);
  return token;
}

function NoToken({ what }: { what: string }) {
  return (
    <>
      <p>
        This page opens from the link in the email we sent you, and this address has no link in it.
      </p>
      <p>{what}</p>
    </>
  );
}

export function VerifyEmailPage() {
  const token = useLinkToken();
  const { me, refresh } = useSession();
  const [result, confirm] = useMutation(ConfirmEmailDocument);
  const error = formErrorOf(result.error);
  const done = result.data?.confirmEmail;

  if (done) {
    return (
      <>
        <h1>
          {done.changed ? "Your email address is changed" : "Your email address is confirmed"}
        </h1>
        <p>
          {done.changed
            ? "From now on we write to your new address, and you sign in with it. We told your old address about the change."
            : "Thank you. Your address is verified."}
        </p>
        <p>
          {me ? (
            <Link href="/account">Back to my account</Link>
          ) : (
            <Link href="/sign-in">Sign in</Link>
          )}
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Confirm your email address</h1>
      {token ? (
        <>
          <p>Press the button to confirm that this email address is yours.</p>
          {error && <ErrorNotice>{error.message}</ErrorNotice>}
          <button
            type="button"
            disabled={result.fetching}
            onClick={async () => {
              const outcome = await confirm({ token });
              if (!outcome.error) refresh();
            }}
          >
            {result.fetching ? "Confirming…" : "Confirm my email address"}
          </button>
        </>
      ) : (
        <NoToken what="Signed in, you can ask for a new link on your account page." />
      )}
    </>
  );
}

export function ForgotPasswordPage() {
  const [result, request] = useMutation(RequestPasswordResetDocument);
  const [email, setEmail] = useState("");
  const [emailError, setEmailError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const error = formErrorOf(result.error);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = email.trim()
      ? emailProblem(email)
      : "Enter the email address you signed up with.";
    setEmailError(problem);
    if (problem) return;
    const outcome = await request({ email: email.trim() });
    setSent(Boolean(outcome.data?.requestPasswordReset));
  };

  if (sent) {
    return (
      <>
        <h1>Check your email</h1>
        <p>
          If <strong>{email.trim()}</strong> belongs to a Privet account, we have sent it a link to
          choose a new password. The link works once, for one hour.
        </p>
        <p>Nothing arrived after a few minutes? Check your spam folder, or try again.</p>
        <button type="button" className="secondary" onClick={() => setSent(false)}>
          Try again
        </button>
      </>
    );
  }
  return (
    <>
      <h1>Forgot your password?</h1>
      <p>Enter your email address and we will send you a link to choose a new password.</p>
      <form onSubmit={submit} noValidate>
        <Field
          label="Email address"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={emailError ?? messageFor(error, "email")}
        />
        {formLevelMessage(error, ["email"]) && (
          <ErrorNotice>{formLevelMessage(error, ["email"])}</ErrorNotice>
        )}
        <button type="submit" disabled={result.fetching}>
          {result.fetching ? "Sending…" : "Send me a link"}
        </button>
      </form>
      <p>
        Remembered it? <Link href="/sign-in">Sign in</Link>.
      </p>
    </>
  );
}

export function ResetPasswordPage() {
  const token = useLinkToken();
  const [result, reset] = useMutation(ResetPasswordDocument);
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const error = formErrorOf(result.error);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    const problem = passwordProblem(password);
    setPasswordError(problem);
    if (!problem) await reset({ token, password });
  };

  if (result.data?.resetPassword) {
    return (
      <>
        <h1>Your password is changed</h1>
        <p>You are signed out everywhere else. Sign in with your new password.</p>
        <p>
          <Link href="/sign-in">Sign in</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Choose a new password</h1>
      {token ? (
        <form onSubmit={submit} noValidate>
          <Field
            label="New password"
            name="password"
            type="password"
            autoComplete="new-password"
            hint={PASSWORD_RULE}
            required
            error={passwordError ?? messageFor(error, "password")}
          />
          {formLevelMessage(error, ["password"]) && (
            <ErrorNotice>
              {formLevelMessage(error, ["password"])}{" "}
              <Link href="/forgot-password">Ask for a new link</Link>.
            </ErrorNotice>
          )}
          <button type="submit" disabled={result.fetching}>
            {result.fetching ? "Saving…" : "Save new password"}
          </button>
        </form>
      ) : (
        <NoToken what="You can ask for a new link from the sign-in page." />
      )}
      {!token && (
        <Notice>
          <Link href="/forgot-password">Ask for a new link</Link>
        </Notice>
      )}
    </>
  );
}
