/** What a person does in the portal, through its labels and roles. */
import { expect, type Page } from "@playwright/test";
import { type Customer, TEST_PASSWORD, uniqueEmail } from "./graphql.js";

/** Navigates inside the single-page app the way a person does: by its links. */
export async function follow(
  page: Page,
  name: string | RegExp,
  scope = page.getByRole("navigation", { name: "Main" }),
) {
  await openMenu(page);
  await scope.getByRole("link", { name, exact: typeof name === "string" }).click();
}

/** On a small screen the navigation is behind the Menu button: opens it if it is closed. */
export async function openMenu(page: Page) {
  const menu = page.getByRole("button", { name: "Menu" });
  if ((await menu.isVisible()) && (await menu.getAttribute("aria-expanded")) === "false") {
    await menu.click();
  }
}

/** Waits until the page has loaded its data: no "Loading …" status is left. */
export async function settled(page: Page) {
  await expect(page.locator("main .loading")).toHaveCount(0);
  await expect(page.locator("main h1")).toBeVisible();
}

/** Signs up through the form; returns the new customer. */
export async function signUp(page: Page, country = "Germany"): Promise<Omit<Customer, "id">> {
  const name = `E2E ${Math.random().toString(36).slice(2, 8)}`;
  const email = uniqueEmail("signup");
  await page.goto("/sign-up");
  await expect(page.getByRole("heading", { level: 1, name: "Create your account" })).toBeVisible();
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByLabel("Country you live in").selectOption({ label: country });
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Welcome to Privet" })).toBeVisible();
  // The frame knows who is signed in once the session was refreshed.
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  return { name, email, password: TEST_PASSWORD };
}

/** Signs in through the form (from whatever page is open) and lands on My data. */
export async function signIn(page: Page, email: string, password: string) {
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Sign in" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.locator("main").getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/my-data$/);
  await expect(page.getByRole("heading", { level: 1, name: "My data" })).toBeVisible();
}

/** The consent centre's card for one purpose ("Marketing", "Remarketing", …). */
export function purposeCard(page: Page, title: string) {
  return page
    .locator("li.card")
    .filter({ has: page.getByRole("heading", { level: 3, name: title, exact: true }) });
}

/** The consent history's table rows, optionally those of one purpose ("Marketing", not "Remarketing"). */
export function historyRows(page: Page, purpose?: string) {
  const rows = page.getByRole("region", { name: "History" }).getByRole("row");
  return purpose
    ? rows.filter({ has: page.getByRole("cell", { name: purpose, exact: true }) })
    : rows;
}
