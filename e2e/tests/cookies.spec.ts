/**
 * P-13: a visitor can reject every optional cookie and the site keeps working — and then no
 * page view is recorded, for the visitor or, after signing in, for the account. The accept-all
 * case is the control: the same walk does record pages, so the empty list is not an accident.
 */
import { fileURLToPath } from "node:url";
import { type BrowserContext, expect, type Locator, type Page, test } from "@playwright/test";
import { apiClient, gqlOk, navigationEventsOf, registerCustomer } from "../support/graphql.js";
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
  const remarketing = purposeCard(page, "Remarketing");
  await expect(remarketing).toContainText("Cookies: Advertising cookies.");
  await expect(remarketing.getByRole("checkbox")).not.toBeChecked();
  await expect(remarketing.locator(".status")).toHaveText(
    /^Refused since .*, in the cookie banner$/,
  );
  const marketing = purposeCard(page, "Marketing");
  await marketing.getByRole("checkbox", { name: /^Allow marketing/ }).click();
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

const screenshots = fileURLToPath(new URL("../screenshots/", import.meta.url));

/** Accept all, Reject all and the third choice: all wholly on screen, the same size and style. */
async function expectEqualChoices(banner: Locator, third: string) {
  const buttons = [
    banner.getByRole("button", { name: "Accept all" }),
    banner.getByRole("button", { name: "Reject all" }),
    banner.getByRole("button", { name: third }),
  ];
  const boxes = [];
  for (const button of buttons) {
    await expect(button).toBeInViewport({ ratio: 1 });
    boxes.push(await button.boundingBox());
  }
  const styles = await Promise.all(
    buttons.map((b) =>
      b.evaluate((el) => {
        const style = getComputedStyle(el);
        return `${style.backgroundColor} ${style.color} ${style.fontSize} ${style.fontWeight}`;
      }),
    ),
  );
  expect(new Set(styles).size).toBe(1);
  const [first, ...others] = boxes;
  for (const box of others) {
    expect(Math.abs((box?.width ?? 0) - (first?.width ?? 0))).toBeLessThan(2);
    expect(Math.abs((box?.height ?? 0) - (first?.height ?? 0))).toBeLessThan(2);
    // Side by side: none pushed below the others (off the screen on a phone).
    expect(Math.abs((box?.y ?? 0) - (first?.y ?? 0))).toBeLessThan(2);
  }
}

/**
 * The banner as the best consent tools have it: first in the focus order and focused when it
 * appears; its three choices equally visible, also while choosing; closing it returns focus
 * sensibly; "Cookie settings" in the footer reopens it with the choices as they are.
 */
async function bannerWalk(page: Page, project: string) {
  await page.goto("/");
  const banner = page.getByRole("region", { name: "Cookies on Privet" });
  await expect(banner).toBeFocused();
  // Tab from there stays in the banner (its policy link), before the page's own links.
  await page.keyboard.press("Tab");
  await expect(banner.getByRole("link", { name: "privacy policy" })).toBeFocused();
  await expectEqualChoices(banner, "Choose cookies");

  await banner.getByRole("button", { name: "Choose cookies" }).click();
  await expect(banner.getByRole("group", { name: /Choose which optional cookies/ })).toBeVisible();
  await expectEqualChoices(banner, "Save my choices");
  await page.screenshot({ path: `${screenshots}${project}/cookie-banner-choose.png` });

  await banner.getByRole("checkbox", { name: /Analytics/ }).check();
  await banner.getByRole("button", { name: "Save my choices" }).click();
  await expect(banner).toBeHidden();
  await expect(page.locator("main")).toBeFocused();

  // Reopened from the footer, with the choice as saved; Escape closes it where it was opened.
  const settings = page.locator("footer").getByRole("button", { name: "Cookie settings" });
  await settings.click();
  await expect(banner).toBeFocused();
  await expect(banner.getByRole("checkbox", { name: /Analytics/ })).toBeChecked();
  await expect(banner.getByRole("checkbox", { name: /Preferences/ })).not.toBeChecked();
  await expectEqualChoices(banner, "Save my choices");
  await page.screenshot({ path: `${screenshots}${project}/cookie-banner-reopened.png` });
  await page.keyboard.press("Escape");
  await expect(banner).toBeHidden();
  await expect(settings).toBeFocused();

  // A new choice from the reopened banner is recorded as the banner's.
  await settings.click();
  await banner.getByRole("button", { name: "Reject all" }).click();
  await expect(banner).toBeHidden();
  await expect(settings).toBeFocused();
  const { cookieConsents } = await gqlOk<{
    cookieConsents: Array<{ category: string; state: string | null; source: string | null }>;
  }>(page.request, "{ cookieConsents { category state source } }", {}, "/graphql");
  expect(cookieConsents.find((c) => c.category === "ANALYTICS")).toEqual({
    category: "ANALYTICS",
    state: "WITHDRAWN",
    source: "BANNER",
  });
}

test("[P-13] the banner comes first in focus order, offers three equal choices, and Cookie settings reopens it", async ({
  page,
}, testInfo) => {
  await bannerWalk(page, testInfo.project.name);
});

test("[P-04] [P-13] on a phone the banner's three choices stay in view while choosing, and Cookie settings reopens it", async ({
  page,
}, testInfo) => {
  await bannerWalk(page, testInfo.project.name);
});
