import { expect, test } from "@playwright/test";
import { gqlOk, registerCustomer } from "../support/graphql.js";
import { historyRows, purposeCard, settled, signUp } from "../support/portal.js";
import { POLICY_IN_FORCE } from "../support/urls.js";

test("[P-08] sign-up records marketing consent; withdrawing it in the portal shows in the history with source and policy version", async ({
  page,
}) => {
  await signUp(page);
  // The welcome page names the policy version accepted; the consents read it back.
  await expect(
    page.getByText(`You accepted privacy policy version ${POLICY_IN_FORCE.version}`),
  ).toBeVisible();
  await page.getByRole("link", { name: "Review my consents" }).click();
  await expect(page).toHaveURL(/\/consents$/);
  await settled(page);

  const marketing = purposeCard(page, "Marketing");
  await expect(marketing.locator(".status")).toHaveText(/^Allowed since .*, when you registered$/);
  // The registration's consent, with its source and the policy version then in force.
  const marketingRows = historyRows(page, "Marketing");
  await expect(marketingRows).toHaveCount(1);
  await expect(marketingRows.getByRole("cell")).toHaveText([
    /\d/,
    "Marketing",
    "Allowed",
    "when you registered",
    POLICY_IN_FORCE.version,
    "Download receipt",
  ]);

  const toggle = marketing.getByRole("checkbox", { name: /^Allow marketing/ });
  await expect(toggle).toBeChecked();
  await toggle.click();
  await expect(marketing.locator(".status")).toHaveText(
    /^Withdrawn since .*, in your consent centre$/,
  );
  await expect(marketing.getByRole("checkbox", { name: "Allow marketing: Off" })).not.toBeChecked();

  // Newest first: the withdrawal, from the consent centre, under the policy in force.
  await expect(marketingRows).toHaveCount(2);
  await expect(marketingRows.first().getByRole("cell")).toHaveText([
    /\d/,
    "Marketing",
    "Withdrawn",
    "in your consent centre",
    POLICY_IN_FORCE.version,
    "Download receipt",
  ]);
  await expect(marketingRows.nth(1).getByRole("cell").nth(2)).toHaveText("Allowed");

  // It is the ledger, not the page's state: it holds after a reload.
  await page.reload();
  await settled(page);
  await expect(purposeCard(page, "Marketing").locator(".status")).toHaveText(/^Withdrawn since /);
  await expect(
    historyRows(page, "Marketing").filter({ hasText: "in your consent centre" }),
  ).toHaveCount(1);
});

test("one switch per purpose: analytics cookies are switched with service improvement, and the history says the consent centre", async ({
  page,
}) => {
  await registerCustomer(page.request, {}, "/graphql");
  await page.goto("/consents");
  await settled(page);

  // Each purpose once, with the cookies that serve it; no second card per cookie category.
  await expect(page.locator("main li.card h3")).toHaveText([
    "Marketing",
    "Personalisation",
    "Service improvement",
    "Remarketing",
  ]);
  await expect(page.getByRole("heading", { name: "Analytics cookies" })).toHaveCount(0);
  await expect(
    page.locator("main").getByRole("button", { name: /^(Allow|Withdraw) / }),
  ).toHaveCount(0);
  const improvement = purposeCard(page, "Service improvement");
  await expect(improvement).toContainText("Cookies: Analytics cookies.");
  await expect(purposeCard(page, "Personalisation")).toContainText("Cookies: Preferences cookies.");
  await expect(purposeCard(page, "Remarketing")).toContainText("Cookies: Advertising cookies.");

  const toggle = improvement.getByRole("checkbox", { name: /^Allow service improvement/ });
  await expect(toggle).not.toBeChecked();
  await expect(improvement.locator(".status")).toHaveText("Not asked yet — off");
  await toggle.click();
  await expect(improvement.locator(".status")).toHaveText(
    /^Allowed since .*, in your consent centre$/,
  );
  await expect(toggle).toBeChecked();
  await expect(historyRows(page, "Service improvement").first().getByRole("cell")).toHaveText([
    /\d/,
    "Service improvement",
    "Allowed",
    "in your consent centre",
    POLICY_IN_FORCE.version,
    "Download receipt",
  ]);
  // The analytics cookies follow: the banner's view of the same consent is on, set here.
  const { cookieConsents } = await gqlOk<{
    cookieConsents: Array<{ category: string; enabled: boolean; source: string | null }>;
  }>(page.request, "{ cookieConsents { category enabled source } }", {}, "/graphql");
  expect(cookieConsents.find((c) => c.category === "ANALYTICS")).toEqual({
    category: "ANALYTICS",
    enabled: true,
    source: "PORTAL",
  });
  // The footer's Cookie settings, for a signed-in customer, lead here.
  await page.locator("footer").getByRole("link", { name: "Cookie settings" }).click();
  await expect(page).toHaveURL(/\/consents$/);
});
