import { expect, test } from "@playwright/test";
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
  await expect(marketing.locator(".status")).toHaveText(/^Allowed since /);
  // The registration's consent, with its source and the policy version then in force.
  const marketingRows = historyRows(page, "Marketing");
  await expect(marketingRows).toHaveCount(1);
  await expect(marketingRows.getByRole("cell")).toHaveText([
    /\d/,
    "Marketing",
    "Allowed",
    "when you registered",
    POLICY_IN_FORCE.version,
  ]);

  await marketing.getByRole("button", { name: "Withdraw marketing" }).click();
  await expect(marketing.locator(".status")).toHaveText(/^Withdrawn since /);
  await expect(marketing.getByRole("button", { name: "Allow marketing" })).toBeVisible();

  // Newest first: the withdrawal, from the portal, under the policy in force.
  await expect(marketingRows).toHaveCount(2);
  await expect(marketingRows.first().getByRole("cell")).toHaveText([
    /\d/,
    "Marketing",
    "Withdrawn",
    "in this portal",
    POLICY_IN_FORCE.version,
  ]);
  await expect(marketingRows.nth(1).getByRole("cell").nth(2)).toHaveText("Allowed");

  // It is the ledger, not the page's state: it holds after a reload.
  await page.reload();
  await settled(page);
  await expect(purposeCard(page, "Marketing").locator(".status")).toHaveText(/^Withdrawn since /);
  await expect(historyRows(page, "Marketing").filter({ hasText: "in this portal" })).toHaveCount(1);
});
