/**
 * My account: the email address and whether it is verified (an unverified address is not used
 * for marketing), changing it (confirmed from the new address) or the password (the current one
 * is required), and the sessions signed in now, with "Sign out everywhere else".
 */
import {
  AccountSettingsDocument,
  type AccountSettingsQuery,
  ChangePasswordDocument,
  RequestEmailChangeDocument,
  ResendEmailVerificationDocument,
  SignOutOtherSessionsDocument,
} from "@privet/client";
import { emailProblem, normalEmail } from "@privet/domain/form-rules";
import { PASSWORD_RULE, passwordProblem } from "@privet/domain/passwords";
import { ConfirmDialog } from "@privet/ui/confirm";
import { formErrorOf, formLevelMessage, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { formatDateTime } from "@privet/ui/format";
import { ErrorNotice, Loading, Notice } from "@privet/ui/states";
import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { RequireSignIn } from "./require-sign-in.js";

type Me = NonNullable<AccountSettingsQuery["me"]>;
type DeviceSession = Me["activeSessions"][number];

/** "Firefox on Linux"; what the browser did not say, in words. */
export function deviceInWords(session: Pick<DeviceSession, "browser" | "os">): string {
  const browser = session.browser && session.browser !== "Other" ? session.browser : null;
  const os = session.os && session.os !== "Other" ? session.os : null;
  if (browser && os) return `${browser} on ${os}`;
  if (browser) return `${browser} on an unknown system`;
  if (os) return `An unknown browser on ${os}`;
  return "An unknown browser";
}

function EmailSection({ me }: { me: Me }) {
  const [resent, resend] = useMutation(ResendEmailVerificationDocument);
  const resendError = formErrorOf(resent.error);
  return (
    <section aria-labelledby="email-heading">
      <h2 id="email-heading">Email address</h2>
      <p>
        <strong data-testid="account-email">{me.email}</strong>{" "}
        <span
          className={me.emailVerified ? "badge badge-ok" : "badge badge-warn"}
          data-testid="email-status"
        >
          {me.emailVerified ? "Verified" : "Unverified"}
        </span>
      </p>
      {!me.emailVerified && (
        <>
          <p>
            Please confirm your address with the link we emailed you. Until you do, you can use your
            account as usual, but we will not send marketing to this address.
          </p>
          {resent.data?.resendEmailVerification ? (
            <Notice>
              <span>We sent a new link to {me.email}. Earlier links no longer work.</span>
            </Notice>
          ) : (
            <button
              type="button"
              className="secondary"
              disabled={resent.fetching}
              onClick={() => resend({})}
            >
              {resent.fetching ? "Sending…" : "Send me a new link"}
            </button>
          )}
          {resendError && <ErrorNotice>{resendError.message}</ErrorNotice>}
        </>
      )}
      <ChangeEmailForm current={me.email ?? ""} />
    </section>
  );
}

const EMAIL_FIELDS = ["newEmail", "currentPassword"] as const;

function ChangeEmailForm({ current }: { current: string }) {
  const [result, request] = useMutation(RequestEmailChangeDocument);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string | null>>({});
  const error = formErrorOf(result.error);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const newEmail = String(form.get("newEmail") ?? "").trim();
    const currentPassword = String(form.get("currentPassword") ?? "");
    const found = {
      // The API's own rule (@privet/domain/form-rules), after the words for this form's cases.
      newEmail: !newEmail
        ? "Enter your new email address."
        : normalEmail(newEmail) === normalEmail(current)
          ? "This is already your email address."
          : emailProblem(newEmail),
      currentPassword: currentPassword ? null : "Enter your current password.",
    };
    setProblems(found);
    if (found.newEmail || found.currentPassword) return;
    const outcome = await request({ newEmail, currentPassword });
    if (!outcome.error) {
      setSentTo(newEmail);
      formElement.reset();
    }
  };

  return (
    <details className="account-form">
      <summary>Change my email address</summary>
      {sentTo && (
        <Notice>
          <span>
            We sent a link to {sentTo}. Your address changes when you open it (within 48 hours);
            until then you keep using {current}.
          </span>
        </Notice>
      )}
      <form onSubmit={submit} noValidate>
        <Field
          label="New email address"
          name="newEmail"
          type="email"
          autoComplete="email"
          required
          error={problems.newEmail ?? messageFor(error, "newEmail")}
        />
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={problems.currentPassword ?? messageFor(error, "currentPassword")}
        />
        {formLevelMessage(error, EMAIL_FIELDS) && (
          <ErrorNotice>{formLevelMessage(error, EMAIL_FIELDS)}</ErrorNotice>
        )}
        <button type="submit" disabled={result.fetching}>
          {result.fetching ? "Sending…" : "Send a confirmation link"}
        </button>
      </form>
    </details>
  );
}

