/**
 * My data: everything held about the customer, grouped by the policy's categories — personal
 * details, device data per session, the card as brand and last four, page views, the records
 * they keep about other people — each group with what it is used for and which processors
 * receive it, where and why (P-07); and a download of all of it as JSON.
 */
import { MyDataDocument, type MyDataQuery } from "@privet/client";
import type { DataCategory } from "@privet/domain/taxonomy";
import { formErrorOf } from "@privet/ui/errors";
import { formatDateTime } from "@privet/ui/format";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import { TableScroll } from "@privet/ui/table-scroll";
import type { ReactNode } from "react";
import { useQuery } from "urql";
import { DataUses, Recipients } from "./data-uses.js";
import { ExportButton } from "./export-button.js";
import { RequireSignIn } from "./require-sign-in.js";

export function MyDataPage() {
  return (
    <RequireSignIn>
      <MyData />
    </RequireSignIn>
  );
}

type Me = NonNullable<MyDataQuery["me"]>;

function Group({
  id,
  title,
  categories,
  children,
}: {
  id: string;
  title: string;
  /** The taxonomy's category keys this group shows (their uses come from the data map). */
  categories: readonly DataCategory[];
  children: ReactNode;
}) {
  return (
    <section className="data-group" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
      <DataUses categories={categories} />
    </section>
  );
}

function MyData() {
  const [{ data, fetching, error }] = useQuery({
    query: MyDataDocument,
    requestPolicy: "network-only",
  });
  if (!data && fetching) return <Loading what="your data" />;
  const me = data?.me;
  if (!me)
    return (
      <ErrorNotice>{formErrorOf(error)?.message ?? "We could not load your data."}</ErrorNotice>
    );
  return (
    <>
      <h1>My data</h1>
      <p>Everything Privet holds about you, what it is used for, and who receives it.</p>
      <ExportButton />
      <Recipients />
      <Group
        id="personal"
        title="Personal details"
        categories={["user.name", "user.contact.email", "user.contact.country"]}
      >
        <dl className="facts">
          <dt>Name</dt>
          <dd>{me.name}</dd>
          <dt>Email</dt>
          <dd>{me.email}</dd>
          <dt>Country</dt>
          <dd>{me.country}</dd>
          <dt>Customer since</dt>
          <dd>{formatDateTime(me.createdAt)}</dd>
        </dl>
      </Group>
      <Group
        id="devices"
        title="Devices you signed in from"
        categories={[
          "user.device.ip_address",
          "user.device.browser",
          "user.device.os",
          "user.device.cookie_id",
        ]}
      >
        <Sessions sessions={me.sessions} />
      </Group>
      <Group
        id="payment"
        title="Payment method"
        categories={[
          "user.financial.card.brand",
          "user.financial.card.last4",
          "user.financial.card.expiry",
          "user.financial.card.token",
        ]}
      >
        {me.paymentMethod ? (
          <p>
            {me.paymentMethod.brand} ending in {me.paymentMethod.last4}, expires{" "}
            {String(me.paymentMethod.expiryMonth).padStart(2, "0")}/{me.paymentMethod.expiryYear}.
            We never store your full card number.
          </p>
        ) : (
          <Empty>No card on file.</Empty>
        )}
      </Group>
      <Group id="navigation" title="Pages you visited" categories={["user.behavior.navigation"]}>
        <Navigation events={me.navigationEvents ?? []} />
      </Group>
      <Group
        id="held"
        title="Records you keep about other people"
        categories={["user.held.other_individuals"]}
      >
        {me.heldRecords.length === 0 ? (
          <Empty>You keep no records about other people.</Empty>
        ) : (
          <ul>
            {me.heldRecords.map((record) => (
              <li key={record.id}>
                <strong>{record.label}</strong>: {record.content}
              </li>
            ))}
          </ul>
        )}
      </Group>
    </>
  );
}

function Sessions({ sessions }: { sessions: Me["sessions"] }) {
  if (sessions.length === 0) return <Empty>No sessions.</Empty>;
  return (
    <TableScroll label="Your sessions">
      <table>
        <thead>
          <tr>
            <th scope="col">Signed in</th>
            <th scope="col">IP address</th>
            <th scope="col">Browser</th>
            <th scope="col">Operating system</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id}>
              <td>
                {formatDateTime(session.createdAt)}
                {session.current && " (this device)"}
              </td>
              <td>{session.ipAddress ?? "—"}</td>
              <td>{session.browser ?? "—"}</td>
              <td>{session.os ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function Navigation({ events }: { events: NonNullable<Me["navigationEvents"]> }) {
  if (events.length === 0) {
    return (
      <Empty>None recorded. We record page views only while you allow advertising cookies.</Empty>
    );
  }
  return (
    <ul>
      {events.slice(0, 50).map((event) => (
        <li key={event.id}>
          {formatDateTime(event.occurredAt)} — {event.path}
        </li>
      ))}
    </ul>
  );
}
