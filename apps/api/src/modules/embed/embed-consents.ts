/**
 * The embeddable banner's two calls: read the visitor's cookie choices, and record new ones
 * (source EMBED, evidence `form: embedded-banner` and the embedding site's origin). Global
 * Privacy Control — the browser's Sec-GPC header, or `navigator.globalPrivacyControl` as the
 * script reports it (a signal that only ever turns something off, so a client's word is
 * enough) — withdraws advertising as on the portal (P-15).
 */
import { COOKIE_CATEGORIES, type CookieCategory } from "@privet/domain/consent";
import type { Context } from "../../context/context.js";
import { badInput } from "../../errors/app-error.js";
import {
  type CookieChoice,
  checkCookieChoices,
  cookieChoiceWrites,
  currentConsentsOf,
  recordConsents,
  toCookieConsents,
} from "../consent/public.js";
import {
  createEmbedVisitor,
  type EmbedVisitor,
  findEmbedVisitor,
  newEmbedVisitor,
} from "./embed-visitor.js";

type Writes = ReturnType<typeof cookieChoiceWrites>;

export interface EmbedAnswer {
  /** The id the banner should keep: null when it has none yet (or forgot an unknown one). */
  readonly visitorId: string | null;
  readonly gpc: boolean;
  readonly consents: ReturnType<typeof toCookieConsents>;
}

/** The body's choices, checked for shape (the API's own words, never the value sent). */
export function choicesOf(body: unknown): CookieChoice[] {
  const choices = (body as { choices?: unknown } | null)?.choices;
  const shape =
    Array.isArray(choices) &&
    choices.length <= COOKIE_CATEGORIES.length &&
    choices.every(
      (choice) =>
        typeof choice === "object" &&
        choice !== null &&
        COOKIE_CATEGORIES.includes((choice as { category: CookieCategory }).category) &&
        typeof (choice as { enabled: unknown }).enabled === "boolean",
    );
  if (!shape) {
    throw badInput(
      "choices",
      `Send choices as a list of { category, enabled }, each category one of ${COOKIE_CATEGORIES.join(", ")}.`,
    );
  }
  const list = (choices as CookieChoice[]).map(({ category, enabled }) => ({ category, enabled }));
  checkCookieChoices(list);
  return list;
}

/** GPC as a withdrawal of advertising, unless the choices already leave it withdrawn. */
function gpcWrites(visitor: { id: string }, writes: Writes, now: string | undefined): Writes {
  const after = writes.findLast((w) => w.purpose === "REMARKETING")?.state ?? now;
  if (after === "WITHDRAWN") return [];
  return [
    {
      subject: { kind: "VISITOR", id: visitor.id },
      purpose: "REMARKETING",
      state: "WITHDRAWN",
      source: "GPC",
      evidence: { signal: "Global Privacy Control", form: "embedded-banner" },
    },
  ];
}

async function answer(
  context: Context,
  visitor: EmbedVisitor | null,
  visitorId: string | null,
  gpc: boolean,
): Promise<EmbedAnswer> {
  const current = visitor
    ? await currentConsentsOf(context, { kind: "VISITOR", id: visitor.id })
    : new Map();
  return { visitorId: visitor ? visitorId : null, gpc, consents: toCookieConsents(current, gpc) };
}

/** GET: the visitor's choices (none for a newcomer); GPC is applied to a known visitor. */
export async function readEmbedConsents(
  context: Context,
  visitorId: string | undefined,
  gpc: boolean,
): Promise<EmbedAnswer> {
  const visitor = await findEmbedVisitor(context.prisma, visitorId);
  if (visitor && gpc) {
    const subject = { kind: "VISITOR", id: visitor.id } as const;
    const now = (await currentConsentsOf(context, subject)).get("REMARKETING")?.state;
    const writes = gpcWrites(visitor, [], now);
    if (writes.length > 0 || !visitor.gpcSeenAt) {
      await recordConsents(context, writes, (tx) =>
        tx.visitor.update({ where: { id: visitor.id }, data: { gpcSeenAt: context.request.now } }),
      );
    }
  }
  return answer(context, visitor, visitorId ?? null, gpc);
}

/** POST: records the choices; a newcomer's row (and id) is made only once there is one. */
export async function recordEmbedConsents(
  context: Context,
  visitorId: string | undefined,
  choices: readonly CookieChoice[],
  gpc: boolean,
  site: string | null,
): Promise<EmbedAnswer> {
  const known = await findEmbedVisitor(context.prisma, visitorId);
  const created = known ? null : newEmbedVisitor();
  const visitor = known ?? created?.row;
  if (!visitor) throw new Error("unreachable: a visitor is known or made");
  const subject = { kind: "VISITOR", id: visitor.id } as const;
  const current = known ? await currentConsentsOf(context, subject) : new Map();
  const writes = cookieChoiceWrites({
    subject,
    current,
    choices,
    gpc,
    source: "EMBED",
    evidence: { form: "embedded-banner", site },
  });
  if (gpc) writes.push(...gpcWrites(visitor, writes, current.get("REMARKETING")?.state));
  const make = created && writes.length > 0 ? created : null;
  await recordConsents(
    context,
    writes,
    make ? (tx) => createEmbedVisitor(tx, make, context.request.now, gpc) : undefined,
  );
  if (created && !make) return answer(context, null, null, gpc);
  return answer(context, visitor, make ? make.visitorId : (visitorId ?? null), gpc);
}
