/**
 * The notice to an affected person, in the form California prescribes (Cal. Civ. Code
 * § 1798.82(d)(1)): these five headings, in this order. One table holds the headings and the
 * BreachNotice columns behind them, so the drafts, the review screen and the email body all
 * follow it.
 *
 * The notice names no one and quotes none of the person's data: it lists which kinds of their
 * data were involved (by the taxonomy's labels), so it is safe to show and to log by id.
 */
import { isoDate } from "@privet/domain/clocks";
import { CATEGORIES, type DataCategory } from "@privet/domain/taxonomy";

export const NOTICE_SECTIONS = [
  { heading: "What Happened", column: "whatHappened" },
  { heading: "What Information Was Involved", column: "whatInfo" },
  { heading: "What We Are Doing", column: "whatWeAreDoing" },
  { heading: "What You Can Do", column: "whatYouCanDo" },
  { heading: "For More Information", column: "moreInfo" },
] as const;

export type NoticeColumn = (typeof NOTICE_SECTIONS)[number]["column"];
export type NoticeSections = Record<NoticeColumn, string>;

export const NOTICE_TITLE = "Notice of Data Breach";

/** The whole notice as text: title, then each heading followed by its section. */
export function renderNotice(sections: NoticeSections): string {
  return [
    NOTICE_TITLE,
    ...NOTICE_SECTIONS.map(({ heading, column }) => `${heading}\n\n${sections[column]}`),
  ].join("\n\n");
}

export function noticeSubject(): string {
  return `${NOTICE_TITLE}: information about you may have been exposed`;
}

export interface IncidentFacts {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly discoveredAt: Date;
  readonly windowStart: Date;
  readonly windowEnd: Date;
}

/**
 * Advice per kind of data, shown under "What You Can Do" to the people whose data of that
 * kind was involved. Order is the order shown.
 */
const ADVICE: ReadonlyArray<{
  readonly categories: readonly DataCategory[];
  readonly text: string;
}> = [
  {
    categories: ["user.credentials.password"],
    text: "Change your password, and change it anywhere else you used the same one.",
  },
  {
    categories: [
      "user.financial.card.brand",
      "user.financial.card.last4",
      "user.financial.card.expiry",
      "user.financial.card.token",
    ],
    text: "Check your card statements for payments you do not recognise and report any to your bank. We never stored your full card number.",
  },
  {
    categories: ["user.contact.email", "user.name"],
    text: "Be wary of emails that use your name or address and ask for your password or payment details: we never ask for them by email.",
  },
];

/** The parts of every notice of one incident that do not depend on the person. */
export function sharedSections(
  incident: IncidentFacts,
  portalUrl: string,
): Omit<NoticeSections, "whatInfo"> {
  return {
    whatHappened: [
      `On ${isoDate(incident.discoveredAt)} we discovered a security incident: ${incident.title}.`,
      incident.description,
      `The information was exposed between ${isoDate(incident.windowStart)} and ${isoDate(incident.windowEnd)} (UTC dates).`,
    ].join("\n\n"),
    whatWeAreDoing:
      "We have contained the incident and are investigating how it happened. We are notifying everyone whose information was involved and, where the law requires it, the authorities, and we are reviewing our safeguards to prevent it from happening again.",
    whatYouCanDo:
      "Stay alert to messages or charges you do not recognise, and review your account at any time.",
    moreInfo: `Write to us through the contact page (${portalUrl}/contact) and quote reference ${incident.id}. You can also see and export the information we hold about you from your account.`,
  };
}

/** The items the statement picks from, per customer, by the categories involved for them. */
export interface NoticeItem {
  readonly section: "info" | "advice";
  readonly ord: number;
  readonly text: string;
  readonly categories: readonly DataCategory[];
}

export const INFO_INTRO =
  "The information involved is what we held about you during that time, of these kinds:";

export function noticeItems(): NoticeItem[] {
  const info = (Object.keys(CATEGORIES) as DataCategory[]).map((category, ord) => ({
    section: "info" as const,
    ord,
    text: `- ${CATEGORIES[category].label}`,
    categories: [category],
  }));
  const advice = ADVICE.map((item, ord) => ({
    section: "advice" as const,
    ord,
    text: item.text,
    categories: item.categories,
  }));
  return [...info, ...advice];
}

/** The same sections drafted in JavaScript for one person (for previews and tests). */
export function draftNotice(
  incident: IncidentFacts,
  categories: readonly DataCategory[],
  portalUrl: string,
): NoticeSections {
  const shared = sharedSections(incident, portalUrl);
  const items = noticeItems();
  const pick = (section: NoticeItem["section"]) =>
    items
      .filter((i) => i.section === section && i.categories.some((c) => categories.includes(c)))
      .map((i) => i.text);
  const advice = pick("advice");
  return {
    ...shared,
    whatInfo: [INFO_INTRO, pick("info").join("\n")].join("\n\n"),
    whatYouCanDo: [shared.whatYouCanDo, ...advice].join("\n\n"),
  };
}
