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
  type StaffAccountOrder,
  StaffAccountPageDocument,
  type StaffAccountRowFragment,
  type StaffRole,
} from "@privet/client";
import { roleLabel } from "@privet/domain/labels";
import { STAFF_ROLES } from "@privet/domain/principals";
import { ConfirmDialog } from "@privet/ui/confirm";
import { DataTable } from "@privet/ui/data-table";
import { formErrorOf, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { formatDate } from "@privet/ui/format";
import { ErrorNotice, Loading, Notice } from "@privet/ui/states";
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

/** Rows per page of the member list (the API pages it: keyset, newest first or by name). */
export const STAFF_PAGE_SIZE = 25;

const ORDER_WORDS: Readonly<Record<StaffAccountOrder, string>> = {
  NEWEST: "Newest first",
  NAME: "By name",
};

export function StaffPage() {
  const [order, setOrder] = useState<StaffAccountOrder>("NEWEST");
  const [search, setSearch] = useState("");
  // The cursors of the pages before this one: Previous goes back without asking the API to.
  const [cursors, setCursors] = useState<readonly (string | null)[]>([null]);
  const after = cursors.at(-1) ?? null;
  const [{ data, fetching, error }, reload] = useQuery({
    query: StaffAccountPageDocument,
    variables: { order, search, first: STAFF_PAGE_SIZE, after },
  });
  const page = data?.staffAccountPage;
  // No cache between reads (graphql-client.ts): after a change the page is read again.
  const refresh = () => reload({ requestPolicy: "network-only" });
  const restart = () => setCursors([null]);
  const submitSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSearch(String(new FormData(event.currentTarget).get("search") ?? "").trim());
    restart();
  };
  const pageNumber = cursors.length;
  return (
    <>
      <h1>Staff</h1>
      <InviteForm
        onInvited={() => {
          // The newest first page shows whom was just invited.
          if (order === "NEWEST" && search === "" && pageNumber === 1) refresh();
          else {
            setOrder("NEWEST");
            setSearch("");
            restart();
          }
        }}
      />
      <h2>Members</h2>
      <form aria-label="Find a member" className="inline-form" onSubmit={submitSearch}>
        <label htmlFor="staff-search">Name or email address</label>
        <input id="staff-search" name="search" type="search" defaultValue={search} />
        <button type="submit" className="secondary">
          Search
        </button>
        <label>
          Order
          <select
            value={order}
            onChange={(event) => {
              setOrder(event.target.value as StaffAccountOrder);
              restart();
            }}
          >
            {(Object.keys(ORDER_WORDS) as StaffAccountOrder[]).map((value) => (
              <option key={value} value={value}>
                {ORDER_WORDS[value]}
              </option>
            ))}
          </select>
        </label>
      </form>
      {error && <ErrorNotice>{formErrorOf(error)?.message}</ErrorNotice>}
      {fetching && !data ? (
        <Loading what="staff accounts" />
      ) : page ? (
        <>
          <DataTable
            label={search ? `Members matching “${search}”` : "Members"}
            rows={page.nodes}
            rowKey={(member) => member.id}
            rowProps={(member) => ({ "data-status": member.status })}
            empty={
              search
                ? `No member’s name or email address contains “${search}”.`
                : "No staff accounts yet."
            }
            columns={[
              {
                key: "name",
                header: "Name",
                cell: (member) => (
                  <>
                    <strong>{member.name}</strong>
                    <br />
                    <span className="hint">Invited {formatDate(member.createdAt)}</span>
                  </>
                ),
              },
              { key: "email", header: "Email", cell: (member) => member.email },
              {
                key: "role",
                header: "Role",
                cell: (member) => <RoleCell member={member} onChanged={refresh} />,
              },
              {
                key: "status",
                header: "Status",
                cell: (member) => (
                  <>
                    {STATUS_WORDS[member.status]}
                    {member.disabledAt && ` since ${formatDate(member.disabledAt)}`}
                  </>
                ),
              },
              { key: "secondFactor", header: "Two-step", cell: secondFactorInWords },
              {
                key: "actions",
                header: "Actions",
                cell: (member) => <MemberActions member={member} onChanged={refresh} />,
              },
            ]}
          />
          {(pageNumber > 1 || page.pageInfo.hasNextPage) && (
            <nav className="pager" aria-label="Members: pages">
              <button
                type="button"
                className="secondary"
                disabled={pageNumber === 1 || fetching}
                onClick={() => setCursors((was) => was.slice(0, -1))}
              >
                Previous
              </button>
              <p aria-live="polite">Page {pageNumber}</p>
              <button
                type="button"
                className="secondary"
                disabled={!page.pageInfo.hasNextPage || fetching}
                onClick={() => {
                  const next = page.pageInfo.endCursor;
                  if (next) setCursors((was) => [...was, next]);
                }}
              >
                Next
              </button>
            </nav>
          )}
        </>
      ) : null}
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

type Pending = { readonly kind: "disable" } | { readonly kind: "reset" };

/** The member's role, changed only after a confirmation in words. */
function RoleCell({ member, onChanged }: { member: Member; onChanged: () => void }) {
  const [role, setRole] = useState<StaffRole | null>(null);
  const [changeRole, changeRoleNow] = useMutation(ChangeStaffRoleDocument);
  const confirm = async () => {
    if (!role) return;
    const outcome = await changeRoleNow({ id: member.id, role });
    setRole(null);
    if (!outcome.error) onChanged();
  };
  const failure = formErrorOf(changeRole.error)?.message;
  return (
    <>
      <label className="visually-hidden" htmlFor={`role-${member.id}`}>
        Role of {member.name}
      </label>
      <select
        id={`role-${member.id}`}
        value={role ?? member.role}
        disabled={changeRole.fetching || member.status === "DISABLED"}
        onChange={(event) => {
          const chosen = event.target.value as StaffRole;
          setRole(chosen === member.role ? null : chosen);
        }}
      >
        {STAFF_ROLES.map((value) => (
          <option key={value} value={value}>
            {roleLabel(value)}
          </option>
        ))}
      </select>
      {role && (
        <div className="confirm" aria-live="polite">
          <p>
            Make {member.name} {roleLabel(role).toLowerCase()} instead of{" "}
            {roleLabel(member.role).toLowerCase()}?
          </p>
          <button type="button" onClick={confirm} disabled={changeRole.fetching}>
            Confirm
          </button>{" "}
          <button type="button" className="secondary" onClick={() => setRole(null)}>
            Cancel
          </button>
        </div>
      )}
      {failure && <ErrorNotice>{failure}</ErrorNotice>}
    </>
  );
}

/** Disable or enable, reset the authenticator, send a link: each confirmed first. */
function MemberActions({ member, onChanged }: { member: Member; onChanged: () => void }) {
  const [pending, setPending] = useState<Pending | null>(null);
  const [disable, disableNow] = useMutation(DisableStaffMemberDocument);
  const [enable, enableNow] = useMutation(EnableStaffMemberDocument);
  const [reset, resetNow] = useMutation(ResetStaffSecondFactorDocument);
  const [linkToSend, setLinkToSend] = useState<LinkKind | null>(null);
  const [sentLink, setSentLink] = useState<LinkKind | null>(null);
  const busy = disable.fetching || enable.fetching || reset.fetching;
  const failure = [disable, enable, reset].map((r) => formErrorOf(r.error)?.message).find(Boolean);

  const confirm = async () => {
    if (!pending) return;
    const id = member.id;
    const outcome = pending.kind === "disable" ? await disableNow({ id }) : await resetNow({ id });
    setPending(null);
    if (!outcome.error) onChanged();
  };

  return (
    <>
      {pending ? (
        <div className="confirm" aria-live="polite">
          <p>
            {pending.kind === "disable"
              ? `Disable ${member.name}? They are signed out at once and cannot sign in until enabled again.`
              : `Remove ${member.name}'s authenticator app? They are signed out and set up a new one at their next sign-in.`}
          </p>
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
    </>
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
