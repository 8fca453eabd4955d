/**
 * The embeddable banner on another of the company's sites (a second origin: localhost, while
 * the API is 127.0.0.1), loaded by one script tag: Reject all by keyboard is recorded by the
 * API against the visitor id the page keeps — the only thing it stores — and GPC keeps
 * advertising off and says so.
 */
import { AxeBuilder } from "@axe-core/playwright";
import { type APIRequestContext, expect, type Page, request, test } from "@playwright/test";
import { API_URL, SITE_URL } from "../support/urls.js";

interface Answer {
  visitorId: string | null;
  consents: { category: string; state: string | null; source: string | null }[];
}

/** What the API recorded for the page's visitor id, asked as the banner asks. */
async function recorded(page: Page): Promise<Answer> {
  const visitorId = await page.evaluate(() => localStorage.getItem("privet_visitor_id"));
  expect(visitorId).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const api: APIRequestContext = await request.newContext();
  try {
    const response = await api.get(`${API_URL}/embed/consents`, {
      headers: { "x-privet-embed": "1", "x-privet-visitor": visitorId ?? "", origin: SITE_URL },
    });
    expect(response.status()).toBe(200);
    return (await response.json()) as Answer;
  } finally {
    await api.dispose();
  }
}

/** axe-core on the banner (WCAG 2.1 A and AA), as the portal's accessibility spec checks its own. */
async function expectNoSeriousViolations(page: Page) {
  const { violations, passes } = await new AxeBuilder({ page })
    .include(".privet-banner")
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  expect(passes.length).toBeGreaterThan(5);
  expect(
    violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);
}

const stateOf = (answer: Answer, category: string) =>
  answer.consents.find((c) => c.category === category);

test("[P-13] on another site, Reject all by keyboard is recorded by the API, and only the visitor id is stored", async ({
  page,
}) => {
  await page.goto(SITE_URL);
  const banner = page.getByRole("region", { name: "Cookies on this site" });
  await expect(banner).toBeFocused();
  await expect(banner.getByRole("button")).toHaveText([
    "Accept all",
    "Reject all",
    "Choose cookies",
  ]);

  await page.keyboard.press("Tab");
  await expect(banner.getByRole("button", { name: "Accept all" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(banner.getByRole("button", { name: "Reject all" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(banner).toBeHidden();

  const answer = await recorded(page);
  for (const category of ["PREFERENCES", "ANALYTICS", "ADVERTISING"]) {
    expect(stateOf(answer, category)).toMatchObject({ state: "REFUSED", source: "EMBED" });
  }
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual(["privet_visitor_id"]);
  expect(await page.context().cookies()).toEqual([]);

  // The next page remembers the choice; the site's Cookie settings reopens it, Escape closes.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Privet Shop" })).toBeVisible();
  await expect(banner).toBeHidden();
  const settings = page.getByRole("button", { name: "Cookie settings" });
  await settings.click();
  await expect(banner).toBeFocused();
  await expect(banner.getByRole("switch")).toHaveCount(3);
  await page.keyboard.press("Escape");
  await expect(banner).toBeHidden();
  await expect(settings).toBeFocused();
});

test.describe("a browser sending Global Privacy Control", () => {
  test.use({ extraHTTPHeaders: { "Sec-GPC": "1" } });

  test("[P-15] sees GPC explained, advertising locked off, and Accept all leaves it withdrawn", async ({
    page,
  }) => {
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true });
    });
    await page.goto(SITE_URL);
    const banner = page.getByRole("region", { name: "Cookies on this site" });
    await expect(banner).toContainText("Your browser sends Global Privacy Control (GPC)");
    await banner.getByRole("button", { name: "Choose cookies" }).click();
    await expectNoSeriousViolations(page);
    await expect(banner.getByRole("switch", { name: /^Remarketing/ })).toBeDisabled();
    await expect(banner.getByRole("switch", { name: /^Remarketing/ })).not.toBeChecked();
    await banner.getByRole("button", { name: "Accept all" }).click();
    await expect(banner).toBeHidden();

    const answer = await recorded(page);
    expect(stateOf(answer, "ANALYTICS")).toMatchObject({ state: "GIVEN", source: "EMBED" });
    expect(stateOf(answer, "ADVERTISING")).toMatchObject({ state: "WITHDRAWN", source: "GPC" });
  });
});
