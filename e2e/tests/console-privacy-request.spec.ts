/**
 * A privacy request made in the portal reaches the console's queue with its legal due date; the
 * privacy officer verifies and fulfils it there before that date, and the customer's portal
 * then shows it as done.
 */
import { expect, test } from "@playwright/test";
import { consoleAs, declarePurpose, openArea } from "../support/console.js";
import { follow, settled, signUp } from "../support/portal.js";

test("a privacy request from the portal is verified and fulfilled in the console before its due date", async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  const customer = await signUp(page);
  await page.goto("/");
  await follow(page, /requests/i);
  await settled(page);
  await page.getByRole("radio", { name: /A copy of my data/ }).check();
  await page.getByRole("button", { name: "Send request" }).click();
  const received = page.getByText(/^We received your request\. We will answer by (.+)\.$/);
  await expect(received).toBeVisible();
  const due = /answer by (.+)\.$/.exec((await received.textContent()) ?? "")?.[1] ?? "";
  expect(due).toMatch(/^\d{1,2} \w+ \d{4}$/);
  const mine = page.getByRole("region", { name: "Your requests" }).getByRole("row").filter({
    hasText: "A copy of my data",
  });
  await expect(mine).toHaveCount(1);
  await expect(mine).not.toContainText("Done");

  const console = await consoleAs(browser, "privacy");
  await declarePurpose(console, "SUPPORT", "PR-E2E");
  await openArea(console, "Privacy requests", "Privacy requests");
  const row = console.getByRole("row").filter({ hasText: customer.email });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Access");
  await expect(row).toContainText(customer.name);
  // The same legal due date as the portal's, and still ahead.
  await expect(row.getByRole("cell").nth(3)).toContainText(due);
  await expect(row.getByRole("cell").nth(3)).toContainText(/\(\d+ days left\)/);
  await expect(row).not.toHaveAttribute("data-overdue", "true");
  await expect(row.getByRole("cell").nth(4)).toHaveText("Received");

  await row.getByRole("button", { name: "Verify" }).click();
  await expect(row.getByRole("cell").nth(4)).toHaveText("Verified");
  await row.getByRole("button", { name: "Fulfil" }).click();
  // Fulfilled requests leave the open queue.
  await expect(row).toHaveCount(0);

  await page.reload();
  await settled(page);
  await expect(mine).toHaveCount(1);
  await expect(mine.getByRole("cell").nth(2)).toHaveText("Done");
});
