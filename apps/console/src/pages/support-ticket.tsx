/**
 * One support ticket (P-19): the question and its thread, read under SUPPORT with the ticket
 * itself as reference; a reply (emailed through the outbox, and shown to the customer in the
 * portal); assignment by name or to oneself; close and reopen. Buttons follow the actions the
 * API says the ticket's state allows, and every action carries SUPPORT and the ticket's
 * reference into the staff action log.
 */
import {
  AssignSupportRequestDocument,
  CloseSupportRequestDocument,
  ReopenSupportRequestDocument,
  ReplyToSupportRequestDocument,
  type SupportAction,
  SupportAssigneesDocument,
  type SupportStatus,
  SupportTicketDocument,
} from "@privet/client";
import { inWords } from "@privet/domain/labels";
import { formErrorOf } from "@privet/ui/errors";
import { formatDateTime } from "@privet/ui/format";
import { navigate } from "@privet/ui/router";
import { ErrorNotice, Loading, Notice } from "@privet/ui/states";
import type { CombinedError } from "@urql/core";
import { type FormEvent, useEffect, useState } from "react";
import { useQuery } from "urql";
import { useActionMutation } from "../action-mutation.js";
import { underPurpose } from "../graphql-client.js";
import { useDeclareFor } from "../purpose.js";
import { failuresOf, redactionsOf, Value, WithheldNotice } from "../redactions.js";

/** A ticket's purpose reference: the request's whole id, in the characters references allow. */
export const supportTicketRef = (id: string) => `support:${id}`;

export interface TicketSummary {
  readonly id: string;
  readonly status: SupportStatus;
  readonly assignee: { readonly id: string; readonly name: string; readonly you: boolean } | null;
}

/** An action's refusal in words for staff (a card number is refused before anything runs). */
function actionError(error: CombinedError | undefined): string | null {
  if (!error) return null;
  if (error.graphQLErrors[0]?.extensions?.code === "CARD_NUMBER_REJECTED") {
    return "A reply must not contain a card number. Remove it: the last four digits are enough.";
  }
  return formErrorOf(error)?.message ?? null;
}

