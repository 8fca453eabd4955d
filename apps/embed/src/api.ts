/**
 * The banner's two calls to the Privet API (modules/embed on the API side), across origins:
 * no cookies in either direction (credentials "omit"); the visitor is named by the id the API
 * gave, in X-Privet-Visitor. X-Privet-Embed makes every call preflighted, which the API
 * answers only for the sites in PRIVET_EMBED_ORIGINS.
 */
import type { CookieCategory } from "@privet/domain/consent";

export interface CookieConsent {
  readonly category: CookieCategory;
  readonly purpose: string | null;
  readonly state: string | null;
  readonly enabled: boolean;
  readonly required: boolean;
  readonly lockedByGpc: boolean;
}

export interface EmbedAnswer {
  readonly visitorId: string | null;
  readonly gpc: boolean;
  readonly consents: readonly CookieConsent[];
}

export interface Choice {
  readonly category: CookieCategory;
  readonly enabled: boolean;
}

export type Fetch = typeof fetch;

function headers(visitorId: string | null): Record<string, string> {
  const all: Record<string, string> = { "x-privet-embed": "1" };
  if (visitorId) all["x-privet-visitor"] = visitorId;
  return all;
}

async function answerOf(response: Response): Promise<EmbedAnswer> {
  if (!response.ok) throw new Error(`Privet answered ${response.status}`);
  return (await response.json()) as EmbedAnswer;
}

export function readConsents(
  doFetch: Fetch,
  api: string,
  visitorId: string | null,
  gpc: boolean,
): Promise<EmbedAnswer> {
  return doFetch(`${api}/embed/consents${gpc ? "?gpc=1" : ""}`, {
    headers: headers(visitorId),
    credentials: "omit",
    mode: "cors",
  }).then(answerOf);
}

export function saveConsents(
  doFetch: Fetch,
  api: string,
  visitorId: string | null,
  choices: readonly Choice[],
  gpc: boolean,
): Promise<EmbedAnswer> {
  return doFetch(`${api}/embed/consents`, {
    method: "POST",
    headers: { ...headers(visitorId), "content-type": "application/json" },
    body: JSON.stringify({ choices, gpc }),
    credentials: "omit",
    mode: "cors",
  }).then(answerOf);
}
