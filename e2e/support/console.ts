/**
 * What a staff member does in the console (its own origin, CONSOLE_URL), through its labels and
 * roles; and a staff session over the API for the tests' checks.
 */
import {
  type APIRequestContext,
  type Browser,
  expect,
  type Page,
  request,
  test,
} from "@playwright/test";
import { DEMO_PASSWORD } from "./graphql.js";
import { STAFF, type StaffKey, sessionFile } from "./staff-sessions.js";
import { demoSecretOf, withTotpCode } from "./totp.js";
import { CONSOLE_URL } from "./urls.js";

/**
 * A browser context of its own for the console: cookies belong to the host, not the port, so a
 * staff session must not share a jar with a customer's portal session. It takes the running
 * project's device (desktop, or the console-mobile project's phone).
 */
export async function consolePage(browser: Browser, signedInAs?: StaffKey): Promise<Page> {
  const { viewport, isMobile, hasTouch, userAgent, deviceScaleFactor } = test.info().project.use;
  const context = await browser.newContext({
    storageState: signedInAs ? sessionFile(signedInAs) : undefined,
    baseURL: CONSOLE_URL,
    viewport: viewport ?? { width: 1280, height: 800 },
    ...(isMobile ? { isMobile, hasTouch, userAgent, deviceScaleFactor } : {}),
    locale: "en-GB",
    timezoneId: "UTC",
  });
  return context.newPage();
}

export { STAFF };

/** Opens the console signed in with the run's stored session (see staff-sessions.ts). */
export async function consoleAs(browser: Browser, who: StaffKey): Promise<Page> {
  const page = await consolePage(browser, who);
  await page.goto(`${CONSOLE_URL}/`);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  return page;
}

/**
 * Signs in through the console's form; waits for the frame with the role's areas. The demo
 * administrator and privacy officer are then asked for their authenticator's code, which this
 * types as the member would (support/totp.ts).
 */
export async function staffSignIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${CONSOLE_URL}/`);
  await expect(page.getByRole("heading", { level: 1, name: "Staff sign-in" })).toBeVisible();
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const secret = demoSecretOf(email);
  if (secret) await enterAuthenticationCode(page, email, secret);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Types codes of this secret into the sign-in's code step until one is accepted. */
export async function enterAuthenticationCode(page: Page, account: string, secret: string) {
  const field = page.getByLabel("Authentication code");
  await withTotpCode(account, secret, async (code) => {
    await field.fill(code);
    await page.getByRole("button", { name: /^(Sign in|Confirm and sign in)$/ }).click();
    const signOut = page.getByRole("button", { name: "Sign out" });
    const refused = page.getByText("That code is not correct, or was already used.");
    await expect(signOut.or(refused)).toBeVisible();
    return (await signOut.isVisible()) ? { refused: false, value: null } : { refused: true };
  });
}

/** The console's main navigation. */
export function consoleNav(page: Page) {
  return page.getByRole("navigation", { name: "Main" });
}

/**
 * An area's link in the main navigation; on a phone, where the sidebar folds behind "Menu",
 * the menu is opened first.
 */
export async function navLink(page: Page, name: string) {
  const menu = page.getByRole("button", { name: "Menu" });
  if ((await menu.isVisible()) && (await menu.getAttribute("aria-expanded")) !== "true") {
    await menu.click();
  }
  return consoleNav(page).getByRole("link", { name, exact: true });
}

/**
 * Opens an area by its link in the navigation and waits for its heading. An area that shows
 * personal data opens only once a purpose is declared there (each area has its own): pass
 * `declare` to declare it on arrival, as a member would.
 */
export async function openArea(
  page: Page,
  link: string,
  heading: string | RegExp,
  declare?: readonly [purpose: string, ref: string],
) {
  await (await navLink(page, link)).click();
  if (declare) await declarePurpose(page, ...declare);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expect(page.locator("main .loading")).toHaveCount(0);
}

/**
 * Declares a purpose and reference in the purpose bar ("SUPPORT", "T-1042") for the area that
 * is open: moving to another area asks again.
 */
export async function declarePurpose(page: Page, purpose: string, ref: string) {
  const bar = page.getByRole("form", { name: "Declared purpose" });
  await bar.getByLabel("Purpose").selectOption(purpose);
  await bar.getByLabel("Reference (ticket, incident, legal request)").fill(ref);
  await bar.getByRole("button", { name: "Declare" }).click();
  await expect(bar.locator(".status")).toContainText(`(ref. ${ref})`);
}

/**
 * On the Customers page (a purpose declared): types into the customer picker and opens the
 * match whose line contains `match` (an email, say), as staff do; no id is typed.
 */
export async function openCustomer(page: Page, typed: string, match: string) {
  await page.getByRole("combobox", { name: "Find a customer" }).fill(typed);
  await page
    .getByRole("listbox", { name: "Find a customer" })
    .getByRole("option")
    .filter({ hasText: match })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: /^Customer / })).toBeVisible();
}

/** A fresh API client with the run's stored staff session (the cookie works on the API's port too). */
export function staffClient(who: StaffKey): Promise<APIRequestContext> {
  return request.newContext({ storageState: sessionFile(who) });
}
