/**
 * The portal's other forms check every field before sending, by the API's own rules, and show
 * every problem at once next to its field, in words: the card (month 13 is not a month) and
 * the contact form.
 */
import { expect, type Page, test } from "@playwright/test";
import { follow, settled, signUp } from "../support/portal.js";

/** The control's error, read through its aria-describedby, with aria-invalid set. */
async function expectErrorNextTo(page: Page, label: string, message: string) {
  const control = page.getByLabel(label, { exact: true });
  await expect(control).toHaveAttribute("aria-invalid", "true");
  await expect(control).toHaveAccessibleDescription(message);
}

test("the card form refuses month 13 and a wrong number at once, next to each field, sending nothing", async ({
  page,
}) => {
  await signUp(page);
  await page.goto("/payment");
  await expect(page.getByRole("heading", { level: 1, name: "Payment method" })).toBeVisible();
  let sent = 0;
  page.on("request", (request) => {
    if (request.url().endsWith("/graphql") && request.postData()?.includes("SetPaymentMethod"))
      sent++;
  });
  await page.getByLabel("Card number").fill("4111 1111 1111 1112");
  await page.getByLabel("Expiry (MM/YY)").fill("13/30");
  await page.getByRole("button", { name: "Save card" }).click();
  await expectErrorNextTo(
    page,
    "Expiry (MM/YY)",
    "Enter the expiry month as a number from 01 to 12.",
  );
  await expectErrorNextTo(page, "Card number", "Check the card number: it does not look right.");
  expect(sent).toBe(0);

  await page.getByLabel("Card number").fill("4111 1111 1111 1111");
  await page.getByLabel("Expiry (MM/YY)").fill("12/30");
  await page.getByRole("button", { name: "Save card" }).click();
  await expect(page.getByTestId("current-card")).toContainText("ending in 1111, expires 12/2030");
});

test("the contact form shows every problem at once, in words", async ({ page }) => {
  await page.goto("/");
  await follow(page, /contact/i);
  await settled(page);
  await page.getByRole("button", { name: "Send question" }).click();
  await expectErrorNextTo(page, "Subject", "Enter a subject.");
  await expectErrorNextTo(page, "Your question", "Write your question.");
  await expectErrorNextTo(
    page,
    "Your email address, for our answer",
    "Give an email address we can answer you at, or sign in.",
  );
  await expect(page.getByLabel("Subject")).toBeFocused();
});
