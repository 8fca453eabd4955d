/**
 * P-16: a customer outside the US is told, at sign-up, that their data is processed under
 * California law; a customer in the US is not. The country is recorded and the policy version
 * accepted is named with its effective date.
 */
import { expect, test } from "@playwright/test";
import { TEST_PASSWORD, uniqueEmail } from "../support/graphql.js";
import { POLICY_IN_FORCE } from "../support/urls.js";

async function signUpFrom(page: import("@playwright/test").Page, country: string, state?: string) {
  await page.goto("/sign-up");
  await page.getByLabel("Full name").fill("E2E Jurisdiction");
  await page.getByLabel("Email address").fill(uniqueEmail("jurisdiction"));
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByLabel("Country you live in").selectOption({ label: country });
  if (state) await page.getByLabel(/State/).fill(state);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Welcome to Privet" })).toBeVisible();
}

test("[P-16] signing up from outside the US shows the jurisdiction notice and the policy accepted", async ({
  page,
}) => {
  await page.goto("/sign-up");
  // Before signing up: the version to be accepted, with its effective date.
  await expect(page.getByText(`version ${POLICY_IN_FORCE.version}, in force since`)).toBeVisible();
  await signUpFrom(page, "Germany");
  await expect(page.getByTestId("jurisdiction-notice")).toContainText(/California/i);
  await expect(
    page.getByText(`You accepted privacy policy version ${POLICY_IN_FORCE.version}`),
  ).toBeVisible();
});

test("[P-16] signing up from the US shows no such notice (the control)", async ({ page }) => {
  await signUpFrom(page, "United States", "CA");
  await expect(page.getByTestId("jurisdiction-notice")).toHaveCount(0);
});
