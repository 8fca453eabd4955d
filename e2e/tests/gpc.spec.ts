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
    // The banner says advertising stays off.
    await expect(page.getByRole("region", { name: "Cookies on Privet" })).toContainText(
      "Your browser sends Global Privacy Control",
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
    // Advertising cannot be switched back on while the signal is sent.
    const advertising = page.locator("li.card").filter({ hasText: "Advertising cookies" });
    await expect(advertising.getByRole("checkbox")).toBeDisabled();
    await expect(advertising).toContainText(
      "kept off because your browser sends Global Privacy Control",
    );
  });
});

test("[P-15] a browser without the signal sees no GPC notice (the control)", async ({ page }) => {
  await page.goto("/policy");
  // The frame has loaded the session (it shows the policy version in the footer).
  await expect(page.locator("footer")).toContainText("version");
  await expect(page.getByRole("region", { name: "Cookies on Privet" })).toBeVisible();
  await expect(page.getByTestId("gpc-honoured")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Cookies on Privet" })).not.toContainText(
    "Global Privacy Control",
  );
});
