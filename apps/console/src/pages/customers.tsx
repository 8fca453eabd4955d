/**
 * Customers: search by email or id, and open one — always under the declared purpose and
 * reference. Fields the purpose does not allow are shown as redacted with the reason.
 */
import {
  type ConsoleAccessLogPageFragment,
  CustomerAccessLogOlderDocument,
  FindCustomersDocument,
  OpenCustomerDocument,
  type OpenCustomerQuery,
} from "@privet/client";
import { breakGlassReasonLabel, inWords, purposeLabel, roleLabel } from "@privet/domain/labels";
import { CopyableId } from "@privet/ui/copyable-id";
import { DataTable } from "@privet/ui/data-table";
import { formatDateTime } from "@privet/ui/format";
import { Link } from "@privet/ui/router";
import { type OlderPage, ShowOlder, useOlderPages } from "@privet/ui/show-older";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import { type FormEvent, useCallback, useState } from "react";
import { useClient, useQuery } from "urql";
import { type Declaration, useLatestDeclaration, usePurpose } from "../purpose.js";
import { failuresOf, type ResultPath, redactionsOf, Value, WithheldNotice } from "../redactions.js";

export function CustomersPage() {
  // A search reads under the declaration in force when it is made; declaring another later
  // does not search again (the results shown stay as they were read).
  const opened = usePurpose();
  const latest = useLatestDeclaration() ?? opened;
  const [search, setSearch] = useState<{ text: string; under: Declaration } | null>(null);
  const under = search?.under ?? opened;
  const [{ data, fetching, error }] = useQuery({
    query: FindCustomersDocument,
    variables: { search: search?.text || null, purpose: under.purpose, ref: under.ref || null },
    // Nothing is read (nor audited) until the staff member searches.
    pause: search === null,
  });
  const redactions = redactionsOf(FindCustomersDocument, error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("search") ?? "").trim();
    setSearch({ text: value, under: latest });
  };
  return (
    <>
      <h1>Customers</h1>
      <form aria-label="Find a customer" onSubmit={submit} className="inline-form">
        <label htmlFor="search">Email address or customer ID</label>
        <input id="search" name="search" type="search" />
        <button type="submit">Search</button>
      </form>
      {failuresOf(error).map((message) => (
        <ErrorNotice key={message}>{message}</ErrorNotice>
      ))}
      <WithheldNotice redactions={redactions} />
      {search === null ? (
        <p>
          Search by exact email address or customer ID. Customers are read only when you search.
        </p>
      ) : fetching && !data ? (
        <Loading what="customers" />
      ) : !data ? (
        <Empty>No customer matches.</Empty>
      ) : (
        <DataTable
          label="Customers found"
          rows={data.customers.nodes.map((customer, i) => ({ customer, i }))}
          rowKey={({ customer }) => customer.id}
          empty="No customer matches."
          pageSize={25}
          columns={[
            {
              key: "customer",
              header: "Customer",
              // Named by the name when the purpose shows it; uuid v7 ids share their first
              // characters, so a cut id would name every customer alike.
              cell: ({ customer }) => (
                <Link href={`/customers/${customer.id}`}>{customer.name ?? "Open"}</Link>
              ),
            },
            {
              key: "name",
              header: "Name",
              sortValue: ({ customer }) => customer.name,
              cell: ({ customer, i }) => (
                <Value
                  value={customer.name}
                  at={["customers", "nodes", i, "name"]}
                  redactions={redactions}
                />
              ),
            },
            {
              key: "email",
              header: "Email",
              sortValue: ({ customer }) => customer.email,
              cell: ({ customer, i }) => (
                <Value
                  value={customer.email}
                  at={["customers", "nodes", i, "email"]}
                  redactions={redactions}
                />
              ),
            },
            {
              key: "country",
              header: "Country",
              sortValue: ({ customer }) => customer.country,
              cell: ({ customer, i }) => (
                <Value
                  value={customer.country}
                  at={["customers", "nodes", i, "country"]}
                  redactions={redactions}
                />
              ),
            },
            {
              key: "since",
              header: "Since",
              sortValue: ({ customer }) => customer.createdAt,
              cell: ({ customer }) => formatDateTime(customer.createdAt),
            },
          ]}
        />
      )}
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
