/**
 * Accessibility of the portal (issue 14): axe-core on every page, signed out and signed in,
 * with zero serious or critical violations of WCAG 2.1 A and AA. Signed out, the cookie banner
 * is on every page and checked with it.
 */
import { AxeBuilder } from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { DEMO_CUSTOMER, DEMO_PASSWORD, signInOver } from "../support/graphql.js";
import { settled } from "../support/portal.js";

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** The serious and critical violations on the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  await settled(page);
  const { violations, passes } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  // axe ran its rules on this page (a page it could not read would pass vacuously).
  expect(passes.length).toBeGreaterThan(10);
  if (process.env.PRIVET_E2E_AXE_DEBUG)
    console.log(
      page.url(),
      violations.map(
        (v) => `${v.id}:${v.impact}:${v.nodes.map((n) => n.target.join(" ")).join(",")}`,
      ),
    );
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** An earlier version of the policy, by the archive's link. */
async function earlierPolicyPath(page: Page): Promise<string> {
  await page.goto("/policy");
  await settled(page);
  const href = await page
    .getByRole("navigation", { name: "Other versions" })
    .getByRole("link")
    .first()
    .getAttribute("href");
  expect(href).toMatch(/^\/policy\/[0-9a-f-]{36}$/);
  return href ?? "";
}

async function checkAll(page: Page, paths: readonly string[]) {
  const found: Record<string, string[]> = {};
  for (const path of paths) {
    await page.goto(path);
    found[path] = await seriousViolations(page);
  }
  expect(found).toEqual(Object.fromEntries(paths.map((path) => [path, []])));
}

test("every portal page a visitor can open has no serious or critical accessibility violation", async ({
  page,
}) => {
  const earlier = await earlierPolicyPath(page);
  await checkAll(page, [
    "/",
    "/sign-up",
    "/sign-in",
    "/policy",
    earlier,
    "/contact",
    "/newsletter/confirm?token=example",
    "/forgot-password",
    "/reset-password?token=example",
    "/verify-email?token=example",
    "/no-such-page",
  ]);
});

test("every portal page a signed-in customer can open has no serious or critical accessibility violation", async ({
  page,
}) => {
  await signInOver(page.request, DEMO_CUSTOMER, DEMO_PASSWORD, "/graphql");
  const earlier = await earlierPolicyPath(page);
  await checkAll(page, [
    "/",
    "/my-data",
    "/consents",
    "/access-log",
    "/requests",
    "/payment",
    "/account",
    "/policy",
    earlier,
    "/contact",
  ]);
});

test("[P-04] on a phone, the pages and the open menu have no serious or critical accessibility violation", async ({
  page,
}) => {
  await checkAll(page, ["/", "/policy", "/contact"]);
  await signInOver(page.request, DEMO_CUSTOMER, DEMO_PASSWORD, "/graphql");
  // The wide tables (consent history, sessions, requests) scroll sideways here: each is a
  // named, focusable region (@privet/ui/table-scroll), or axe finds scrollable-region-focusable.
  await checkAll(page, [
    "/",
    "/my-data",
    "/consents",
    "/requests",
    "/payment",
    "/access-log",
    "/account",
  ]);
  await page.getByRole("button", { name: "Menu" }).click();
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link").first(),
  ).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
