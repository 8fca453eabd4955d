/**
 * Break-glass (P-12): a time-limited grant opening one customer's records about other people to
 * one staff member, citing a malfunction incident or a legal request. Reads under it are
 * audited and shown in that customer's access log; an expired grant stops working.
 */
import { GrantBreakGlassDocument, RevokeBreakGlassDocument } from "@privet/client";
import { ConfirmDialog } from "@privet/ui/confirm";
import { CopyableId } from "@privet/ui/copyable-id";
import { type FormError, formErrorOf, formLevelMessage, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { formatDateTime } from "@privet/ui/format";
import { ErrorNotice, Notice } from "@privet/ui/states";
import { type FormEvent, useState } from "react";
import { useActionMutation } from "../action-mutation.js";
import { CustomerPicker, LegalRequestPicker, StaffPicker } from "../pickers.js";
import { BreakGlassGrants } from "./break-glass-grants.js";

/** The longest grant the API allows (it refuses longer ones). */
const MAX_HOURS = 72;

/** The inputs this form has, so an error about any other is shown at the form's foot. */
const FIELDS = [
  "customerId",
  "staffUserId",
  "incidentRef",
  "legalRequestId",
  "justification",
  "expiresAt",
];

export function BreakGlassPage() {
  const [granted, grant] = useActionMutation(GrantBreakGlassDocument);
  const [revoked, revoke] = useActionMutation(RevokeBreakGlassDocument);
  // A duration that is no number of hours is caught here: it cannot be turned into an instant.
  const [badHours, setBadHours] = useState<FormError | null>(null);
  // What the grant cites depends on its reason: only that one's input is shown and sent.
  const [reason, setReason] = useState<"MALFUNCTION" | "LEGAL_REQUEST">("MALFUNCTION");
  // The names chosen, to say whom the grant concerns once it is made.
  const [names, setNames] = useState({ customer: "", staff: "" });
  const [confirmingRevoke, setConfirmingRevoke] = useState(false);
  const error = badHours ?? formErrorOf(granted.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const hours = Number(text("hours") || "4");
    const hoursOk = Number.isFinite(hours) && hours >= 1 && hours <= MAX_HOURS;
    setBadHours(hoursOk ? null : { field: "expiresAt", message: `From 1 to ${MAX_HOURS} hours.` });
    if (!hoursOk) return;
    // A grant cites one thing, the one its reason names: the API refuses a malfunction grant
    // that also cites a legal request, so a leftover entry in the other field is not sent.
    void grant({
      input: {
        customerId: text("customerId"),
        staffUserId: text("staffUserId"),
        reason,
        incidentRef: reason === "MALFUNCTION" ? text("incidentRef") || null : null,
        legalRequestId: reason === "LEGAL_REQUEST" ? text("legalRequestId") || null : null,
        justification: text("justification"),
        expiresAt: new Date(Date.now() + hours * 3_600_000).toISOString(),
      },
    });
  };
  const grantResult = granted.data?.grantBreakGlass;
  return (
    <>
      <h1>Break-glass access</h1>
      <form onSubmit={submit} noValidate>
        <CustomerPicker
          label="Customer"
          name="customerId"
          required
          onChange={(option) => setNames((n) => ({ ...n, customer: option?.label ?? "" }))}
          error={messageFor(error, "customerId")}
        />
        <StaffPicker
          label="Staff member (who may read)"
          name="staffUserId"
          required
          onChange={(option) => setNames((n) => ({ ...n, staff: option?.label ?? "" }))}
          error={messageFor(error, "staffUserId")}
        />
        <div className="field">
          <label htmlFor="reason">Reason</label>
          <select
            id="reason"
            name="reason"
            value={reason}
            onChange={(event) =>
              setReason(event.target.value === "LEGAL_REQUEST" ? "LEGAL_REQUEST" : "MALFUNCTION")
            }
          >
            <option value="MALFUNCTION">Malfunction incident</option>
            <option value="LEGAL_REQUEST">Legal request</option>
          </select>
        </div>
        {reason === "MALFUNCTION" ? (
          <Field
            label="Incident reference"
            name="incidentRef"
            error={messageFor(error, "incidentRef")}
          />
        ) : (
          <LegalRequestPicker
            label="Legal request"
            name="legalRequestId"
            openOnly
            required
            hint="Type part of its authority or reference."
            error={messageFor(error, "legalRequestId")}
          />
        )}
        <Field
          label="Justification"
          name="justification"
          required
          error={messageFor(error, "justification")}
        />
        <Field
          label="Hours until it expires"
          name="hours"
          type="number"
          min={1}
          max={MAX_HOURS}
          defaultValue={4}
          error={messageFor(error, "expiresAt")}
        />
        {formLevelMessage(error, FIELDS) && (
          <ErrorNotice>{formLevelMessage(error, FIELDS)}</ErrorNotice>
        )}
        <button type="submit" disabled={granted.fetching}>
          Grant
        </button>
      </form>
      {grantResult && (
        <Notice>
          <p>
            {names.staff && names.customer
              ? `${names.staff} may read ${names.customer}'s records about other people`
              : "Granted"}{" "}
            until {formatDateTime(grantResult.expiresAt)}.
          </p>
          <p>
            Grant id: <CopyableId id={grantResult.id} what="grant id" />
          </p>
          <button
            type="button"
            disabled={revoked.fetching || Boolean(revoked.data)}
            onClick={() => setConfirmingRevoke(true)}
          >
            {revoked.data ? "Revoked" : "Revoke now"}
          </button>
          {confirmingRevoke && (
            // Revoking is final (a new grant needs a new approval), so it is confirmed like
            // revoking from the list, naming whose access ends.
            <ConfirmDialog
              title="Revoke this break-glass grant?"
              confirmLabel="Revoke grant"
              busy={revoked.fetching}
              error={formErrorOf(revoked.error)?.message ?? null}
              danger
              onConfirm={async () => {
                const result = await revoke({ id: grantResult.id });
                if (!result.error) setConfirmingRevoke(false);
              }}
              onCancel={() => setConfirmingRevoke(false)}
            >
              <p>
                {names.staff || "The staff member"} loses access at once to the records{" "}
                {names.customer || "the customer"} holds about other people. A revoked grant cannot
                be reopened; a new one needs a new approval.
              </p>
            </ConfirmDialog>
          )}
        </Notice>
      )}
      <BreakGlassGrants key={`${grantResult?.id ?? ""}:${revoked.data ? "revoked" : ""}`} />
    </>
  );
}