export function SupportTicket({
  id,
  onBack,
  onSeen,
}: {
  id: string;
  onBack(): void;
  onSeen(summary: TicketSummary): void;
}) {
  const ref = supportTicketRef(id);
  const declareFor = useDeclareFor();
  const [{ data, fetching, error }, reload] = useQuery({
    query: SupportTicketDocument,
    variables: { id, ref },
  });
  const [{ data: staff }] = useQuery({ query: SupportAssigneesDocument });
  const [replied, reply] = useActionMutation(ReplyToSupportRequestDocument);
  const [assigned, assign] = useActionMutation(AssignSupportRequestDocument);
  const [closed, close] = useActionMutation(CloseSupportRequestDocument);
  const [reopened, reopen] = useActionMutation(ReopenSupportRequestDocument);
  const [draft, setDraft] = useState("");
  const [chosen, setChosen] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const ticket = data?.supportRequest;

  useEffect(() => {
    if (ticket) onSeen({ id: ticket.id, status: ticket.status, assignee: ticket.assignee });
  }, [ticket, onSeen]);

  const redactions = redactionsOf(SupportTicketDocument, error);
  if (fetching && !ticket) return <Loading what="the ticket" />;
  const back = (
    <button type="button" className="link-button" onClick={onBack}>
      ← Back to the queue
    </button>
  );
  if (!ticket) {
    return (
      <>
        {back}
        {failuresOf(error).map((m) => (
          <ErrorNotice key={m}>{m}</ErrorNotice>
        ))}
      </>
    );
  }

  const may = (action: SupportAction) => ticket.actions.includes(action);
  const asTicket = underPurpose("SUPPORT", ref);
  const after = async (result: Promise<{ error?: CombinedError }>, message: string) => {
    setDone(null);
    if (!(await result).error) {
      setDone(message);
      reload({ requestPolicy: "network-only" });
    }
  };
  const send = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = draft.trim();
    if (!body) return;
    const result = await reply({ id, body }, asTicket);
    if (!result.error) {
      setDraft("");
      setDone("Reply sent. It is on its way by email and shown in the customer's account.");
      reload({ requestPolicy: "network-only" });
    }
  };
  const assignee = chosen ?? ticket.assignee?.id ?? "";
  const me = staff?.supportAssignees.find((s) => s.you);
  const failure =
    actionError(replied.error) ??
    actionError(assigned.error) ??
    actionError(closed.error) ??
    actionError(reopened.error);

  return (
    <article aria-labelledby="ticket-subject" className="ticket">
      {back}
      <h1 id="ticket-subject">
        <Value value={ticket.subject} at={["supportRequest", "subject"]} redactions={redactions} />
      </h1>
      <p className="status">
        Read under support (ref. {ref}). Received {formatDateTime(ticket.createdAt)}.
      </p>
      <WithheldNotice redactions={redactions} />
      <dl className="facts">
        <dt>State</dt>
        <dd data-testid="ticket-state">{inWords(ticket.status)}</dd>
        <dt>Assigned to</dt>
        <dd data-testid="ticket-assignee">
          {ticket.assignee
            ? `${ticket.assignee.name}${ticket.assignee.you ? " (you)" : ""}`
            : "Nobody yet"}
        </dd>
        <dt>Answer goes to</dt>
        <dd>
          {ticket.customer ? (
            "the customer's account email, and their account's Contact page"
          ) : (
            <Value
              value={ticket.replyTo}
              at={["supportRequest", "replyTo"]}
              redactions={redactions}
            />
          )}
        </dd>
      </dl>
      {ticket.customer && (
        <p>
          <button
            type="button"
            className="secondary"
            aria-describedby="open-customer-hint"
            onClick={() => {
              // Reading the customer is a new read: declared as support for this ticket.
              declareFor("/customers", { purpose: "SUPPORT", ref });
              navigate(`/customers/${ticket.customer?.id}`);
            }}
          >
            Open the customer
          </button>{" "}
          <span className="hint" id="open-customer-hint">
            Read under support, with this ticket as reference.
          </span>
        </p>
      )}

      <section aria-labelledby="thread-title">
        <h2 id="thread-title">Conversation</h2>
        <ol className="thread">
          <li className="card">
            <p className="status">The question · {formatDateTime(ticket.createdAt)}</p>
            <p className="message">
              <Value
                value={ticket.message}
                at={["supportRequest", "message"]}
                redactions={redactions}
              />
            </p>
          </li>
          {ticket.replies.map((r, i) => (
            <li key={r.id} className="card reply">
              <p className="status">
                Answer from {r.author?.name ?? "support"} · {formatDateTime(r.createdAt)}
              </p>
              <p className="message">
                <Value
                  value={r.body}
                  at={["supportRequest", "replies", i, "body"]}
                  redactions={redactions}
                />
              </p>
            </li>
          ))}
        </ol>
      </section>

      {done && (
        <Notice>
          <p>{done}</p>
        </Notice>
      )}
      {failure && <ErrorNotice>{failure}</ErrorNotice>}

      <form onSubmit={send} aria-labelledby="reply-title" noValidate>
        <h2 id="reply-title">Reply</h2>
        <div className="field">
          <label htmlFor="reply-body">Your reply</label>
          <textarea
            id="reply-body"
            rows={5}
            maxLength={5000}
            value={draft}
            disabled={!may("REPLY")}
            aria-describedby="reply-hint"
            onChange={(event) => setDraft(event.target.value)}
          />
          <p className="hint" id="reply-hint">
            {may("REPLY")
              ? "Sent by email; a customer also reads it in their account. Never include a card number."
              : "This request is closed: reopen it to reply."}
          </p>
        </div>
        <button type="submit" disabled={!may("REPLY") || !draft.trim() || replied.fetching}>
          Send reply
        </button>
      </form>

      <section aria-labelledby="work-title">
        <h2 id="work-title">Assign and close</h2>
        <div className="inline-form">
          <label>
            Assign to
            <select
              value={assignee}
              disabled={!may("ASSIGN")}
              onChange={(event) => setChosen(event.target.value)}
            >
              <option value="">Nobody</option>
              {staff?.supportAssignees.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                  {s.you ? " (you)" : ""}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="secondary"
            disabled={
              !may("ASSIGN") || assignee === (ticket.assignee?.id ?? "") || assigned.fetching
            }
            onClick={() =>
              after(assign({ id, staffUserId: assignee || null }, asTicket), "Assignment saved.")
            }
          >
            Assign
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!may("ASSIGN") || !me || ticket.assignee?.you === true || assigned.fetching}
            onClick={() => {
              setChosen(null);
              void after(assign({ id, staffUserId: me?.id ?? null }, asTicket), "Assigned to you.");
            }}
          >
            Assign to me
          </button>
        </div>
        <div className="actions ticket-state-actions">
          {may("CLOSE") && (
            <button
              type="button"
              disabled={closed.fetching}
              onClick={() => after(close({ id }, asTicket), "Request closed.")}
            >
              Close request
            </button>
          )}
          {may("REOPEN") && (
            <button
              type="button"
              disabled={reopened.fetching}
              onClick={() => after(reopen({ id }, asTicket), "Request reopened.")}
            >
              Reopen request
            </button>
          )}
        </div>
      </section>
    </article>
  );
}
