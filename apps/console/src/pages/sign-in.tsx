/**
 * Staff sign-in, in steps: email and password; then, for the roles that need it, the
 * authenticator app's code — or, the first time, setting the app up (its secret shown as a QR
 * code, as text and as an otpauth:// link) and confirming it with a code. Signed out, this page also serves
 * the emailed links' pages (set-password.tsx) and "forgot password".
 */
import { BeginStaffTotpEnrolmentDocument, StaffSignInDocument } from "@privet/client";
import { formErrorOf } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { Link, navigate, usePath } from "@privet/ui/router";
import { ErrorNotice } from "@privet/ui/states";
import { type FormEvent, lazy, Suspense, useState } from "react";
import { useMutation } from "urql";
import { useStaffSession } from "../session.js";
import { ForgotPasswordPage, SetPasswordPage } from "./set-password.js";

/** The QR code's encoder, fetched only when a member sets up their app (not on every load). */
const TotpQrCode = lazy(() => import("./totp-qr-code.js"));

type Step =
  | { readonly kind: "password" }
  | { readonly kind: "code"; readonly email: string; readonly password: string }
  | {
      readonly kind: "enrol";
      readonly email: string;
      readonly password: string;
      readonly secret: string;
      readonly otpauthUri: string;
    };

/** Pages for signed-out members that signing in leaves. */
const ACCOUNT_PAGES = new Set(["/set-password", "/forgot-password"]);

export function SignInPage() {
  const path = usePath();
  if (path === "/set-password") return <SetPasswordPage />;
  if (path === "/forgot-password") return <ForgotPasswordPage />;
  return (
    <>
      <h1>Staff sign-in</h1>
      <SignInForm />
    </>
  );
}

/** The steps of signing in; `email` fills the address in (after choosing a password). */
export function SignInForm({ email: knownEmail = "" }: { readonly email?: string }) {
  const { refresh } = useStaffSession();
  const [step, setStep] = useState<Step>({ kind: "password" });
  const [result, signIn] = useMutation(StaffSignInDocument);
  const [enrolment, beginEnrolment] = useMutation(BeginStaffTotpEnrolmentDocument);
  const [shownError, setShownError] = useState<string | null>(null);

  const attempt = async (email: string, password: string, totpCode: string | null) => {
    setShownError(null);
    const outcome = await signIn({ email, password, totpCode });
    if (!outcome.error) {
      // Signed in from an account page (an emailed link's): on to the console's home.
      if (ACCOUNT_PAGES.has(window.location.pathname)) navigate("/");
      return refresh();
    }
    const code = outcome.error.graphQLErrors[0]?.extensions?.code;
    if (code === "TOTP_REQUIRED" && step.kind === "password") {
      setStep({ kind: "code", email, password });
    } else if (code === "TOTP_ENROLMENT_REQUIRED" && step.kind === "password") {
      const started = await beginEnrolment({ email, password });
      const data = started.data?.beginStaffTotpEnrolment;
      if (data) setStep({ kind: "enrol", email, password, ...data });
      else setShownError(formErrorOf(started.error)?.message ?? "Something went wrong.");
    } else {
      setShownError(formErrorOf(outcome.error)?.message ?? "Something went wrong.");
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    if (step.kind === "password") {
      void attempt(text("email").trim(), text("password"), null);
    } else {
      void attempt(step.email, step.password, text("code").replace(/\s/g, ""));
    }
  };
  const busy = result.fetching || enrolment.fetching;

  return (
    <form onSubmit={submit} noValidate aria-label="Sign in">
      {step.kind === "password" ? (
        <>
          <Field
            label="Email address"
            name="email"
            type="email"
            autoComplete="username"
            defaultValue={knownEmail}
            required
          />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
          />
        </>
      ) : (
        <>
          {step.kind === "enrol" && <Enrolment secret={step.secret} otpauthUri={step.otpauthUri} />}
          {step.kind === "code" && (
            <p>Your role signs in with an authenticator app as well as a password.</p>
          )}
          <Field
            label="Authentication code"
            hint="The 6 digits your authenticator app shows now."
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]*"
            maxLength={7}
            required
            // The step's only field: focused when it appears, as the password's next step.
            autoFocus
          />
        </>
      )}
      {shownError && <ErrorNotice>{shownError}</ErrorNotice>}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {step.kind === "enrol" ? "Confirm and sign in" : "Sign in"}
        </button>
        {step.kind === "password" ? (
          <Link href="/forgot-password">Forgot your password?</Link>
        ) : (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setShownError(null);
              setStep({ kind: "password" });
            }}
          >
            Start again
          </button>
        )}
      </div>
    </form>
  );
}

/** Setting up the authenticator: a QR code to scan, the secret to type in, or the link a phone opens. */
function Enrolment({ secret, otpauthUri }: { secret: string; otpauthUri: string }) {
  return (
    <section aria-labelledby="enrol-heading">
      <h2 id="enrol-heading">Set up your authenticator app</h2>
      <p>
        Your role signs in with a code from an authenticator app (any app for time-based codes) as
        well as your password. Add this account to the app by scanning the QR code, typing the key
        below, or opening the link on the phone that has the app. Then enter the code it shows.
      </p>
      <Suspense fallback={<p className="hint">Drawing the QR code…</p>}>
        <TotpQrCode uri={otpauthUri} />
      </Suspense>
      <p>
        Key: <code className="totp-secret">{secret.replace(/(.{4})/g, "$1 ").trim()}</code>
      </p>
      <p>
        <a href={otpauthUri}>Open in an authenticator app</a>
      </p>
      <p className="hint">Keep the key to yourself: anyone who has it can make your codes.</p>
    </section>
  );
}
