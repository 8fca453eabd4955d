/**
 * P-13: a visitor can reject every optional cookie and the site keeps working — and then no
 * page view is recorded, for the visitor or, after signing in, for the account. The accept-all
 * case is the control: the same walk does record pages, so the empty list is not an accident.
 */
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { apiClient, navigationEventsOf, registerCustomer } from "../support/graphql.js";
import { watchPageViews } from "../support/page-views.js";
import { follow, purposeCard, settled, signIn } from "../support/portal.js";

/**
 * The session, the visitor ID that remembers the choice, and the device cookie a sign-in sets
 * (it lets the owner in while someone guesses their password): none identifies the person.
 */
const NECESSARY_COOKIES = ["privet_device", "privet_session", "privet_visitor"];

async function answerBanner(page: Page, choice: "Accept all" | "Reject all") {
  await page.goto("/");
  const banner = page.getByRole("region", { name: "Cookies on Privet" });
  await expect(banner).toBeVisible();
  await banner.getByRole("button", { name: choice }).click();
  await expect(banner).toBeHidden();
}

/** A visitor's walk: two public pages, sign in, then the account's pages. */
async function walk(page: Page, email: string, password: string) {
  await follow(page, "Privacy policy");
  await expect(page.getByTestId("policy-effective")).toBeVisible();
  await follow(page, "Contact");
  await expect(page.getByRole("heading", { level: 1, name: "Contact us" })).toBeVisible();
  await signIn(page, email, password);
  await follow(page, "My consents");
  await settled(page);
  await follow(page, "Who accessed my data");
  await settled(page);
  await follow(page, "My data");
  await settled(page);
}

async function cookieNames(context: BrowserContext) {
  return (await context.cookies()).map((cookie) => cookie.name).sort();
}

test("[P-13] with every optional cookie rejected, sign-in, my data and consents work and no page view is recorded", async ({
  page,
  context,
}) => {
  const api = await apiClient();
  const customer = await registerCustomer(api);
  await api.dispose();
  const views = watchPageViews(page);

  await answerBanner(page, "Reject all");
  await walk(page, customer.email, customer.password);

  // My data works, and it says nothing was recorded.
  const visited = page.getByRole("region", { name: "Pages you visited" });
  await expect(visited).toContainText("None recorded.");
  // (Its other list items say what the category is used for; a page view reads "<time> — /path".)
  await expect(visited).not.toContainText("— /");

  // Consents still work: the advertising cookies are off, and a change is saved.
  await follow(page, "My consents");
  await settled(page);
  const advertising = page.locator("li.card").filter({ hasText: "Advertising cookies" });
  await expect(advertising.getByRole("checkbox")).not.toBeChecked();
  await expect(purposeCard(page, "Remarketing").locator(".status")).toHaveText(/^Refused since /);
  const marketing = purposeCard(page, "Marketing");
  await marketing.getByRole("button", { name: "Withdraw marketing" }).click();
  await expect(marketing.locator(".status")).toHaveText(/^Withdrawn since /);

  // Every page view the portal reported was answered "not recorded", and the API holds none.
  const answers = await views.settled();
  expect(answers.length).toBeGreaterThanOrEqual(6);
  expect(answers.every((recorded) => !recorded)).toBe(true);
  expect(await navigationEventsOf(page.request, "/graphql")).toEqual([]);
  // Only the necessary cookies exist.
  for (const name of await cookieNames(context)) expect(NECESSARY_COOKIES).toContain(name);
});

test("[P-13] with every optional cookie accepted, the same visit is recorded (the control for the test above)", async ({
  page,
}) => {
  const api = await apiClient();
  const customer = await registerCustomer(api);
  await api.dispose();
  const views = watchPageViews(page);

  await answerBanner(page, "Accept all");
  await walk(page, customer.email, customer.password);

  await views.settled();
  expect(views.answers.filter(Boolean).length).toBeGreaterThanOrEqual(5);
  await expect
    .poll(async () => (await navigationEventsOf(page.request, "/graphql")).map((e) => e.path))
    .toEqual(
      expect.arrayContaining(["/policy", "/contact", "/my-data", "/consents", "/access-log"]),
    );

  await page.reload();
  await settled(page);
  const visited = page.getByRole("region", { name: "Pages you visited" });
  await expect(visited.getByRole("listitem").filter({ hasText: "— /policy" })).not.toHaveCount(0);
  await expect(visited.getByRole("listitem").filter({ hasText: "— /access-log" })).not.toHaveCount(
    0,
  );
});
