/**
 * The cookie banner (P-13): accept all, reject all, or choose by category — three choices of
 * equal weight, in view at any screen size (the category list scrolls, the buttons do not).
 * A visitor's choice is stored against their cookie ID by the API and merged into the account
 * on sign-in. It is a region, not a modal: the policy and every page stay readable and usable
 * whatever the visitor does with it. It comes first in the page's focus order and takes focus
 * when it appears; "Cookie settings" in the footer reopens it with the current choices, and
 * closing it returns focus to that link (or to the page's content when it opened by itself).
 * When the browser sends Global Privacy Control it says what that means here (P-15).
 */
import { CookieBannerDocument, SetCookieConsentsDocument } from "@privet/client";
import { cookieCategoryLabel } from "@privet/domain/labels";
import { Link } from "@privet/ui/router";
import { useEffect, useRef, useState } from "react";
import { useMutation, useQuery } from "urql";

const OPEN_EVENT = "privet:cookie-settings";

/** Reopens the banner; focus returns to `from` when it closes. */
export function openCookieSettings(from: HTMLElement | null = null) {
  window.dispatchEvent(new CustomEvent<HTMLElement | null>(OPEN_EVENT, { detail: from }));
}

/**
 * The footer's persistent "Cookie settings": reopens the banner for a visitor; a signed-in
 * customer's cookies are switched with their purposes in the consent centre.
 */
export function CookieSettingsLink({ signedIn }: { signedIn: boolean }) {
  if (signedIn) return <Link href="/consents">Cookie settings</Link>;
  return (
    <button
      type="button"
      className="link-button"
      onClick={(event) => openCookieSettings(event.currentTarget)}
    >
      Cookie settings
    </button>
  );
}

export function CookieBanner() {
  const [{ data }] = useQuery({ query: CookieBannerDocument });
  const [saving, save] = useMutation(SetCookieConsentsDocument);
  const [choosing, setChoosing] = useState(false);
  const [choices, setChoices] = useState<Record<string, boolean>>({});
  // "auto": shown while a choice is missing; "open": reopened from Cookie settings.
  const [mode, setMode] = useState<"auto" | "open" | "closed">("auto");
  const region = useRef<HTMLElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  const optional = (data?.cookieConsents ?? []).filter((c) => !c.required);
  const undecided = optional.some((c) => c.state === null);
  const shown = Boolean(data) && (mode === "open" || (mode === "auto" && undecided));

  useEffect(() => {
    const open = (event: Event) => {
      opener.current = (event as CustomEvent<HTMLElement | null>).detail;
      setChoices({});
      setChoosing(true);
      setMode("open");
    };
    window.addEventListener(OPEN_EVENT, open);
    return () => window.removeEventListener(OPEN_EVENT, open);
  }, []);

  // Focus moves into the banner when it appears (it is also first in the page's order).
  useEffect(() => {
    if (shown) region.current?.focus({ preventScroll: true });
  }, [shown]);

  if (!data || !shown) return null;

  const close = () => {
    setMode("closed");
    setChoosing(false);
    const back = opener.current?.isConnected ? opener.current : document.getElementById("main");
    opener.current = null;
    back?.focus();
  };
  // A box not touched shows (and keeps) the current choice.
  const ticked = (category: string) =>
    choices[category] ?? optional.find((c) => c.category === category)?.enabled ?? false;
  const submit = async (enabled: (category: string) => boolean) => {
    const result = await save({
      choices: optional.map((c) => ({ category: c.category, enabled: enabled(c.category) })),
    });
    if (!result.error) close();
  };
  const reopened = mode === "open";

  return (
    <section
      ref={region}
      tabIndex={-1}
      className="cookie-banner"
      aria-labelledby="cookie-banner-title"
      onKeyDown={(event) => {
        if (event.key === "Escape" && reopened) close();
      }}
    >
      <div className="cookie-banner-body">
        <div className="cookie-banner-head">
          <h2 id="cookie-banner-title">Cookies on Privet</h2>
          {reopened && (
            <button type="button" className="link-button" onClick={close}>
              Close without changes
            </button>
          )}
        </div>
        <p>
          We use necessary cookies to keep you signed in, to recognise your browser when you sign in
          (so that someone guessing your password cannot lock you out) and to remember this choice.
          With your permission we also use optional cookies. Read more in our{" "}
          <Link href="/policy">privacy policy</Link>.
        </p>
        {data.privacySignals.gpc && (
          <p className="gpc-note" data-testid="banner-gpc">
            Your browser sends Global Privacy Control (GPC), a setting that asks websites not to
            sell or share your data for advertising. We honour it: advertising cookies stay off
            whatever you choose here, for as long as your browser sends it. The other cookies are up
            to you.
          </p>
        )}
        {choosing && (
          <fieldset>
            <legend>Choose which optional cookies to allow</legend>
            {optional.map((c) => (
              <label key={c.category} className="checkbox">
                <input
                  type="checkbox"
                  name={c.category}
                  checked={c.lockedByGpc ? false : ticked(c.category)}
                  disabled={c.lockedByGpc}
                  onChange={(event) =>
                    setChoices((current) => ({ ...current, [c.category]: event.target.checked }))
                  }
                />
                <span>
                  <strong>{cookieCategoryLabel(c.category)}</strong> — {c.description}
                  {c.lockedByGpc && " Kept off: your browser sends Global Privacy Control."}
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {saving.error && <p role="alert">We could not save your choice. Please try again.</p>}
      </div>
      <div className="actions">
        <button type="button" onClick={() => submit(() => true)} disabled={saving.fetching}>
          Accept all
        </button>
        <button type="button" onClick={() => submit(() => false)} disabled={saving.fetching}>
          Reject all
        </button>
        {choosing ? (
          <button type="button" onClick={() => submit(ticked)} disabled={saving.fetching}>
            Save my choices
          </button>
        ) : (
          <button type="button" onClick={() => setChoosing(true)}>
            Choose cookies
          </button>
        )}
      </div>
    </section>
  );
}
