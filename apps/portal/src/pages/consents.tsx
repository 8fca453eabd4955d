/**
 * The consent centre: each consent-based purpose in plain words with one-click give or
 * withdraw (P-08), the cookie categories (P-13), whether Global Privacy Control was honoured
 * (P-15), and the full history with dates, sources and policy versions.
 */
import {
  ConsentCentreDocument,
  type ConsentCentreQuery,
  type ConsentPurpose,
  SetConsentDocument,
  SetCookieConsentsDocument,
} from "@privet/client";
import {
  consentSourceLabel,
  consentStateLabel,
  cookieCategoryLabel,
  purposeLabel,
} from "@privet/domain/labels";
import { formErrorOf } from "@privet/ui/errors";
import { ExternalLink } from "@privet/ui/external-link";
import { formatDateTime } from "@privet/ui/format";
import { Empty, ErrorNotice, Loading, Notice } from "@privet/ui/states";
import { useMutation, useQuery } from "urql";
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

export function ConsentCentre() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: ConsentCentreDocument });
  const [setting, setConsent] = useMutation(SetConsentDocument);
  const [savingCookies, setCookies] = useMutation(SetCookieConsentsDocument);
  const failure = formErrorOf(setting.error ?? savingCookies.error);

  if (!data && fetching) return <Loading what="your consents" />;
  if (!data)
    return (
      <ErrorNotice>{formErrorOf(error)?.message ?? "We could not load your consents."}</ErrorNotice>
    );

  const change = async (purpose: ConsentPurpose, give: boolean) => {
    const result = await setConsent({ purpose, state: give ? "GIVEN" : "WITHDRAWN" });
    if (!result.error) refetch({ requestPolicy: "network-only" });
  };
  const changeCookie = async (category: string, enabled: boolean) => {
    const result = await setCookies({ choices: [{ category: category as never, enabled }] });
    if (!result.error) refetch({ requestPolicy: "network-only" });
  };

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
        <ul className="cards">
          {data.myConsents.map((consent) => (
            <PurposeCard
              key={consent.purpose}
              consent={consent}
              busy={setting.fetching}
              onChange={change}
            />
          ))}
        </ul>
        <p>
          You can also turn off personalised ads in your{" "}
          <ExternalLink href={AD_SETTINGS_URL}>advertising provider's ad settings</ExternalLink>.
        </p>
      </section>
      <section aria-labelledby="cookies-title">
        <h2 id="cookies-title">Cookies</h2>
        <ul className="cards">
          {data.cookieConsents.map((cookie) => (
            <li key={cookie.category} className="card">
              <h3>{cookieCategoryLabel(cookie.category)} cookies</h3>
              <p>{cookie.description}</p>
              {cookie.required ? (
                <p className="status">Always on: the site cannot work without them.</p>
              ) : (
                <label className="switch">
                  <input
                    type="checkbox"
                    checked={cookie.enabled}
                    disabled={cookie.lockedByGpc || savingCookies.fetching}
                    onChange={(event) => changeCookie(cookie.category, event.target.checked)}
                  />
                  <span>
                    {cookie.enabled ? "On" : "Off"}
                    {cookie.lockedByGpc &&
                      " — kept off because your browser sends Global Privacy Control"}
                  </span>
                </label>
              )}
            </li>
          ))}
        </ul>
      </section>
      <History entries={data.consentHistory} />
    </>
  );
}

type ConsentItem = ConsentCentreQuery["myConsents"][number];

function PurposeCard({
  consent,
  busy,
  onChange,
}: {
  consent: ConsentItem;
  busy: boolean;
  onChange: (purpose: ConsentPurpose, give: boolean) => void;
}) {
  const title = purposeLabel(consent.purpose);
  return (
    <li className="card" data-purpose={consent.purpose}>
      <h3>{title}</h3>
      <p>{consent.description}</p>
      <p className="status">
        {consent.permitted
          ? "Allowed"
          : consent.state
            ? consentStateLabel(consent.state)
            : "Not asked yet — off"}
        {consent.updatedAt && ` since ${formatDateTime(consent.updatedAt)}`}
      </p>
      <button
        type="button"
        disabled={busy}
        className={consent.permitted ? "secondary" : undefined}
        onClick={() => onChange(consent.purpose, !consent.permitted)}
      >
        {consent.permitted ? `Withdraw ${title.toLowerCase()}` : `Allow ${title.toLowerCase()}`}
      </button>
    </li>
  );
}

function History({ entries }: { entries: ConsentCentreQuery["consentHistory"] }) {
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {entries.length === 0 ? (
        <Empty>No consent choices recorded yet.</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Every consent choice, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Purpose</th>
                <th scope="col">Choice</th>
                <th scope="col">How</th>
                <th scope="col">Policy version</th>
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
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
