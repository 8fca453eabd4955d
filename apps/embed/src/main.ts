/**
 * The script a site includes:
 *   <script src="https://api.example.com/embed/privet-banner.js" data-api="https://api.example.com" defer></script>
 * `data-api` is the Privet API's address (default: where the script came from). Any element
 * with `data-privet-cookie-settings` reopens the banner; so does `PrivetBanner.open()`.
 */
import { type Banner, startBanner } from "./banner.js";

const script = document.currentScript as HTMLScriptElement | null;
const api = (script?.dataset.api ?? new URL(script?.src ?? location.href).origin).replace(
  /\/+$/,
  "",
);
const started: Promise<Banner | null> = startBanner({
  api,
  document,
  storage: localStorage,
  fetch: (input, init) => fetch(input, init),
  gpc: (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true,
}).catch(() => null); // the API unreachable: the site works, and nothing optional is on

/** Reopens the banner (for the site's own "Cookie settings" link). */
export function open(from: HTMLElement | null = null): void {
  void started.then((banner) => banner?.open(from));
}

document.addEventListener("click", (event) => {
  const target = (event.target as Element | null)?.closest?.("[data-privet-cookie-settings]");
  if (target) {
    event.preventDefault();
    open(target as HTMLElement);
  }
});
