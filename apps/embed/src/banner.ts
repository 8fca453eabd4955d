/**
 * The banner itself (P-13): Accept all, Reject all, or Choose — three buttons of equal weight,
 * one switch per purpose, as on the portal. A labelled region, first in the page, that takes
 * focus when it appears and gives it back when it closes; every control is a native button or
 * checkbox (keyboard by default), and Escape closes it when reopened from the site's "Cookie
 * settings". Under Global Privacy Control advertising is off, locked and explained (P-15).
 */
import type { CookieCategory } from "@privet/domain/consent";
import { type Choice, type EmbedAnswer, type Fetch, readConsents, saveConsents } from "./api.js";
import { STYLE } from "./style.js";
import { keepVisitorId, loadVisitorId } from "./visitor-id.js";
import { PURPOSE_SWITCHES, TEXT } from "./words.js";

export interface BannerOptions {
  readonly api: string;
  readonly document: Document;
  readonly storage: Storage;
  readonly fetch: Fetch;
  /** navigator.globalPrivacyControl; the API also honours the Sec-GPC header it sees. */
  readonly gpc: boolean;
}

export interface Banner {
  /** Shows the banner with the current choices; focus returns to `from` when it closes. */
  open(from?: HTMLElement | null): void;
  readonly answer: EmbedAnswer;
}

/** Fired on window after every recorded choice, for the site's own scripts to follow. */
export const CONSENT_EVENT = "privet:consent";

type Attrs = Record<string, string | boolean>;

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null)[]
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false) continue;
    node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) if (child !== null) node.append(child);
  return node;
}

export async function startBanner(options: BannerOptions): Promise<Banner> {
  const doc = options.document;
  let visitorId = loadVisitorId(options.storage);
  let answer = await readConsents(options.fetch, options.api, visitorId, options.gpc);
  if (answer.visitorId !== visitorId) {
    // The API did not know the id (a reset, or never ours): forget it.
    visitorId = answer.visitorId;
    keepVisitorId(options.storage, visitorId);
  }
  let region: HTMLElement | null = null;
  let opener: HTMLElement | null = null;
  const gpc = () => options.gpc || answer.gpc;
  const stateOf = (category: CookieCategory) =>
    answer.consents.find((c) => c.category === category);

  const close = () => {
    region?.remove();
    region = null;
    const back = opener?.isConnected ? opener : null;
    opener = null;
    back?.focus();
  };

  const submit = async (enabled: (category: CookieCategory) => boolean, root: HTMLElement) => {
    const buttons = [...root.querySelectorAll("button")];
    for (const button of buttons) button.disabled = true;
    const choices: Choice[] = answer.consents
      .filter((c) => !c.required)
      .map((c) => ({ category: c.category, enabled: enabled(c.category) }));
    try {
      answer = await saveConsents(options.fetch, options.api, visitorId, choices, gpc());
      visitorId = answer.visitorId ?? visitorId;
      keepVisitorId(options.storage, visitorId);
      doc.defaultView?.dispatchEvent(new CustomEvent(CONSENT_EVENT, { detail: answer.consents }));
      close();
    } catch {
      const alert = root.querySelector<HTMLElement>("[data-privet-error]");
      if (alert) alert.textContent = TEXT.failed;
      for (const button of buttons) button.disabled = false;
    }
  };

  const render = (reopened: boolean, choosing: boolean) => {
    const root = el(doc, "section", {
      class: "privet-banner",
      "aria-labelledby": "privet-banner-title",
      tabindex: "-1",
    });
    const switches = PURPOSE_SWITCHES.map((s) => {
      // The API says which switch GPC locks (advertising), told of the script's signal too.
      const locked = s.categories.some((c) => stateOf(c)?.lockedByGpc);
      const input = el(doc, "input", {
        type: "checkbox",
        role: "switch",
        name: s.purpose,
        checked: !locked && s.categories.every((c) => stateOf(c)?.enabled),
        disabled: locked,
      });
      const text = el(doc, "span", {}, el(doc, "strong", {}, s.label), ` — ${s.description}`);
      if (locked) text.append(TEXT.lockedByGpc);
      return { s, input, label: el(doc, "label", { class: "privet-switch" }, input, text) };
    });
    const ticked = (category: CookieCategory) =>
      switches.find((w) => w.s.categories.includes(category))?.input.checked ?? false;
    const button = (label: string, onClick: () => void) => {
      const b = el(doc, "button", { type: "button" }, label);
      b.addEventListener("click", onClick);
      return b;
    };
    const head = el(
      doc,
      "div",
      { class: "privet-head" },
      el(doc, "h2", { id: "privet-banner-title" }, TEXT.title),
    );
    if (reopened) head.append(button(TEXT.close, close));
    const parts: (Node | null)[] = [
      el(doc, "style", {}, STYLE),
      head,
      el(doc, "p", {}, TEXT.intro),
      gpc() ? el(doc, "p", { class: "privet-gpc", "data-privet-gpc": true }, TEXT.gpc) : null,
      choosing
        ? el(
            doc,
            "fieldset",
            {},
            el(doc, "legend", {}, TEXT.legend),
            ...switches.map((w) => w.label),
          )
        : null,
      el(doc, "p", { role: "alert", "data-privet-error": true }),
      el(
        doc,
        "div",
        { class: "privet-actions" },
        button(TEXT.acceptAll, () => submit(() => true, root)),
        button(TEXT.rejectAll, () => submit(() => false, root)),
        choosing
          ? button(TEXT.save, () => submit(ticked, root))
          : button(TEXT.choose, () => show(reopened, true)),
      ),
    ];
    for (const part of parts) if (part) root.append(part);
    root.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && reopened) close();
    });
    return root;
  };

  const show = (reopened: boolean, choosing: boolean) => {
    const next = render(reopened, choosing);
    if (region) region.replaceWith(next);
    else doc.body.prepend(next);
    region = next;
    next.focus({ preventScroll: true });
  };

  const undecided = answer.consents.some((c) => !c.required && c.state === null);
  if (undecided) {
    opener = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
    show(false, false);
  }
  return {
    get answer() {
      return answer;
    },
    open(from = null) {
      opener = from ?? (doc.activeElement instanceof HTMLElement ? doc.activeElement : null);
      show(true, true);
    },
  };
}
