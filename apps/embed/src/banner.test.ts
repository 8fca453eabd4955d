/**
 * The banner's logic in a DOM (jsdom), against a fake API that answers as modules/embed does
 * and records what was sent: the three equal choices, one switch per purpose in the domain's
 * words, only the visitor id stored, focus in and back, Escape, and GPC explained and locked.
 */
import { COOKIE_CATEGORIES, COOKIE_CATEGORY_PURPOSE } from "@privet/domain/consent";
import { PURPOSE_LABELS } from "@privet/domain/labels";
import { PURPOSE_DEFINITIONS } from "@privet/domain/purposes";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Choice, CookieConsent, EmbedAnswer, Fetch } from "./api.js";
import { startBanner } from "./banner.js";
import { VISITOR_ID_KEY } from "./visitor-id.js";

const API = "https://api.example";
const ISSUED_ID = "v".repeat(43);

/** A fake /embed/consents: keeps one visitor's choices, as the API would. */
function fakeApi(options: { gpc?: boolean; known?: string; failSaves?: boolean } = {}) {
  const sent: { method: string; url: string; headers: Record<string, string>; body?: unknown }[] =
    [];
  const states = new Map<string, string | null>();
  let id: string | null = options.known ?? null;
  const consents = (gpc: boolean): CookieConsent[] =>
    COOKIE_CATEGORIES.map((category) => {
      const purpose = COOKIE_CATEGORY_PURPOSE[category];
      const state = purpose ? (states.get(category) ?? null) : "GIVEN";
      return {
        category,
        purpose,
        state,
        enabled: state === "GIVEN",
        required: purpose === null,
        lockedByGpc: gpc && category === "ADVERTISING",
      };
    });
  const fetch: Fetch = async (input, init) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    sent.push({ method: init?.method ?? "GET", url: String(input), headers, body });
    const gpc = options.gpc || String(input).includes("gpc=1") || body?.gpc === true;
    if (init?.method === "POST") {
      if (options.failSaves) return new Response("{}", { status: 503 });
      for (const choice of body.choices as Choice[]) {
        const off = gpc && choice.category === "ADVERTISING";
        states.set(choice.category, choice.enabled && !off ? "GIVEN" : "REFUSED");
      }
      id ??= ISSUED_ID;
    }
    const known = headers["x-privet-visitor"] === id || init?.method === "POST";
    const answer: EmbedAnswer = { visitorId: known ? id : null, gpc, consents: consents(gpc) };
    return new Response(JSON.stringify(answer), { status: 200 });
  };
  return { fetch, sent, states };
}

const region = () => document.querySelector<HTMLElement>("section[aria-labelledby]");
const button = (name: string) =>
  [...document.querySelectorAll("button")].find((b) => b.textContent === name);

