/**
 * Break-glass (P-12): a time-limited grant opening one customer's records about other people to
 * one staff member, citing a malfunction incident or a legal request. Reads under it are
 * audited and shown in that customer's access log; an expired grant stops working.
 */
import { GrantBreakGlassDocument, RevokeBreakGlassDocument } from "@privet/client";
import { formErrorOf, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { formatDateTime } from "@privet/ui/format";
import { ErrorNotice, Notice } from "@privet/ui/states";
import type { FormEvent } from "react";
import { useMutation } from "urql";

export function BreakGlassPage() {
  const [granted, grant] = useMutation(GrantBreakGlassDocument);
  const [revoked, revoke] = useMutation(RevokeBreakGlassDocument);
  const error = formErrorOf(granted.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const hours = Number(text("hours") || "4");
    void grant({
      input: {
        customerId: text("customerId"),
        staffUserId: text("staffUserId"),
        reason: text("reason") === "LEGAL_REQUEST" ? "LEGAL_REQUEST" : "MALFUNCTION",
        incidentRef: text("incidentRef") || null,
        legalRequestId: text("legalRequestId") || null,
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
        <Field
          label="Customer ID"
          name="customerId"
          required
          error={messageFor(error, "customerId")}
        />
        <Field
          label="Staff member ID (who may read)"
          name="staffUserId"
          required
          error={messageFor(error, "staffUserId")}
        />
        <div className="field">
          <label htmlFor="reason">Reason</label>
          <select id="reason" name="reason">
            <option value="MALFUNCTION">Malfunction incident</option>
            <option value="LEGAL_REQUEST">Legal request</option>
          </select>
        </div>
        <Field
          label="Incident reference"
          name="incidentRef"
          error={messageFor(error, "incidentRef")}
        />
        <Field
          label="Legal request ID"
          name="legalRequestId"
          error={messageFor(error, "legalRequestId")}
        />
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
          max={72}
          defaultValue={4}
        />
        {error && !error.field && <ErrorNotice>{error.message}</ErrorNotice>}
        <button type="submit" disabled={granted.fetching}>
          Grant
        </button>
      </form>
      {grantResult && (
        <Notice>
          <p>
            Grant {grantResult.id.slice(0, 8)}… active until {formatDateTime(grantResult.expiresAt)}
            .
          </p>
          <button
            type="button"
            disabled={revoked.fetching}
            onClick={() => revoke({ id: grantResult.id })}
          >
            {revoked.data ? "Revoked" : "Revoke now"}
          </button>
        </Notice>
      )}
    </>
  );
}
