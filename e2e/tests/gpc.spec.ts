/**
 * P-15: Global Privacy Control is honoured as an opt-out of advertising, and the portal says so.
 * The customer had allowed advertising; signing in from a browser that sends `Sec-GPC: 1`
 * withdraws it (source: GPC) and the portal shows the honoured notice.
 */
import { expect, test } from "@playwright/test";
import { apiClient, gqlOk, registerCustomer } from "../support/graphql.js";
import { follow, historyRows, purposeCard, settled, signIn } from "../support/portal.js";

test.describe("a browser sending Sec-GPC: 1", () => {
  test.use({ extraHTTPHeaders: { "Sec-GPC": "1" } });

  test("[P-15] sees the honoured notice, and advertising consent is withdrawn with source GPC", async ({
    page,
  }) => {
    // Set-up over HTTP, without the signal: a customer who allowed advertising.
    const api = await apiClient();
    const customer = await registerCustomer(api);
    const given = await gqlOk<{ setConsent: { state: string; permitted: boolean } }>(
      api,
      `mutation { setConsent(purpose: REMARKETING, state: GIVEN) { state permitted } }`,
    );
    expect(given.setConsent.permitted).toBe(true);
    await api.dispose();

    await page.goto("/");
    await expect(page.getByTestId("gpc-honoured")).toBeVisible();
    await expect(page.getByTestId("gpc-honoured")).toContainText("Global Privacy Control");
    // The banner explains the signal and what it does here.
    await expect(page.getByTestId("banner-gpc")).toHaveText(
      /Your browser sends Global Privacy Control \(GPC\), a setting that asks websites not to sell or share your data for advertising\. We honour it: advertising cookies stay off whatever you choose here/,
    );

    await signIn(page, customer.email, customer.password);
    await follow(page, "My consents");
    await settled(page);
    await expect(page.getByTestId("gpc-honoured")).toBeVisible();
    await expect(page.getByTestId("gpc-honoured-consents")).toBeVisible();
    await expect(purposeCard(page, "Remarketing").locator(".status")).toHaveText(
      /^Withdrawn since /,
    );
    await expect(historyRows(page, "Remarketing").first().getByRole("cell").nth(2)).toHaveText(
      "Withdrawn",
    );
    await expect(historyRows(page, "Remarketing").first().getByRole("cell").nth(3)).toHaveText(
      "by your browser's Global Privacy Control",
    );
    // Remarketing (its advertising cookies) cannot be switched back on while the signal is sent.
    const remarketing = purposeCard(page, "Remarketing");
    await expect(remarketing).toContainText("Cookies: Advertising cookies.");
    await expect(remarketing.getByRole("checkbox", { name: /^Allow remarketing/ })).toBeDisabled();
    await expect(remarketing.locator(".status")).toHaveText(
      /^Withdrawn since .*, by your browser's Global Privacy Control — kept off because your browser sends Global Privacy Control$/,
    );
    await expect(purposeCard(page, "Marketing").getByRole("checkbox")).toBeEnabled();
  });
});

test.describe("a phone sending Sec-GPC: 1", () => {
  test.use({ extraHTTPHeaders: { "Sec-GPC": "1" } });

  test("[P-04] [P-15] the banner explains GPC, locks advertising off, and keeps its three choices in view", async ({
    page,
  }) => {
    await page.goto("/");
    const banner = page.getByRole("region", { name: "Cookies on Privet" });
    await expect(banner.getByTestId("banner-gpc")).toBeVisible();
    await expect(banner.getByTestId("banner-gpc")).toContainText("Global Privacy Control (GPC)");
    await banner.getByRole("button", { name: "Choose cookies" }).click();
    const advertising = banner.getByRole("checkbox", { name: /Advertising/ });
    await expect(advertising).toBeDisabled();
    await expect(advertising).not.toBeChecked();
    await expect(banner).toContainText("Kept off: your browser sends Global Privacy Control.");
    for (const name of ["Accept all", "Reject all", "Save my choices"]) {
      await expect(banner.getByRole("button", { name })).toBeInViewport({ ratio: 1 });
    }
    // Accept all allows everything but advertising.
    await banner.getByRole("button", { name: "Accept all" }).click();
    await expect(banner).toBeHidden();
    const { cookieConsents } = await gqlOk<{
      cookieConsents: Array<{ category: string; enabled: boolean }>;
    }>(page.request, "{ cookieConsents { category enabled } }", {}, "/graphql");
    expect(Object.fromEntries(cookieConsents.map((c) => [c.category, c.enabled]))).toEqual({
      NECESSARY: true,
      PREFERENCES: true,
      ANALYTICS: true,
      ADVERTISING: false,
    });
  });
});

test("[P-15] a browser without the signal sees no GPC notice (the control)", async ({ page }) => {
  await page.goto("/policy");
  // The frame has loaded the session (it shows the policy version in the footer).
  await expect(page.locator("footer")).toContainText("version");
  await expect(page.getByRole("region", { name: "Cookies on Privet" })).toBeVisible();
  await expect(page.getByTestId("gpc-honoured")).toHaveCount(0);
  await expect(page.getByTestId("banner-gpc")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Cookies on Privet" })).not.toContainText(
    "Global Privacy Control",
  );
});
