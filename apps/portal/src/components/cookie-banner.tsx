/**
 * The cookie banner for visitors who are not signed in (P-13): accept all, reject all, or
 * choose by category. The choice is stored against the visitor's cookie ID by the API and
 * merged into the account on sign-in. It is a region at the foot of the page, not a modal:
 * the policy and every page stay readable and usable whatever the visitor does with it.
 */
import { CookieBannerDocument, SetCookieConsentsDocument } from "@privet/client";
import { cookieCategoryLabel } from "@privet/domain/labels";
import { Link } from "@privet/ui/router";
import { useState } from "react";
import { useMutation, useQuery } from "urql";

export function CookieBanner() {
  const [{ data }] = useQuery({ query: CookieBannerDocument });
  const [saving, save] = useMutation(SetCookieConsentsDocument);
  const [choosing, setChoosing] = useState(false);
  const [choices, setChoices] = useState<Record<string, boolean>>({});
  const [dismissed, setDismissed] = useState(false);

  const optional = (data?.cookieConsents ?? []).filter((c) => !c.required);
  const undecided = optional.some((c) => c.state === null);
  if (!data || dismissed || !undecided) return null;

  const submit = async (enabled: (category: string) => boolean) => {
    const result = await save({
      choices: optional.map((c) => ({ category: c.category, enabled: enabled(c.category) })),
    });
    if (!result.error) setDismissed(true);
  };

  return (
    <section className="cookie-banner" aria-labelledby="cookie-banner-title">
      <h2 id="cookie-banner-title">Cookies on Privet</h2>
      <p>
        We use necessary cookies to keep you signed in, to recognise your browser when you sign in
        (so that someone guessing your password cannot lock you out) and to remember this choice.
        With your permission we also use optional cookies. Read more in our{" "}
        <Link href="/policy">privacy policy</Link>.
      </p>
      {data.privacySignals.gpc && (
        <p className="gpc-note">
          Your browser sends Global Privacy Control, so advertising cookies stay off.
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
                checked={choices[c.category] ?? false}
                disabled={c.lockedByGpc}
                onChange={(event) =>
                  setChoices((current) => ({ ...current, [c.category]: event.target.checked }))
                }
              />
              <span>
                <strong>{cookieCategoryLabel(c.category)}</strong> — {c.description}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {saving.error && <p role="alert">We could not save your choice. Please try again.</p>}
      <div className="actions">
        <button type="button" onClick={() => submit(() => true)} disabled={saving.fetching}>
          Accept all
        </button>
        <button type="button" onClick={() => submit(() => false)} disabled={saving.fetching}>
          Reject all
        </button>
        {choosing ? (
          <button
            type="button"
            onClick={() => submit((category) => choices[category] ?? false)}
            disabled={saving.fetching}
          >
            Save my choices
          </button>
        ) : (
          <button type="button" className="secondary" onClick={() => setChoosing(true)}>
            Choose cookies
          </button>
        )}
      </div>
    </section>
  );
}