const PASSWORD_FIELDS = ["currentPassword", "newPassword"] as const;

function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const [result, change] = useMutation(ChangePasswordDocument);
  const [problems, setProblems] = useState<Record<string, string | null>>({});
  const [changed, setChanged] = useState(false);
  const error = formErrorOf(result.error);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const currentPassword = String(form.get("currentPassword") ?? "");
    const newPassword = String(form.get("newPassword") ?? "");
    const found = {
      currentPassword: currentPassword ? null : "Enter your current password.",
      newPassword: passwordProblem(newPassword),
    };
    setProblems(found);
    setChanged(false);
    if (found.currentPassword || found.newPassword) return;
    const outcome = await change({ currentPassword, newPassword });
    if (!outcome.error) {
      setChanged(true);
      formElement.reset();
      onChanged();
    }
  };

  return (
    <section aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      {changed && (
        <Notice>
          <span>Your password is changed. You are signed out everywhere else.</span>
        </Notice>
      )}
      <details className="account-form">
        <summary>Change my password</summary>
        <form onSubmit={submit} noValidate>
          <Field
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            error={problems.currentPassword ?? messageFor(error, "currentPassword")}
          />
          <Field
            label="New password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            hint={PASSWORD_RULE}
            required
            error={problems.newPassword ?? messageFor(error, "newPassword")}
          />
          {formLevelMessage(error, PASSWORD_FIELDS) && (
            <ErrorNotice>{formLevelMessage(error, PASSWORD_FIELDS)}</ErrorNotice>
          )}
          <button type="submit" disabled={result.fetching}>
            {result.fetching ? "Saving…" : "Change password"}
          </button>
        </form>
      </details>
    </section>
  );
}

function SessionsSection({
  sessions,
  onEnded,
}: {
  sessions: readonly DeviceSession[];
  onEnded: () => void;
}) {
  const [result, signOutOthers] = useMutation(SignOutOtherSessionsDocument);
  const [confirming, setConfirming] = useState(false);
  const [ended, setEnded] = useState<number | null>(null);
  const others = sessions.filter((session) => !session.current);
  // This device first, then the others as the API orders them (most recently used first).
  const listed = [...sessions].sort((a, b) => Number(b.current) - Number(a.current));
  const error = formErrorOf(result.error);
  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you are signed in</h2>
      <ul className="session-list">
        {listed.map((session) => (
          <li key={session.id} data-testid="session">
            <strong>{deviceInWords(session)}</strong>
            {session.current && <span className="badge badge-ok">This device</span>}
            <br />
            <span className="hint">Last used {formatDateTime(session.lastSeenAt)}</span>
          </li>
        ))}
      </ul>
      {ended !== null && (
        <Notice>
          <span>
            {ended === 1
              ? "1 other session was signed out."
              : `${ended} other sessions were signed out.`}
          </span>
        </Notice>
      )}
      {others.length > 0 ? (
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          Sign out everywhere else
        </button>
      ) : (
        <p>You are not signed in anywhere else.</p>
      )}
      {confirming && (
        <ConfirmDialog
          title="Sign out everywhere else?"
          confirmLabel={
            others.length === 1
              ? "Sign out 1 other session"
              : `Sign out ${others.length} other sessions`
          }
          danger
          busy={result.fetching}
          error={error?.message ?? null}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            const outcome = await signOutOthers({});
            if (outcome.error) return;
            setEnded(outcome.data?.signOutOtherSessions ?? 0);
            setConfirming(false);
            onEnded();
          }}
        >
          <p>These will be signed out and need your password to sign in again:</p>
          <ul>
            {others.map((session) => (
              <li key={session.id}>
                {deviceInWords(session)}, last used {formatDateTime(session.lastSeenAt)}
              </li>
            ))}
          </ul>
          <p>You stay signed in on this device.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function AccountSettings() {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: AccountSettingsDocument });
  const refresh = () => reexecute({ requestPolicy: "network-only" });
  const me = data?.me;
  if (!me) {
    if (fetching) return <Loading what="your account" />;
    return (
      <ErrorNotice>{formErrorOf(error)?.message ?? "We could not load your account."}</ErrorNotice>
    );
  }
  return (
    <>
      <EmailSection me={me} />
      <ChangePasswordForm onChanged={refresh} />
      <SessionsSection sessions={me.activeSessions} onEnded={refresh} />
    </>
  );
}

export function AccountPage() {
  return (
    <RequireSignIn>
      <h1>My account</h1>
      <AccountSettings />
    </RequireSignIn>
  );
}
