/**
 * What fulfilling (or rejecting) a request did, from its recorded outcome (JSON text), in words:
 * for a deletion what was erased and what was kept and why — the record the law asks us to keep.
 * Never the raw JSON: an outcome of a shape this page does not know still reads as a sentence.
 */
import { CONSENT_STATE_LABELS, inWords, purposeLabel } from "@privet/domain/labels";
import { isPurpose } from "@privet/domain/purposes";

interface Outcome {
  readonly kind?: string;
  readonly summary?: string;
  readonly reason?: string;
  readonly note?: string | null;
  readonly corrected?: string;
  readonly remarketing?: string;
  readonly sessionsRevoked?: number;
  readonly consentsWithdrawn?: readonly string[];
  readonly export?: {
    readonly sha256?: string;
    readonly bytes?: number;
    readonly exportedAt?: string;
    readonly documentErasedAt?: string;
    readonly sections?: Readonly<Record<string, number>>;
  };
  readonly documentErasedAt?: string;
  readonly erased?: ReadonlyArray<{ data: string; count: number }>;
  readonly kept?: ReadonlyArray<{ data: string; count: number; why: string }>;
}

/** The erasure's records (erase-customer.ts names them by their tables) as people say them. */
const RECORD_WORDS: Readonly<Record<string, string>> = {
  "Customer.name": "name",
  "Customer.email": "email address",
  "Customer.country/region": "country and region",
  "Customer.passwordHash": "password",
  "Session (IP address, browser, OS, user agent)": "sign-in sessions (IP address, browser, OS)",
  "Visitor (cookie ids)": "cookie identifiers",
  PaymentMethod: "payment cards",
  NavigationEvent: "pages visited",
  CustomerHeldRecord: "records the customer kept about other people",
  NewsletterSubscriber: "newsletter subscription",
  "SupportRequest (subject, message, reply address)": "support requests",
  "PrivacyRequest (details, stored exports)": "privacy requests' details and stored exports",
  "OutboxEmail (address and body)": "emails waiting to be sent",
};

const recordInWords = (data: string) => RECORD_WORDS[data] ?? data;
const counted = (data: string, count: number) =>
  `${recordInWords(data)}${count > 1 ? ` (${count})` : ""}`;

const REMARKETING_WORDS: Readonly<Record<string, string>> = {
  WITHDRAWN: "Consent to advertising was withdrawn.",
  ALREADY_NOT_GIVEN: "Consent to advertising had never been given: nothing was shared.",
};

function parse(text: string): Outcome | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Outcome) : null;
  } catch {
    return null;
  }
}

function remarketingInWords(state = ""): string {
  const words = REMARKETING_WORDS[state];
  if (words) return words;
  const already = state.replace(/^ALREADY_/, "");
  const label = (CONSENT_STATE_LABELS as Readonly<Record<string, string>>)[already];
  return `Consent to advertising was already ${(label ?? inWords(already)).toLowerCase()}: nothing was shared.`;
}

function Deletion({ o }: { readonly o: Outcome }) {
  const erased = o.erased ?? [];
  const kept = o.kept ?? [];
  const withdrawn = (o.consentsWithdrawn ?? []).filter(isPurpose);
  return (
    <div className="outcome">
      <p>
        Erased:{" "}
        {erased.length === 0
          ? "nothing was held"
          : erased.map((e) => counted(e.data, e.count)).join(", ")}
        .
      </p>
      {kept.length === 0 ? (
        <p>Nothing kept.</p>
      ) : (
        <ul aria-label="Kept, and why">
          {kept.map((k) => (
            <li key={k.data}>
              Kept {counted(k.data, k.count)}: {k.why}
            </li>
          ))}
        </ul>
      )}
      {withdrawn.length > 0 && (
        <p>Consents withdrawn: {withdrawn.map((p) => purposeLabel(p).toLowerCase()).join(", ")}.</p>
      )}
    </div>
  );
}

function Access({ o }: { readonly o: Outcome }) {
  const exported = o.export ?? {};
  const sections = Object.keys(exported.sections ?? {}).length;
  const kb = exported.bytes === undefined ? null : Math.max(1, Math.round(exported.bytes / 1024));
  return (
    <div className="outcome">
      <p>
        A copy of the customer's data was stored for them in the portal
        {sections > 0 ? `: ${sections} sections` : ""}
        {kb !== null ? `, ${kb} KB` : ""}.
        {(o.documentErasedAt || exported.documentErasedAt) &&
          " The copy itself has since been erased with the account."}
      </p>
      {exported.sha256 && (
        <p>
          Its fingerprint (SHA-256): <code className="fingerprint">{exported.sha256}</code>
        </p>
      )}
    </div>
  );
}

function inWordsOf(o: Outcome) {
  if (o.summary) return <p>{o.summary}</p>;
  switch (o.kind) {
    case "REJECTED":
      return <p>Rejected. The reason the customer was given: {o.reason}</p>;
    case "CORRECTION":
      return <p>Corrected: {o.corrected}</p>;
    case "STOP_SHARING":
      return <p>{remarketingInWords(o.remarketing)}</p>;
    case "ACCESS":
      return <Access o={o} />;
    case "DELETION":
      return <Deletion o={o} />;
    default:
      return <p>Closed.</p>;
  }
}

export function RequestOutcome({ outcome }: { readonly outcome: string }) {
  const o = parse(outcome);
  // Text that is not an outcome record (older rows) is words already.
  if (!o) return <p>{outcome}</p>;
  return (
    <>
      {inWordsOf(o)}
      {o.note && o.kind !== "CORRECTION" && <p>Note: {o.note}</p>}
    </>
  );
}
