/**
 * The consent centre: each consent-based purpose once, in plain words, with the cookies that
 * serve it and one switch (P-08, P-13); whether Global Privacy Control was honoured (P-15); the
 * cookies that are always on; and the full history: what changed, where, under which policy.
 * Every switch here goes through setConsent, so the ledger records the consent centre (PORTAL)
 * as its source — never the banner.
 */
import {
  ConsentCentreDocument,
  type ConsentCentreQuery,
  type ConsentPurpose,
  ConsentReceiptDocument,
  SetConsentDocument,
} from "@privet/client";
import { cookieCategoriesOf } from "@privet/domain/consent";
import {
  consentSourceLabel,
  consentStateLabel,
  cookieCategoryLabel,
  purposeLabel,
} from "@privet/domain/labels";
import { ReceiptButton, type ReceiptLoad } from "@privet/ui/consent-receipt";
import { formErrorOf } from "@privet/ui/errors";
import { ExternalLink } from "@privet/ui/external-link";
import { formatDateTime } from "@privet/ui/format";
import { Empty, ErrorNotice, Loading, Notice } from "@privet/ui/states";
import { TableScroll } from "@privet/ui/table-scroll";
import { useState } from "react";
import { useClient, useMutation, useQuery } from "urql";
import { RequireSignIn } from "./require-sign-in.js";

/** The advertising provider's own page for personalised-ad choices (the policy points there). */
export const AD_SETTINGS_URL = "https://myadcenter.google.com/";

export function ConsentsPage() {
  return (
    <RequireSignIn>
      <ConsentCentre />
    </RequireSignIn>
  );
}

/** "Analytics cookies", "Preferences and analytics cookies"; marketing is by email. */
export function cookiesInWords(purpose: ConsentPurpose): string {
  const categories = cookieCategoriesOf(purpose);
  if (categories.length === 0) return "No cookies: this is about our emails to you.";
  const names = categories.map((c, i) => {
    const label = cookieCategoryLabel(c);
    return i === 0 ? label : label.toLowerCase();
  });
  return `Cookies: ${names.join(" and ")} cookies.`;
}

export function ConsentCentre() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: ConsentCentreDocument });
  const [setting, setConsent] = useMutation(SetConsentDocument);
  // The switch shows the person's choice at once; it is the ledger's again once saved.
  const [pending, setPending] = useState<Partial<Record<ConsentPurpose, boolean>>>({});
  const failure = formErrorOf(setting.error);

  if (!data && fetching) return <Loading what="your consents" />;
  if (!data)
    return (
      <ErrorNotice>{formErrorOf(error)?.message ?? "We could not load your consents."}</ErrorNotice>
    );

  const change = async (purpose: ConsentPurpose, give: boolean) => {
    setPending((current) => ({ ...current, [purpose]: give }));
    const result = await setConsent({ purpose, state: give ? "GIVEN" : "WITHDRAWN" });
    if (!result.error) refetch({ requestPolicy: "network-only" });
    setPending((current) => {
      const { [purpose]: _done, ...rest } = current;
      return rest;
    });
  };
  const lockedByGpc = (purpose: ConsentPurpose) =>
    data.cookieConsents.some((cookie) => cookie.purpose === purpose && cookie.lockedByGpc);
  const necessary = data.cookieConsents.filter((cookie) => cookie.required);

  return (
    <>
      <h1>My consents</h1>
      {data.privacySignals.gpcHonoured && (
        <Notice>
          <p data-testid="gpc-honoured-consents">
            Your browser sends Global Privacy Control. We honoured it: advertising (remarketing) is
            withdrawn for you and stays off while the signal is on.
          </p>
        </Notice>
      )}
      {failure && <ErrorNotice>{failure.message}</ErrorNotice>}
      <section aria-labelledby="purposes-title">
        <h2 id="purposes-title">What you allow us to do</h2>
        <p>
          One switch per purpose. A purpose's cookies are on exactly when the purpose is allowed,
          here or in the cookie banner.
        </p>
        <ul className="cards">
          {data.myConsents.map((consent) => (
            <PurposeCard
              key={consent.purpose}
              consent={consent}
              wanted={pending[consent.purpose]}
              lockedByGpc={lockedByGpc(consent.purpose)}
              onChange={change}
            />
          ))}
        </ul>
        <p>
          You can also turn off personalised ads in your{" "}
          <ExternalLink href={AD_SETTINGS_URL}>advertising provider's ad settings</ExternalLink>.
        </p>
      </section>
      {necessary.length > 0 && (
        <section aria-labelledby="necessary-title">
          <h2 id="necessary-title">Cookies we always use</h2>
          {necessary.map((cookie) => (
            <p key={cookie.category}>
              <strong>{cookieCategoryLabel(cookie.category)} cookies.</strong> {cookie.description}
            </p>
          ))}
        </section>
      )}
      <History entries={data.consentHistory} />
    </>
  );
}

