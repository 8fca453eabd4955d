/**
 * P-04: the policy applies on phones too, so the portal must work on one. Runs in the mobile
 * project (390×844, touch): sign up, change a consent by tapping, read the policy — and no page
 * on the way is wider than the screen.
 */
import { expect, type Page, test } from "@playwright/test";
import { DEMO_CUSTOMER, DEMO_PASSWORD, signInOver } from "../support/graphql.js";
import { follow, historyRows, openMenu, purposeCard, settled, signUp } from "../support/portal.js";
import { POLICY_IN_FORCE } from "../support/urls.js";

/**
 * Nothing on the page is wider than the phone. (Not window.innerWidth: on a mobile browser the
 * layout viewport grows to fit wide content, so the page would always "fit" itself.)
 */
async function expectFitsTheScreen(page: Page) {
  const width = page.viewportSize()?.width ?? 0;
  const wider = await page.evaluate(
    (screen) =>
      [...document.querySelectorAll("body *")]
        .filter((element) => {
          // Content inside a horizontal scroller (the wide tables) scrolls on its own.
          if (element.closest(".table-scroll")) return false;
          return element.getBoundingClientRect().right > screen + 0.5;
        })
        .map(
          (element) =>
            `<${element.tagName.toLowerCase()}> ${(element.textContent ?? "").trim().slice(0, 40)}`,
        ),
    width,
  );
  expect(wider, `${new URL(page.url()).pathname} is wider than ${width}px`).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    width,
  );
}

test("[P-04] on a phone: sign up, change a consent and read the policy", async ({ page }) => {
  expect(page.viewportSize()).toEqual({ width: 390, height: 844 });
  expect(await page.evaluate(() => matchMedia("(pointer: coarse)").matches)).toBe(true);

  await page.goto("/");
  await expectFitsTheScreen(page);
  await page.getByRole("link", { name: "Create an account" }).tap();
  await expect(page).toHaveURL(/\/sign-up$/);
  await expectFitsTheScreen(page);
  await signUp(page);
  await expectFitsTheScreen(page);

  await follow(page, "My consents");
  await settled(page);
  await expectFitsTheScreen(page);
  const marketing = purposeCard(page, "Marketing");
  const withdraw = marketing.getByRole("checkbox", { name: /^Allow marketing/ });
  await withdraw.scrollIntoViewIfNeeded();
  await withdraw.tap();
  await expect(marketing.locator(".status")).toHaveText(/^Withdrawn since /);
  await expect(historyRows(page, "Marketing").first().getByRole("cell").nth(2)).toHaveText(
    "Withdrawn",
  );
  await expectFitsTheScreen(page);

  await openMenu(page);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Privacy policy" })
    .tap();
  await settled(page);
  await expect(page.getByTestId("policy-effective")).toContainText(POLICY_IN_FORCE.version);
  await expect(page.getByTestId("policy-effective")).toBeInViewport();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator(".prose h2, .prose h3").first()).toBeVisible();
  await expectFitsTheScreen(page);
});

test("[P-04] every page of the portal fits a phone's width", async ({ page }) => {
  await page.goto("/");
  await expectFitsTheScreen(page);
  // The demo customer has the fullest pages.
  await signInOver(page.request, DEMO_CUSTOMER, DEMO_PASSWORD, "/graphql");
  for (const path of [
    "/",
    "/consents",
    "/access-log",
    "/requests",
    "/payment",
    "/policy",
    "/contact",
    "/my-data",
  ]) {
    await page.goto(path);
    await settled(page);
    await expectFitsTheScreen(page);
  }
});

/** The rendered font size of every heading level present, h1 first. */
async function headingSizes(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("h1, h2, h3, h4")]
      .filter((h) => (h as HTMLElement).offsetParent !== null)
      .map((h) => ({ tag: h.tagName, size: Number.parseFloat(getComputedStyle(h).fontSize) })),
  );
}

test("[P-04] on a phone the header is one short row and the menu opens, navigates and closes", async ({
  page,
}) => {
  await signInOver(page.request, DEMO_CUSTOMER, DEMO_PASSWORD, "/graphql");
  for (const path of ["/", "/consents", "/policy", "/contact"]) {
    await page.goto(path);
    await settled(page);
    const header = await page.locator(".site-header").boundingBox();
    expect(header?.height, `header on ${path}`).toBeLessThan(80);
    // The page title is the largest heading on the page.
    const sizes = await headingSizes(page);
    const h1 = sizes.find((h) => h.tag === "H1")?.size ?? 0;
    expect(h1, path).toBeGreaterThan(0);
    for (const other of sizes.filter((h) => h.tag !== "H1")) {
      expect(other.size, `${other.tag} on ${path}`).toBeLessThan(h1);
    }
  }

  const nav = page.getByRole("navigation", { name: "Main" });
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(nav.getByRole("link", { name: "My requests" })).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.tap();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(nav.getByRole("link", { name: "My requests" })).toBeVisible();
  // Escape closes it and gives focus back to the button.
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();
  await expect(nav.getByRole("link", { name: "My requests" })).toBeHidden();

  await menu.tap();
  await nav.getByRole("link", { name: "My requests" }).tap();
  await expect(page).toHaveURL(/\/requests$/);
  await settled(page);
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav.getByRole("link", { name: "My requests" })).toBeHidden();

  // Radio buttons keep a size a finger can hit.
  const radio = await page.getByRole("radio").first().boundingBox();
  expect(radio?.width).toBeGreaterThanOrEqual(18);
  expect(radio?.height).toBeGreaterThanOrEqual(18);
});

test("[P-04] the portal has an SVG favicon", async ({ page }) => {
  await page.goto("/");
  const href = await page.locator('link[rel="icon"]').getAttribute("href");
  expect(href).toMatch(/\.svg$/);
  const icon = await page.request.get(href ?? "");
  expect(icon.ok()).toBe(true);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  expect(await icon.text()).toContain("<svg");
});
