/**
 * The pages an emailed link opens, and the page that sends one: choosing a password with an
 * invitation's or a reset's one-time link (/set-password?token=…), and "forgot password"
 * (/forgot-password), which answers the same whether or not the address has an account.
 */
import { RequestStaffPasswordResetDocument, SetStaffPasswordDocument } from "@privet/client";
import { PASSWORD_RULE, passwordProblem } from "@privet/domain/passwords";
import { formErrorOf, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { Link } from "@privet/ui/router";
import { ErrorNotice, Notice } from "@privet/ui/states";
import { type FormEvent, useEffect, useState } from "react";
import { useMutation } from "urql";
import { SignInForm } from "./sign-in.js";

export function SetPasswordPage() {
  // Read once: the token leaves the address bar as soon as the page has it (history, screens).
  const [token] = useState(() => new URLSearchParams(window.location.search).get("token") ?? "");
  useEffect(() => {
    if (window.location.search) window.history.replaceState(null, "", "/set-password");
  }, []);
  const [result, setPassword] = useMutation(SetStaffPasswordDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const done = result.data?.setStaffPassword;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    const confirmation = String(form.get("confirmation") ?? "");
    const wrong =
      passwordProblem(password) ??
      (password === confirmation ? null : "The two passwords are not the same.");
    setProblem(wrong);
    if (wrong) return;
    await setPassword({ token, password });
  };

  if (done) {
    return (
      <>
        <h1>Password set</h1>
        <Notice>
          Your password is set.{" "}
          {done.secondFactorRequired
            ? "Sign in now: your role also sets up an authenticator app the first time."
            : "Sign in now."}
        </Notice>
        <SignInForm email={done.email} />
      </>
    );
  }
  const error = formErrorOf(result.error);
  return (
    <>
      <h1>Choose your password</h1>
      {!token ? (
        <ErrorNotice>
          This page opens from the link in your invitation or password-reset email.{" "}
          <Link href="/forgot-password">Ask for a new link</Link>.
        </ErrorNotice>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Choose your password">
          <Field
            label="New password"
            name="password"
            type="password"
            autoComplete="new-password"
            hint={PASSWORD_RULE}
            error={problem ?? messageFor(error, "password")}
            required
          />
          <Field
            label="New password again"
            name="confirmation"
            type="password"
            autoComplete="new-password"
            required
          />
          {error && !error.field && (
            <ErrorNotice>
              {error.message} <Link href="/forgot-password">Ask for a new link</Link>.
            </ErrorNotice>
          )}
          <button type="submit" disabled={result.fetching}>
            Set password
          </button>
        </form>
      )}
    </>
  );
}

export function ForgotPasswordPage() {
  const [result, request] = useMutation(RequestStaffPasswordResetDocument);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    void request({ email });
  };
  const error = formErrorOf(result.error);
  return (
    <>
      <h1>Forgot your password?</h1>
      {result.data ? (
        <Notice>
          If that address belongs to a staff account, we have emailed it a link to choose a new
          password. The link works once, for one hour.
        </Notice>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Forgot your password">
          <p>
            Enter your work email address and we will email you a link to choose a new password.
          </p>
          <Field
            label="Email address"
            name="email"
            type="email"
            autoComplete="username"
            error={messageFor(error, "email")}
            required
          />
          {error && !error.field && <ErrorNotice>{error.message}</ErrorNotice>}
          <button type="submit" disabled={result.fetching}>
            Email me a link
          </button>
        </form>
      )}
      <p>
        <Link href="/">Back to sign-in</Link>
      </p>
    </>
  );
}
