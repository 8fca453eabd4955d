/**
 * Staff accounts, for administrators: invite a member (an emailed link to choose a password),
 * change a role, disable and re-enable, reset a lost authenticator. Changes that lock someone
 * out are confirmed first, naming the member and what happens; so are the emailed links an
 * administrator sends (the invitation again, or a password reset), naming the address. Every
 * change is a staff action.
 */
import {
  ChangeStaffRoleDocument,
  DisableStaffMemberDocument,
  EnableStaffMemberDocument,
  InviteStaffMemberDocument,
  ResendStaffInvitationDocument,
  ResetStaffSecondFactorDocument,
  SendStaffPasswordResetDocument,
  type StaffAccountRowFragment,
  StaffAccountsDocument,
  type StaffRole,
} from "@privet/client";
import { roleLabel } from "@privet/domain/labels";
import { STAFF_ROLES } from "@privet/domain/principals";
import { ConfirmDialog } from "@privet/ui/confirm";
import { formErrorOf, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { formatDate } from "@privet/ui/format";
import { Empty, ErrorNotice, Loading, Notice } from "@privet/ui/states";
import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";

type Member = StaffAccountRowFragment;

const STATUS_WORDS: Readonly<Record<Member["status"], string>> = {
  INVITED: "Invited — has not chosen a password yet",
  ACTIVE: "Active",
  DISABLED: "Disabled",
};

function secondFactorInWords(member: Member): string {
  if (member.secondFactor) return "Authenticator set up";
  return member.secondFactorRequired ? "Sets one up at next sign-in" : "Not needed";
}

export function StaffPage() {
  const [{ data, fetching, error }, reload] = useQuery({ query: StaffAccountsDocument });
  const members = data?.staffAccounts ?? [];
  // No cache between reads (graphql-client.ts): after a change the list is read again.
  const refresh = () => reload({ requestPolicy: "network-only" });
  return (
    <>
      <h1>Staff</h1>
      <InviteForm onInvited={refresh} />
      <h2>Members</h2>
      {error && <ErrorNotice>{formErrorOf(error)?.message}</ErrorNotice>}
      {fetching && !data ? (
        <Loading what="staff accounts" />
      ) : members.length === 0 ? (
        <Empty>No staff accounts yet.</Empty>
      ) : (
        <div className="table-scroll">
          <table className="stack-on-phone">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email address</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Second factor</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <MemberRow key={member.id} member={member} onChanged={refresh} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function InviteForm({ onInvited }: { onInvited: () => void }) {
  const [result, invite] = useMutation(InviteStaffMemberDocument);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const input = {
      name: String(form.get("name") ?? "").trim(),
      email: String(form.get("email") ?? "").trim(),
      role: String(form.get("role")) as StaffRole,
    };
    setSentTo(null);
    const outcome = await invite({ input });
    if (outcome.data) {
      setSentTo(`${input.name} (${input.email})`);
      formElement.reset();
      onInvited();
    }
  };
  const error = formErrorOf(result.error);
  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite a member</h2>
      <form className="inline-form" onSubmit={submit} noValidate aria-label="Invite a member">
        <Field
          label="Name"
          name="name"
          autoComplete="off"
          error={messageFor(error, "name")}
          required
        />
        <Field
          label="Email address"
          name="email"
          type="email"
          autoComplete="off"
          error={messageFor(error, "email")}
          required
        />
        <div className="field">
          <label htmlFor="invite-role">Role</label>
          <select id="invite-role" name="role" defaultValue="SUPPORT_AGENT">
            {STAFF_ROLES.map((role) => (
              <option key={role} value={role}>
                {roleLabel(role)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={result.fetching}>
          Send invitation
        </button>
      </form>
      {error && !error.field && <ErrorNotice>{error.message}</ErrorNotice>}
      {sentTo && (
        <Notice>
          Invitation emailed to {sentTo}. The link lets them choose a password within 7 days.
        </Notice>
      )}
    </section>
  );
}

type Pending =
  | { readonly kind: "disable" }
  | { readonly kind: "reset" }
  | { readonly kind: "role"; readonly role: StaffRole };

function MemberRow({ member, onChanged }: { member: Member; onChanged: () => void }) {
  const [pending, setPending] = useState<Pending | null>(null);
  const [changeRole, changeRoleNow] = useMutation(ChangeStaffRoleDocument);
  const [disable, disableNow] = useMutation(DisableStaffMemberDocument);
  const [enable, enableNow] = useMutation(EnableStaffMemberDocument);
  const [reset, resetNow] = useMutation(ResetStaffSecondFactorDocument);
  const [linkToSend, setLinkToSend] = useState<LinkKind | null>(null);
  const [sentLink, setSentLink] = useState<LinkKind | null>(null);
  const busy = changeRole.fetching || disable.fetching || enable.fetching || reset.fetching;
  const failure = [changeRole, disable, enable, reset]
    .map((r) => formErrorOf(r.error)?.message)
    .find(Boolean);

  const confirm = async () => {
    if (!pending) return;
    const id = member.id;
    const outcome =
      pending.kind === "disable"
        ? await disableNow({ id })
        : pending.kind === "reset"
          ? await resetNow({ id })
          : await changeRoleNow({ id, role: pending.role });
    setPending(null);
    if (!outcome.error) onChanged();
  };

  return (
    <tr data-status={member.status}>
      <th scope="row" data-label="Name">
        {member.name}
      </th>
      <td data-label="Email">{member.email}</td>
      <td data-label="Role">
        <label className="visually-hidden" htmlFor={`role-${member.id}`}>
          Role of {member.name}
        </label>
        <select
          id={`role-${member.id}`}
          value={pending?.kind === "role" ? pending.role : member.role}
          disabled={busy || member.status === "DISABLED"}
          onChange={(event) => {
            const role = event.target.value as StaffRole;
            setPending(role === member.role ? null : { kind: "role", role });
          }}
        >
          {STAFF_ROLES.map((role) => (
            <option key={role} value={role}>
              {roleLabel(role)}
            </option>
          ))}
        </select>
      </td>
      <td data-label="Status">
        {STATUS_WORDS[member.status]}
        {member.disabledAt && ` since ${formatDate(member.disabledAt)}`}
      </td>
      <td data-label="Two-step">{secondFactorInWords(member)}</td>
      <td data-label="Actions">
        {pending ? (
          <div className="confirm" aria-live="polite">
            <p>{pendingInWords(member, pending)}</p>
            <button type="button" onClick={confirm} disabled={busy}>
              Confirm
            </button>{" "}
            <button type="button" className="secondary" onClick={() => setPending(null)}>
              Cancel
            </button>
          </div>
        ) : (
          <div className="actions">
            {member.status === "DISABLED" ? (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={async () => {
                  if (!(await enableNow({ id: member.id })).error) onChanged();
                }}
              >
                Enable<span className="visually-hidden"> {member.name}</span>
              </button>
            ) : (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => setPending({ kind: "disable" })}
              >
                Disable<span className="visually-hidden"> {member.name}</span>
              </button>
            )}
            {member.status === "INVITED" && (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => setLinkToSend("invitation")}
              >
                Resend invitation<span className="visually-hidden"> to {member.name}</span>
              </button>
            )}
            {member.status === "ACTIVE" && (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => setLinkToSend("reset")}
              >
                Send password reset<span className="visually-hidden"> to {member.name}</span>
              </button>
            )}
            {member.secondFactor && (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => setPending({ kind: "reset" })}
              >
                Reset authenticator<span className="visually-hidden"> of {member.name}</span>
              </button>
            )}
          </div>
        )}
        {failure && <ErrorNotice>{failure}</ErrorNotice>}
        {sentLink && !linkToSend && (
          <Notice>
            {sentLink === "invitation"
              ? `New invitation emailed to ${member.email}.`
              : `Password-reset link emailed to ${member.email}.`}
          </Notice>
        )}
        {linkToSend && (
          <SendLinkDialog
            member={member}
            kind={linkToSend}
            onSent={() => {
              setSentLink(linkToSend);
              setLinkToSend(null);
              onChanged();
            }}
            onCancel={() => setLinkToSend(null)}
          />
        )}
      </td>
    </tr>
  );
}

type LinkKind = "invitation" | "reset";

/** Sending an emailed link, confirmed first: whom it goes to, at which address, what it does. */
function SendLinkDialog({
  member,
  kind,
  onSent,
  onCancel,
}: {
  readonly member: Member;
  readonly kind: LinkKind;
  readonly onSent: () => void;
  readonly onCancel: () => void;
}) {
  const [resend, resendNow] = useMutation(ResendStaffInvitationDocument);
  const [reset, resetNow] = useMutation(SendStaffPasswordResetDocument);
  const result = kind === "invitation" ? resend : reset;
  const send = async () => {
    const id = member.id;
    const outcome = kind === "invitation" ? await resendNow({ id }) : await resetNow({ id });
    if (!outcome.error) onSent();
  };
  return kind === "invitation" ? (
    <ConfirmDialog
      title={`Send ${member.name} a new invitation?`}
      confirmLabel="Send new invitation"
      busy={result.fetching}
      error={formErrorOf(result.error)?.message ?? null}
      onConfirm={send}
      onCancel={onCancel}
    >
      <p>
        An email goes to <strong>{member.email}</strong> with a new link to choose a password, valid
        for 7 days. The link in the earlier invitation stops working.
      </p>
    </ConfirmDialog>
  ) : (
    <ConfirmDialog
      title={`Send ${member.name} a password-reset link?`}
      confirmLabel="Send reset link"
      busy={result.fetching}
      error={formErrorOf(result.error)?.message ?? null}
      onConfirm={send}
      onCancel={onCancel}
    >
      <p>
        An email goes to <strong>{member.email}</strong> with a link to choose a new password, valid
        for one hour. Their current password works until they choose a new one; then they are signed
        out everywhere.
      </p>
    </ConfirmDialog>
  );
}

function pendingInWords(member: Member, pending: Pending): string {
  switch (pending.kind) {
    case "disable":
      return `Disable ${member.name}? They are signed out at once and cannot sign in until enabled again.`;
    case "reset":
      return `Remove ${member.name}'s authenticator app? They are signed out and set up a new one at their next sign-in.`;
    case "role":
      return `Make ${member.name} ${roleLabel(pending.role).toLowerCase()} instead of ${roleLabel(member.role).toLowerCase()}?`;
  }
}
