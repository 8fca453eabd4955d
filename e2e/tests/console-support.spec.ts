/** P-19: a question sent from the portal's Contact page reaches the console's support queue. */
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { consoleAs, openArea } from "../support/console.js";
import { uniqueEmail } from "../support/graphql.js";
import { follow, settled } from "../support/portal.js";

test("[P-19] a question from the portal's Contact page appears in the console's support queue", async ({
  page,
  browser,
}) => {
  const subject = `E2E question ${randomUUID().slice(0, 8)}`;
  const message = "How long do you keep my order history?";
  const replyTo = uniqueEmail("contact");
  await page.goto("/");
  await follow(page, /contact/i);
  await settled(page);
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Your question").fill(message);
  await page.getByLabel("Your email address, for our answer").fill(replyTo);
  await page.getByRole("button", { name: "Send question" }).click();
  await expect(page.getByTestId("support-received")).toBeVisible();

  const console = await consoleAs(browser, "support");
  await openArea(console, "Support", "Support queue", ["SUPPORT", "T-E2E-19"]);
  await expect(console.getByText("Read under support (ref. T-E2E-19).")).toBeVisible();
  const card = console.locator("li.card").filter({
    has: console.getByRole("heading", { level: 2, name: subject, exact: true }),
  });
  await expect(card).toHaveCount(1);
  await expect(card).toContainText(message);
  await expect(card).toContainText(`Reply to: ${replyTo}`);
  await expect(card.locator(".redacted")).toHaveCount(0);
});
