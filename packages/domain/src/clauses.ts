/**
 * The clause register: the privacy policy turned into numbered promises (P-01 …), each with the
 * control that keeps it and what a test must show. It is the repository's copy of the project's
 * policy table (policy/CLAUSES.md beside the policy text), word for word, so that a clause id
 * in a test title or a comment leads somewhere.
 *
 * Tag every test that proves a clause with its id in the test's title, e.g.
 * `it("[P-08] a marketing email's unsubscribe link withdraws consent without signing in", …)`.
 * A clause counts as kept only when a test with its tag exercises the real control end to end
 * (API over HTTP against a real database, or the browser) and would fail if the control were
 * removed. A test in `repository/` walks every test file and fails when a title cites an id
 * that is not here, or when a clause here has no test at all.
 */

export interface Clause {
  /** "P-01" … */
  readonly id: string;
  /** What the policy says, in its words. */
  readonly promise: string;
  /** The control that keeps the promise. */
  readonly control: string;
  /** What a test must show for the clause to count as kept. */
  readonly testMustShow: string;
}

export const CLAUSES = [
  {
    id: "P-01",
    promise:
      "On a visit it collects IP address, browser and operating system, through cookies with unique IDs that keep you signed in.",
    control:
      "Each session is an opaque random ID in an HttpOnly cookie; the server records the session's IP, browser and OS (parsed from the User-Agent) as non-personal device data.",
    testMustShow:
      "Sign-in over HTTP sets the cookie; the session row holds IP, browser and OS; a request with the cookie is authenticated.",
  },
  {
    id: "P-02",
    promise: "Its cookies do not let it learn your real name and address.",
    control:
      "Cookies carry only random identifiers; no personal data is ever written into a cookie or a URL.",
    testMustShow:
      "After registration and sign-in, no cookie value or redirect URL contains the name or email.",
  },
  {
    id: "P-03",
    promise:
      "Personal information is received on registration, payment authorisation, newsletter sign-up and support requests: name, email, card details.",
    control:
      "Registration (name, email, password), payment method (card brand, last four digits, expiry and a processor token: the full card number is never stored or logged), newsletter sign-up without an account, support requests.",
    testMustShow:
      "Each entry point stores exactly those fields; a full card number sent to the API is rejected or reduced to brand/last4 and never appears in the database or logs.",
  },
  {
    id: "P-04",
    promise: "It applies on mobile devices too.",
    control: "The portal works on a phone-sized screen.",
    testMustShow:
      "A browser test at a 390×844 viewport signs up, changes a consent and reads the policy.",
  },
  {
    id: "P-05",
    promise:
      "Navigation is recorded through cookies and used, with first- and third-party cookies, for remarketing by an advertising service that cannot identify you.",
    control:
      "Navigation events are recorded only while the subject's advertising consent is granted; the advertising partner sees a pseudonymous cookie ID and the events, never name, email or card.",
    testMustShow:
      "With consent the partner's query returns events keyed by pseudonymous ID and nulls every contact field; after withdrawal no new events are recorded and the partner sees none.",
  },
  {
    id: "P-06",
    promise:
      "Information is used to simplify login, improve and personalise the services, answer support, take payment and announce changes.",
    control:
      "Every purpose is a named value in the domain package; every personal field declares which purposes may read it.",
    testMustShow:
      "A staff or partner read under a purpose that the field does not allow is redacted.",
  },
  {
    id: "P-07",
    promise:
      "Data may be transferred across state and country borders for consolidation, storage and customer management.",
    control:
      "Each processor records where it holds data; the portal shows the subject where their data goes and why.",
    testMustShow:
      "The portal's data page lists every processor that receives the subject's data, with its region and purpose.",
  },
  {
    id: "P-08",
    promise:
      "Registering counts as consent to marketing; you can opt out through the procedures included in the materials.",
    control:
      "Registration records a marketing consent (source: registration, with the policy version in force); every marketing message carries a one-click unsubscribe link (List-Unsubscribe) that works without signing in.",
    testMustShow:
      "Register → a consent record exists; following the link from a delivered email withdraws it; the next campaign skips that subject.",
  },
  {
    id: "P-09",
    promise: "It does not sell or trade personal information.",
    control:
      "No purpose or integration can receive personal data for sale; only processors under an agreement read it, and only for their agreed purposes.",
    testMustShow: "A partner key with no active agreement gets every personal field redacted.",
  },
  {
    id: "P-10",
    promise:
      "It shares personal data only with third parties that agreed to keep it secure (cloud storage, email services).",
    control:
      "Processor registry with the agreement's signing date and expiry; a partner's access ends when its agreement lapses.",
    testMustShow:
      "A partner whose agreement expired is denied; renewal restores access; both are in the audit log.",
  },
  {
    id: "P-11",
    promise:
      "It may disclose information for legal reasons (government request, court order, legal process).",
    control:
      "Legal-request register; a disclosure exports only the subjects and categories the request names, and every disclosed field is audited.",
    testMustShow:
      "A disclosure under a recorded court order returns exactly its scope; without a request ID it is refused.",
  },
  {
    id: "P-12",
    promise:
      "Data that customers hold about other individuals is not accessed by the company except for a malfunction or a valid legal request.",
    control:
      "Customer-held records are a data category no staff role can read by default; a time-limited break-glass grant citing an incident or a legal request opens it; every read is audited and shown to the customer.",
    testMustShow:
      "Staff read → redacted; with a grant → visible and audited; after expiry → redacted; the customer's access log shows the read and its reason.",
  },
  {
    id: "P-13",
    promise:
      "You can reject third-party cookies; some features may then be disabled; you can opt out of personalised ads.",
    control:
      "Consent centre with cookie categories (necessary, preferences, analytics, advertising); the site keeps working with all optional categories rejected; a link to the advertising provider's ad settings.",
    testMustShow:
      "With optional cookies rejected, sign-in and the portal still work and no advertising cookie or event is written.",
  },
  {
    id: "P-14",
    promise: "Linked third-party sites have their own policies.",
    control: 'Outbound links are marked as external and open with rel="noopener noreferrer".',
    testMustShow: "The browser test finds every external link so marked.",
  },
  {
    id: "P-15",
    promise: "It does not respond to Do Not Track (it says so openly).",
    control:
      "Do Not Track is recorded, not acted on, as the policy says; Global Privacy Control, which US law now requires, is honoured as an opt-out of advertising, recorded with its source.",
    testMustShow:
      "A request with `Sec-GPC: 1` leaves advertising withdrawn (source: gpc); `DNT: 1` is recorded only.",
  },
  {
    id: "P-16",
    promise: "Users outside the US agree to processing under California law.",
    control:
      "The subject's country is recorded at registration; the jurisdiction that applies is shown with the policy.",
    testMustShow: "Registration from another country records it and shows the notice.",
  },
  {
    id: "P-17",
    promise: "It follows the legal notification procedures for security events.",
    control:
      "Breach-incident register: affected categories and time window → the affected subjects; notices drafted in the California form (What Happened, What Information Was Involved, What We Are Doing, What You Can Do, For More Information); the Attorney General notice flagged above 500 California residents.",
    testMustShow:
      "An incident over contact data in a window finds exactly the subjects whose data was held then, drafts their notices, and flags the AG notice past 500.",
  },
  {
    id: "P-18",
    promise:
      "Changes are announced with an effective date at the top; previous versions stay available through a link; changes govern from their effective date.",
    control:
      "Versioned policies with effective dates; the current one shows its date at the top and links to every earlier version; each consent records the version in force; subjects are told of a material change.",
    testMustShow:
      "Publishing a new version with a future date keeps the old one in force until then; the archive lists both; consents name the version in force when given.",
  },
  {
    id: "P-19",
    promise: "Questions go to a contact address.",
    control: "A contact form that opens a support request, plus the address.",
    testMustShow: "A question sent from the portal appears in the console's support queue.",
  },
] as const satisfies readonly Clause[];

export type ClauseId = (typeof CLAUSES)[number]["id"];

export const CLAUSE_IDS: readonly ClauseId[] = CLAUSES.map((c) => c.id);

export function isClauseId(value: string): value is ClauseId {
  return (CLAUSE_IDS as readonly string[]).includes(value);
}

export function clause(id: ClauseId): Clause {
  const found = CLAUSES.find((c) => c.id === id);
  if (!found) throw new Error(`No clause ${id}`);
  return found;
}

/**
 * The tag a test title carries, "[P-12]": the ids it cites, in order. Any "P-" followed by two
 * digits inside square brackets counts, known or not, so a mistyped id is caught rather than
 * ignored.
 */
export function citedClauses(title: string): string[] {
  return [...title.matchAll(/\[(P-\d{2})\]/g)].map((match) => match[1] ?? "");
}
