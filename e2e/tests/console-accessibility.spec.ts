/**
 * Accessibility of the console: axe-core on every page the administrator and the privacy
 * officer can open (their sidebars name the pages, so an area added later is checked without
 * a change here), with zero serious or critical violations of WCAG 2.1 A and AA; then the
 * privacy-request queue worked by keyboard alone, its purpose declared too — Tab to a control,
 * the arrow keys to choose a purpose, Enter or Space to press it, never the mouse.
 */
import { AxeBuilder } from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { consoleAs, consoleNav, consolePage, STAFF, staffSignIn } from "../support/console.js";
import { apiClient, gqlOk, registerCustomer } from "../support/graphql.js";

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** The serious and critical violations on the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  await expect(page.locator("main .loading")).toHaveCount(0);
  const { violations, passes } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  // axe ran its rules on this page (a page it could not read would pass vacuously).
  expect(passes.length).toBeGreaterThan(10);
  if (process.env.PRIVET_E2E_AXE_DEBUG)
    console.log(
      page.url(),
      violations.map((v) => `${v.id}:${v.impact}`),
    );
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Moves in the app's own router (a reload would forget the declared purpose). */
async function go(page: Page, path: string) {
  await page.evaluate((to) => {
    window.history.pushState({}, "", to);
    window.dispatchEvent(new PopStateEvent("popstate"));
  }, path);
  await expect(page.locator("main h1")).toBeVisible();
}

/**
 * Where a page waits for a declaration, declares the area's proposed purpose (or else the
 * role's first), so the page itself is checked rather than its "declare first" notice.
 */
async function declareHere(page: Page, ref: string) {
  const bar = page.getByRole("form", { name: "Declared purpose" });
  if ((await bar.count()) === 0) return;
  if (!(await bar.getByText(/^Nothing declared here/).isVisible())) return;
  const select = bar.getByLabel("Purpose");
  if ((await select.inputValue()) === "") {
    const offered = await select
      .locator("option")
      .evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    await select.selectOption(offered[0] ?? "");
  }
  await bar.getByLabel(/^Reference/).fill(ref);
  await bar.getByRole("button", { name: "Declare" }).click();
  await expect(bar.locator(".status")).toContainText(`(ref. ${ref})`);
  await expect(page.locator("main h1")).toBeVisible();
}

/** Every page in the role's sidebar, each checked; then a customer opened from the search. */
async function checkEveryPage(page: Page) {
  const links = consoleNav(page).getByRole("link");
  const paths = await links.evaluateAll((all) => all.map((a) => a.getAttribute("href") ?? ""));
  expect(paths.length).toBeGreaterThan(2);
  const found: Record<string, string[]> = {};
  for (const path of paths) {
    await go(page, path);
    await declareHere(page, "A11Y-1");
    found[path] = await seriousViolations(page);
  }
  // A customer of its own, found with the picker by their email.
  const api = await apiClient();
  const customer = await registerCustomer(api);
  await api.dispose();
  await go(page, "/customers");
  await declareHere(page, "A11Y-1");
  await page.getByRole("combobox", { name: "Find a customer" }).fill(customer.email);
  const found1 = page
    .getByRole("listbox", { name: "Find a customer" })
    .getByRole("option")
    .filter({ hasText: customer.email });
  await expect(found1).toHaveCount(1);
  found["/customers (found)"] = await seriousViolations(page);
  await found1.click();
  await expect(page.getByRole("heading", { level: 1, name: /^Customer/ })).toBeVisible();
  found["/customers/:id"] = await seriousViolations(page);
  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((path) => [path, []])));
}

test("the sign-in page has no serious accessibility violations", async ({ browser }) => {
  const page = await consolePage(browser);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Staff sign-in" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.context().close();
});

test("every page the privacy officer can open has no serious accessibility violations", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await consoleAs(browser, "privacy");
  await checkEveryPage(page);
  await page.context().close();
});

test("every page the administrator can open has no serious accessibility violations", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await consolePage(browser);
  await staffSignIn(page, STAFF.administrator);
  await checkEveryPage(page);
  await page.context().close();
});

/**
 * Presses Tab (or Shift+Tab, `back`) until `target` has the focus (from wherever the focus is
 * now).
 */
async function tabTo(page: Page, target: ReturnType<Page["locator"]>, most = 400, back = false) {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`${back ? "Shift+Tab" : "Tab"} never reached ${target}`);
}

/**
 * Declares a purpose in the purpose bar by keyboard alone: back from the page into the bar,
 * the purpose chosen with the arrow keys (away from the one shown first and back, so the keys
 * are seen to work), the reference typed, Enter to declare.
 */
async function declareByKeyboard(page: Page, purpose: string, ref: string) {
  const bar = page.getByRole("form", { name: "Declared purpose" });
  const select = bar.getByLabel("Purpose");
  await tabTo(page, select, 20, true);
  const count = await select.locator("option").count();
  expect(count).toBeGreaterThan(1);
  const first = await select.inputValue();
  await page.keyboard.press(first === "" ? "ArrowDown" : "ArrowUp");
  if ((await select.inputValue()) === first) await page.keyboard.press("ArrowDown");
  expect(await select.inputValue()).not.toBe(first);
  for (const key of ["ArrowUp", "ArrowDown"]) {
    for (let i = 0; i < count && (await select.inputValue()) !== purpose; i++) {
      await page.keyboard.press(key);
    }
  }
  await expect(select).toHaveValue(purpose);
  await page.keyboard.press("Tab");
  const reference = bar.getByLabel("Reference (ticket, incident, legal request)");
  await expect(reference).toBeFocused();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(ref);
  await page.keyboard.press("Enter");
  await expect(bar.locator(".status")).toContainText(`(ref. ${ref})`);
}

test("the privacy-request queue can be worked by keyboard alone", async ({ browser }) => {
  test.setTimeout(120_000);
  // A customer files an access request through the API.
  const api = await apiClient();
  const customer = await registerCustomer(api);
  await gqlOk(api, `mutation { submitPrivacyRequest(input: { kind: ACCESS }) { id } }`);
  await api.dispose();

  const page = await consoleAs(browser, "privacy");
  await go(page, "/");
  // From here on only the keyboard: into the sidebar, to the queue.
  await page.locator("body").focus();
  await tabTo(page, consoleNav(page).getByRole("link", { name: "Privacy requests", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Privacy requests" })).toBeVisible();
  // The focus moved to the new page; the purpose bar sits just before it.
  await expect(page.locator("main")).toBeFocused();
  // The queue's actions are recorded with the purpose they are taken under: declared first.
  await expect(page.getByText("Declare a purpose above to act on it.").first()).toBeVisible();
  await declareByKeyboard(page, "PRIVACY_REQUEST_HANDLING", "KBD-1");
  // The queue shows the customer by their id (listing it reads no one's personal data).
  const row = page.getByRole("row").filter({ hasText: customer.id });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Received");

  // Verify with Enter…
  await tabTo(page, row.getByRole("button", { name: /^Verify/ }));
  await page.keyboard.press("Enter");
  await expect(row).toContainText("Verified");
  // …and start work with Space, wherever the focus went once the row changed.
  await tabTo(page, row.getByRole("button", { name: /^Start/ }));
  await page.keyboard.press("Space");
  await expect(row).toContainText("In progress");
  // The focus is always visible: the browser draws the focused control's outline.
  await tabTo(page, row.getByRole("button").first());
  const outline = await row
    .getByRole("button")
    .first()
    .evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe("none");
  await page.context().close();
});