describe("the embeddable banner", () => {
  let opener: HTMLButtonElement;
  beforeEach(() => {
    localStorage.clear();
    document.body.innerHTML = `<main><button id="settings">Cookie settings</button></main>`;
    opener = document.getElementById("settings") as HTMLButtonElement;
  });
  afterEach(() => {
    document.body.innerHTML = "";
  });

  const start = (api: ReturnType<typeof fakeApi>, gpc = false) =>
    startBanner({ api: API, document, storage: localStorage, fetch: api.fetch, gpc });

  it("[P-13] offers Accept all, Reject all and Choose as three equal buttons, in a labelled region that takes focus first", async () => {
    await start(fakeApi());
    const shown = region();
    expect(shown).not.toBeNull();
    expect(document.body.firstElementChild).toBe(shown);
    expect(document.activeElement).toBe(shown);
    const title = document.getElementById(shown?.getAttribute("aria-labelledby") ?? "");
    expect(title?.textContent).toBe("Cookies on this site");
    const actions = [...(shown?.querySelectorAll(".privet-actions > button") ?? [])];
    expect(actions.map((b) => b.textContent)).toEqual([
      "Accept all",
      "Reject all",
      "Choose cookies",
    ]);
    // Equal weight: the same element, the same class, no styling of one over another.
    expect(new Set(actions.map((b) => `${b.tagName}.${b.className}`)).size).toBe(1);
  });

  it("records Reject all with every optional category off, keeps only the visitor id, and gives focus back", async () => {
    const api = fakeApi();
    opener.focus();
    await start(api);
    button("Reject all")?.click();
    await expect.poll(() => region()).toBeNull();
    const post = api.sent.find((r) => r.method === "POST");
    expect(post?.url).toBe(`${API}/embed/consents`);
    expect(post?.headers["x-privet-embed"]).toBe("1");
    expect(post?.body).toEqual({
      choices: [
        { category: "PREFERENCES", enabled: false },
        { category: "ANALYTICS", enabled: false },
        { category: "ADVERTISING", enabled: false },
      ],
      gpc: false,
    });
    expect({ ...localStorage }).toEqual({ [VISITOR_ID_KEY]: ISSUED_ID });
    expect(document.cookie).toBe("");
    expect(document.activeElement).toBe(opener);
  });

  it("names the visitor by its id on the next page, and stays closed once decided", async () => {
    const api = fakeApi({ known: ISSUED_ID });
    localStorage.setItem(VISITOR_ID_KEY, ISSUED_ID);
    await start(api);
    expect(api.sent[0]?.headers["x-privet-visitor"]).toBe(ISSUED_ID);
    // Nothing decided yet for this id: shown. Decide, then a new page load stays quiet.
    button("Accept all")?.click();
    await expect.poll(() => region()).toBeNull();
    await start(api);
    expect(region()).toBeNull();
  });

  it("forgets an id the API does not know rather than keep sending it", async () => {
    localStorage.setItem(VISITOR_ID_KEY, "x".repeat(43));
    await start(fakeApi());
    expect(localStorage.getItem(VISITOR_ID_KEY)).toBeNull();
  });

  it("shows one switch per purpose, in the domain's words, and saves what was switched", async () => {
    const api = fakeApi();
    await start(api);
    button("Choose cookies")?.click();
    const switches = [...document.querySelectorAll<HTMLInputElement>("input[role=switch]")];
    expect(switches.map((s) => s.name)).toEqual([
      "PERSONALISATION",
      "SERVICE_IMPROVEMENT",
      "REMARKETING",
    ]);
    const analytics = switches[1]?.closest("label")?.textContent ?? "";
    expect(analytics).toContain(`${PURPOSE_LABELS.SERVICE_IMPROVEMENT} (analytics cookies)`);
    expect(analytics).toContain(PURPOSE_DEFINITIONS.SERVICE_IMPROVEMENT.description);
    expect(document.querySelector("fieldset legend")?.textContent).toBe(
      "Choose which optional cookies to allow",
    );
    switches[1]?.click();
    button("Save my choices")?.click();
    await expect.poll(() => region()).toBeNull();
    expect(api.states.get("ANALYTICS")).toBe("GIVEN");
    expect(api.states.get("ADVERTISING")).toBe("REFUSED");
  });

  it("reopens from the site's Cookie settings with the current choices, and Escape closes it, giving focus back", async () => {
    const api = fakeApi();
    const banner = await start(api);
    button("Accept all")?.click();
    await expect.poll(() => region()).toBeNull();
    banner.open(opener);
    expect(document.activeElement).toBe(region());
    expect(
      [...document.querySelectorAll<HTMLInputElement>("input[role=switch]")].every(
        (s) => s.checked,
      ),
    ).toBe(true);
    region()?.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(region()).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it("[P-15] under GPC explains it, keeps the advertising switch off and locked, and tells the API", async () => {
    const api = fakeApi();
    await start(api, true);
    expect(api.sent[0]?.url).toBe(`${API}/embed/consents?gpc=1`);
    expect(document.querySelector("[data-privet-gpc]")?.textContent).toMatch(
      /Global Privacy Control \(GPC\).*not to sell or share your data/,
    );
    button("Choose cookies")?.click();
    const advertising = document.querySelector<HTMLInputElement>("input[name=REMARKETING]");
    expect(advertising?.checked).toBe(false);
    expect(advertising?.disabled).toBe(true);
    button("Accept all")?.click();
    await expect.poll(() => region()).toBeNull();
    expect(api.sent.find((r) => r.method === "POST")?.body).toMatchObject({ gpc: true });
    expect(api.states.get("ADVERTISING")).toBe("REFUSED");
  });

  it("says so in words when the choice could not be saved, and lets the visitor try again", async () => {
    await start(fakeApi({ failSaves: true }));
    button("Reject all")?.click();
    await expect
      .poll(() => document.querySelector("[role=alert]")?.textContent)
      .toBe("We could not save your choice. Please try again.");
    expect(button("Reject all")?.disabled).toBe(false);
    expect(localStorage.length).toBe(0);
  });
});
