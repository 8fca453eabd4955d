/**
 * P-16: a customer outside the US is told, at sign-up, that their data is processed under
 * California law; a customer in the US is not. The country is recorded and the policy version
 * accepted is named with its effective date.
 *
 * The form checks every field before sending and shows every problem at once, in words, next
 * to its field; a customer in the US chooses their state from the list, and must.
 */
import { fileURLToPath } from "node:url";
import { expect, type Page, test } from "@playwright/test";
import { TEST_PASSWORD, uniqueEmail } from "../support/graphql.js";
import { POLICY_IN_FORCE } from "../support/urls.js";

async function signUpFrom(page: import("@playwright/test").Page, country: string, state?: string) {
  await page.goto("/sign-up");
  await page.getByLabel("Full name").fill("E2E Jurisdiction");
  await page.getByLabel("Email address").fill(uniqueEmail("jurisdiction"));
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByLabel("Country you live in").selectOption({ label: country });
  if (state) await page.getByLabel("State").selectOption({ label: state });
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
  await signUpFrom(page, "United States", "California");
  await expect(page.getByTestId("jurisdiction-notice")).toHaveCount(0);
});

const shot = (page: Page, project: string, name: string) =>
  page.screenshot({
    path: fileURLToPath(new URL(`../screenshots/${project}/${name}.png`, import.meta.url)),
    fullPage: true,
  });

/** The control's error, read through its aria-describedby, with aria-invalid set. */
async function expectErrorNextTo(page: Page, label: string, message: string) {
  const control = page.getByLabel(label, { exact: true });
  await expect(control).toHaveAttribute("aria-invalid", "true");
  await expect(control).toHaveAccessibleDescription(new RegExp(message.replace(/\./g, "\\.")));
  await expect(page.getByText(message, { exact: true })).toBeVisible();
}

test("@screenshots sign-up shows every problem at once, in words, and a US state is chosen from the list", async ({
  page,
}, testInfo) => {
  await page.goto("/sign-up");
  await expect(page.getByRole("heading", { level: 1, name: "Create your account" })).toBeVisible();
  // The cookie banner answered first, so the screenshots show the form whole.
  await page.getByRole("button", { name: "Reject all" }).click();
  await page.getByLabel("Email address").fill("ada@");
  await page.getByRole("button", { name: "Create account" }).click();
  await expectErrorNextTo(page, "Full name", "Enter your full name.");
  await expectErrorNextTo(page, "Email address", "Enter an email address like name@example.com.");
  await expectErrorNextTo(page, "Password", "Use a password of at least 12 characters.");
  await expectErrorNextTo(page, "Country you live in", "Choose the country you live in.");
  await expect(page.getByLabel("Full name")).toBeFocused();
  // Four messages, each a sentence a person reads: no field's internal name ("name is
  // required.", "expiryYear must be…").
  const messages = await page.locator("main .field-error").allTextContents();
  expect(messages).toHaveLength(4);
  for (const message of messages) expect(message).not.toMatch(/^[a-z]|[a-z][A-Z]/);
  await shot(page, testInfo.project.name, "sign-up-errors");

  // Every ISO country, named by the browser.
  await expect(page.getByLabel("Country you live in").locator("option")).toHaveCount(250);
  await page.getByLabel("Full name").fill("E2E Californian");
  await page.getByLabel("Email address").fill(uniqueEmail("state"));
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByLabel("Country you live in").selectOption({ label: "United States" });
  await expect(page.getByLabel("State").locator("option")).toHaveCount(52);
  await page.getByRole("button", { name: "Create account" }).click();
  await expectErrorNextTo(page, "State", "Choose the state you live in.");
  await expect(page.getByLabel("State")).toBeFocused();
  await shot(page, testInfo.project.name, "sign-up-state");

  await page.getByLabel("State").selectOption({ label: "California" });
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Welcome to Privet" })).toBeVisible();
});