type ConsentItem = ConsentCentreQuery["myConsents"][number];

/** The consent's state in words: "Allowed since …, in your consent centre". */
function stateInWords(consent: ConsentItem, lockedByGpc: boolean): string {
  const gpc = lockedByGpc ? " — kept off because your browser sends Global Privacy Control" : "";
  if (!consent.state) return `Not asked yet — off${gpc}`;
  const since = consent.updatedAt ? ` since ${formatDateTime(consent.updatedAt)}` : "";
  const where = consent.source ? `, ${consentSourceLabel(consent.source)}` : "";
  const state = consent.permitted ? "Allowed" : consentStateLabel(consent.state);
  return `${state}${since}${where}${consent.permitted ? "" : gpc}`;
}

function PurposeCard({
  consent,
  wanted,
  lockedByGpc,
  onChange,
}: {
  consent: ConsentItem;
  /** The choice being saved, if any. */
  wanted: boolean | undefined;
  lockedByGpc: boolean;
  onChange: (purpose: ConsentPurpose, give: boolean) => void;
}) {
  const title = purposeLabel(consent.purpose);
  const id = `consent-${consent.purpose.toLowerCase()}`;
  const on = wanted ?? consent.permitted;
  return (
    <li className="card" data-purpose={consent.purpose}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p>{consent.description}</p>
      <p className="cookies">{cookiesInWords(consent.purpose)}</p>
      <label className="switch consent-switch">
        <input
          type="checkbox"
          checked={on}
          disabled={wanted !== undefined || (lockedByGpc && !consent.permitted)}
          aria-describedby={`${id}-status`}
          onChange={(event) => onChange(consent.purpose, event.target.checked)}
        />
        <span>
          Allow {title.toLowerCase()}: <strong>{on ? "On" : "Off"}</strong>
        </span>
      </label>
      <p className="status" id={`${id}-status`}>
        {wanted !== undefined ? "Saving…" : stateInWords(consent, lockedByGpc)}
      </p>
    </li>
  );
}

function History({ entries }: { entries: ConsentCentreQuery["consentHistory"] }) {
  const client = useClient();
  // Asked for when pressed, never with the page: a receipt is signed on demand.
  const receiptOf = async (eventId: string): Promise<ReceiptLoad> => {
    const result = await client
      .query(ConsentReceiptDocument, { eventId }, { requestPolicy: "network-only" })
      .toPromise();
    const receipt = result.data?.consentReceipt;
    if (receipt) return receipt;
    return {
      error: formErrorOf(result.error)?.message ?? "We could not prepare that receipt. Try again.",
    };
  };
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {entries.length === 0 ? (
        <Empty>No consent choices recorded yet.</Empty>
      ) : (
        <TableScroll label="Your consent history">
          <table>
            <caption className="visually-hidden">
              Every consent choice, newest first: what changed, where, under which policy version
            </caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Choice</th>
                <th scope="col">Where</th>
                <th scope="col">Policy version</th>
                <th scope="col">Receipt</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDateTime(entry.occurredAt)}</td>
                  <td>{purposeLabel(entry.purpose)}</td>
                  <td>{consentStateLabel(entry.state)}</td>
                  <td>{consentSourceLabel(entry.source)}</td>
                  <td>{entry.policyVersion ?? "—"}</td>
                  <td>
                    <ReceiptButton
                      load={() => receiptOf(entry.id)}
                      label={`Download receipt: ${purposeLabel(entry.purpose)}, ${consentStateLabel(entry.state)}, ${formatDateTime(entry.occurredAt)}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
