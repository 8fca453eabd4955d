/**
 * Customers: find one by part of their name or email with the customer picker (search as you
 * type, under the declared purpose and reference, each match audited) and open them. Fields the
 * purpose does not allow are shown as redacted with the reason.
 */
import {
  type ConsoleAccessLogPageFragment,
  CustomerAccessLogOlderDocument,
  OpenCustomerDocument,
  type OpenCustomerQuery,
} from "@privet/client";
import { breakGlassReasonLabel, inWords, purposeLabel, roleLabel } from "@privet/domain/labels";
import { CopyableId } from "@privet/ui/copyable-id";
import { formatDateTime } from "@privet/ui/format";
import { navigate } from "@privet/ui/router";
import { type OlderPage, ShowOlder, useOlderPages } from "@privet/ui/show-older";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import { useCallback, useState } from "react";
import { useClient, useQuery } from "urql";
import { CustomerPicker } from "../pickers.js";
import { usePurpose } from "../purpose.js";
import { failuresOf, type ResultPath, redactionsOf, Value, WithheldNotice } from "../redactions.js";
import { CustomerConsentHistory } from "./customer-consent-history.js";

export function CustomersPage() {
  // The picker searches as the member types, under the declaration in force when they type
  // (each match shown lands in that customer's access log); nothing is read before they type,
  // and declaring again reads nothing by itself. Choosing a match opens the customer.
  const [opening, setOpening] = useState<string | null>(null);
  return (
    <>
      <h1>Customers</h1>
      <p>
        Type part of a customer's name or email address, then choose them to open their record.
        Nothing is read until you type; each customer the search shows is recorded in their access
        log under the purpose you declared.
      </p>
      <div className="customer-search">
        <CustomerPicker
          label="Find a customer"
          onChange={(option) => {
            if (!option) return;
            setOpening(option.label);
            navigate(`/customers/${option.id}`);
          }}
        />
      </div>
      {opening && <Loading what={opening} />}
    </>
  );
}

type AccessLogEntry = ConsoleAccessLogPageFragment["nodes"][number];

export function CustomerPage({ id }: { id: string }) {
  const { purpose, ref } = usePurpose();
  const client = useClient();
  const [{ data, fetching, error }] = useQuery({
    query: OpenCustomerDocument,
    variables: { id, purpose, ref: ref || null },
  });
  // Older pages of the access log, read under the same purpose and reference as the first.
  const loadOlder = useCallback(
    async (after: string): Promise<OlderPage<AccessLogEntry>> => {
      const result = await client
        .query(
          CustomerAccessLogOlderDocument,
          { id, after, purpose, ref: ref || null },
          { requestPolicy: "network-only" },
        )
        .toPromise();
      const page = result.data?.customer?.accessLogPage;
      if (page) return { page };
      const redacted = result.error?.graphQLErrors.some(
        (e) => e.extensions?.code === "PRIVACY_REDACTED",
      );
      return {
        error:
          failuresOf(result.error)[0] ??
          (redacted
            ? "The declared purpose does not allow reading the access log."
            : "The older entries could not be loaded. Try again."),
      };
    },
    [client, id, purpose, ref],
  );
  const accessLog = useOlderPages(data?.customer?.accessLogPage, loadOlder);
  const redactions = redactionsOf(OpenCustomerDocument, error);
  if (fetching && !data) return <Loading what="the customer" />;
  const customer = data?.customer;
  if (!customer) {
    return (
      <>
        {failuresOf(error).map((m) => (
          <ErrorNotice key={m}>{m}</ErrorNotice>
        ))}
        <Empty>No such customer.</Empty>
      </>
    );
  }
  const v = (value: unknown, at: ResultPath<OpenCustomerQuery>) => (
    <Value value={value as string | null} at={at} redactions={redactions} />
  );
  return (
    <>
      <h1>Customer {customer.name ?? "(name not shown)"}</h1>
      <p>
        Customer id: <CopyableId id={customer.id} what="customer id" />
      </p>
      <p className="status">
        Read under {inWords(purposeLabel(purpose))}
        {ref && ` (ref. ${ref})`}; this read is in the customer's access log.
      </p>
      {failuresOf(error).map((m) => (
        <ErrorNotice key={m}>{m}</ErrorNotice>
      ))}
      <WithheldNotice redactions={redactions} />
      <dl className="facts">
        <dt>Name</dt>
        <dd>{v(customer.name, ["customer", "name"])}</dd>
        <dt>Email</dt>
        <dd>{v(customer.email, ["customer", "email"])}</dd>
        <dt>Country</dt>
        <dd>{v(customer.country, ["customer", "country"])}</dd>
        <dt>Jurisdiction</dt>
        <dd>{customer.jurisdiction}</dd>
        <dt>Card</dt>
        <dd>
          {customer.paymentMethod ? (
            <>
              {v(customer.paymentMethod.brand, ["customer", "paymentMethod", "brand"])} ·{" "}
              {v(customer.paymentMethod.last4, ["customer", "paymentMethod", "last4"])}
            </>
          ) : (
            "none"
          )}
        </dd>
      </dl>
      <h2>Sessions</h2>
      <ul>
        {customer.sessions.map((s, i) => (
          <li key={s.id}>
            {formatDateTime(s.createdAt)} —{" "}
            {v(s.ipAddress, ["customer", "sessions", i, "ipAddress"])} ·{" "}
            {v(s.browser, ["customer", "sessions", i, "browser"])} ·{" "}
            {v(s.os, ["customer", "sessions", i, "os"])}
          </li>
        ))}
      </ul>
      <h2>Records the customer holds about others</h2>
      {customer.heldRecords.length === 0 ? (
        <Empty>None.</Empty>
      ) : (
        <ul>
          {customer.heldRecords.map((r, i) => (
            <li key={r.id}>
              {v(r.label, ["customer", "heldRecords", i, "label"])}:{" "}
              {v(r.content, ["customer", "heldRecords", i, "content"])}
            </li>
          ))}
        </ul>
      )}
      <h2>Consents</h2>
      <ul>
        {customer.consents.map((c) => (
          <li key={c.purpose}>
            {inWords(purposeLabel(c.purpose))}: {c.state ?? "never asked"}
          </li>
        ))}
      </ul>
      <h2>Consent history</h2>
      <CustomerConsentHistory
        customerId={customer.id}
        entries={customer.consentHistory}
        purpose={purpose}
        reference={ref}
      />
      <h2>Access log</h2>
      {customer.accessLogPage === null ? (
        <p>{v(null, ["customer", "accessLogPage"])}</p>
      ) : accessLog.entries.length === 0 ? (
        <Empty>No reads recorded.</Empty>
      ) : (
        <ul className="access-log">
          {accessLog.entries.map((entry) => (
            <li key={entry.id}>
              {formatDateTime(entry.occurredAt)} —{" "}
              {entry.accessorKind === "PARTNER"
                ? entry.processorName
                : entry.staffRole && roleLabel(entry.staffRole)}{" "}
              read {entry.categoryLabel} for {entry.purpose && inWords(purposeLabel(entry.purpose))}
              {entry.reference && ` (${entry.reference})`}
              {entry.breakGlassReason &&
                ` under break-glass (${inWords(breakGlassReasonLabel(entry.breakGlassReason))})`}
            </li>
          ))}
        </ul>
      )}
      <ShowOlder pages={accessLog} noun="entries" />
    </>
  );
}
