/**
 * Full-page screenshots of the console's main pages at desktop size, written to
 * e2e/screenshots/console/<page>.png and committed, like the portal's: as the privacy officer
 * (who sees most areas) and as a support agent (who sees redactions). Tagged @screenshots like
 * the portal's (npm run screenshots refreshes both). The console-mobile project shoots the
 * pages of PHONE_PAGES again at phone size, to e2e/screenshots/console-mobile/.
 */
import { fileURLToPath } from "node:url";
import { expect, type Page, test } from "@playwright/test";
import {
  consoleAs,
  consolePage,
  declarePurpose,
  openCustomer,
  STAFF,
  staffSignIn,
} from "../support/console.js";
import { DEMO_CUSTOMER } from "../support/graphql.js";

const screenshots = fileURLToPath(new URL("../screenshots/", import.meta.url));
/** The pages shot at phone size too: the audit views, and a customer with their access log. */
const PHONE_PAGES = new Set([
  "sign-in",
  "home",
  "audit",
  "staff-actions",
  "customers",
  "customer-privacy-officer",
  "menu",
]);
/** Areas that show personal data open once a purpose is declared there (the area's own). */
const DECLARED_ON_ARRIVAL: Readonly<Record<string, readonly [string, string]>> = {
  "/requests": ["PRIVACY_REQUEST_HANDLING", "PR-1042"],
  "/support": ["SUPPORT", "T-1042"],
  "/marketing": ["MARKETING", "CAMPAIGN-1042"],
};

let folder = `${screenshots}console/`;
let phone = false;

async function shoot(page: Page, name: string) {
  if (phone && !PHONE_PAGES.has(name)) return;
  await expect(page.locator("main .loading")).toHaveCount(0);
  await expect(page.locator("main h1")).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.screenshot({
    path: `${folder}${name}.png`,
    fullPage: true,
    animations: "disabled",
    caret: "hide",
  });
}

test("the console's pages", { tag: "@screenshots" }, async ({ browser }, testInfo) => {
  phone = testInfo.project.name === "console-mobile";
  folder = `${screenshots}${testInfo.project.name}/`;
  test.setTimeout(90_000);

  await test.step("privacy officer", async () => {
    const page = await consolePage(browser);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Staff sign-in" })).toBeVisible();
    await shoot(page, "sign-in");
    await staffSignIn(page, STAFF.privacy);
    await shoot(page, "home");
    if (phone) {
      // The sidebar folds behind "Menu" on a phone: shoot it open, then close it again.
      await page.getByRole("button", { name: "Menu" }).click();
      await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
      await shoot(page, "menu");
      await page.getByRole("button", { name: "Menu" }).click();
    }
    // The in-app router; each area that shows personal data is declared for on arrival.
    const go = async (path: string) => {
      await page.evaluate((to) => {
        window.history.pushState({}, "", to);
        window.dispatchEvent(new PopStateEvent("popstate"));
      }, path);
      await expect(page).toHaveURL(new RegExp(`${path}$`));
    };
    for (const [path, name] of [
      ["/requests", "privacy-requests"],
      ["/support", "support"],
      ["/break-glass", "break-glass"],
      ["/processors", "processors"],
      ["/breaches", "breaches"],
      ["/marketing", "marketing"],
      ["/audit", "audit"],
      ["/staff-actions", "staff-actions"],
      ["/policy", "policy"],
    ] as const) {
      await go(path);
      const declare = DECLARED_ON_ARRIVAL[path];
      // The queue lists without personal data: nothing declared, requests cannot be opened.
      if (path === "/requests") await shoot(page, "privacy-requests-nothing-declared");
      if (declare) await declarePurpose(page, ...declare);
      await shoot(page, name);
    }
    await go("/customers");
    // What a page showing personal data says before anything is declared.
    await shoot(page, "customers-nothing-declared");
    await declarePurpose(page, "SUPPORT", "T-1042");
    await page.getByRole("combobox", { name: "Find a customer" }).fill(DEMO_CUSTOMER);
    const match = page
      .getByRole("listbox", { name: "Find a customer" })
      .getByRole("option")
      .filter({ hasText: DEMO_CUSTOMER });
    await expect(match).toHaveCount(1);
    await shoot(page, "customers");
    await match.click();
    await expect(page.getByRole("heading", { level: 1, name: /^Customer / })).toBeVisible();
    await shoot(page, "customer-privacy-officer");
    await page.context().close();
  });

  if (phone) return;
  await test.step("support agent", async () => {
    const page = await consoleAs(browser, "support");
    await shoot(page, "home-support-agent");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Customers" })
      .click();
    await declarePurpose(page, "SUPPORT", "T-1042");
    await openCustomer(page, DEMO_CUSTOMER, DEMO_CUSTOMER);
    await expect(page.locator(".withheld").first()).toBeVisible();
    await shoot(page, "customer-support-agent");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Support" })
      .click();
    await declarePurpose(page, "SUPPORT", "T-1042");
    await shoot(page, "support-queue-support-agent");
    await page.context().close();
  });
});
