/**
 * P-19: a question from the portal reaches the console's support queue; the agent opens it as a
 * ticket, takes it, answers it — the answer arrives by email in the test mailbox and the
 * customer reads it in the portal — and closes it. The ticket view is shot at desktop and phone
 * size (@screenshots, like console-screenshots.spec.ts).
 */
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { consoleAs, openArea, staffClient } from "../support/console.js";
import { uniqueEmail } from "../support/graphql.js";
import { headersOf, mailTo } from "../support/mailbox.js";
import { follow, settled, signUp } from "../support/portal.js";

const screenshots = fileURLToPath(new URL("../screenshots/", import.meta.url));

/** Sends a question from the Contact page of the portal page given (signed in or not). */
async function ask(page: Page, subject: string, message: string, replyTo?: string) {
  await follow(page, /contact/i);
  await settled(page);
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Your question").fill(message);
  if (replyTo) await page.getByLabel("Your email address, for our answer").fill(replyTo);
  await page.getByRole("button", { name: "Send question" }).click();
  await expect(page.getByTestId("support-received")).toBeVisible();
}

/** Opens the support queue and the ticket with this subject. */
async function openTicket(browser: Browser, subject: string) {
  const console = await consoleAs(browser, "support");
  await openArea(console, "Support", "Support queue", ["SUPPORT", "T-E2E-19"]);
  await expect(console.getByText("Read under support (ref. T-E2E-19).")).toBeVisible();
  // Newest first: the question just sent (a subject may repeat across runs).
  await console.getByRole("button", { name: subject, exact: true }).first().click();
  await expect(console.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(console.locator("main .loading")).toHaveCount(0);
  return console;
}

test("[P-19] a visitor's question from the Contact page appears in the console's support queue", async ({
  page,
  browser,
}) => {
  const subject = `E2E question ${randomUUID().slice(0, 8)}`;
  const message = "How long do you keep my order history?";
  const replyTo = uniqueEmail("contact");
  await page.goto("/");
  await ask(page, subject, message, replyTo);

  const console = await openTicket(browser, subject);
  await expect(console.getByText(message)).toBeVisible();
  await expect(console.getByText(replyTo)).toBeVisible();
  await expect(console.locator("main .redacted")).toHaveCount(0);
  await expect(
    console.getByText(/^Read under support \(ref\. support:[0-9a-f-]{36}\)/),
  ).toBeVisible();
});

test("[P-19] an answer sent from the console arrives by email and is shown to the customer in the portal, left open; the ticket is taken and closed", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  // The portal's own clock, so the test can let its minute pass instead of waiting it out.
  await page.clock.install();
  const customer = await signUp(page);
  const subject = `E2E invoice ${randomUUID().slice(0, 8)}`;
  await ask(page, subject, "Where can I find my November invoice?");
  const question = page
    .locator("li.card")
    .filter({ has: page.getByRole("heading", { level: 3, name: subject, exact: true }) });
  await expect(question).toContainText("Waiting for an answer");

  const console = await openTicket(browser, subject);
  await expect(console.getByTestId("ticket-state")).toHaveText("open");
  await console.getByRole("button", { name: "Assign to me" }).click();
  await expect(console.getByTestId("ticket-assignee")).toContainText("(you)");

  const answer = `Look under Payments, invoice ${randomUUID().slice(0, 6)}.`;
  await console.getByLabel("Your reply").fill(answer);
  await console.getByRole("button", { name: "Send reply" }).click();
  await expect(console.getByText(/Reply sent/)).toBeVisible();
  await expect(console.getByTestId("ticket-state")).toHaveText("answered");
  await expect(console.getByRole("region", { name: "Conversation" })).toContainText(answer);

  // The outbox delivers to the test mailbox (the API's worker runs every 15 s).
  const mailbox = await staffClient("support");
  await expect
    .poll(
      async () =>
        (await mailTo(mailbox, customer.email)).filter((m) =>
          headersOf(m.raw, "Subject").includes("Our answer to your question"),
        ).length,
      { message: "the answer delivered by email", timeout: 60_000 },
    )
    .toBe(1);
  const [mail] = (await mailTo(mailbox, customer.email)).filter((m) =>
    headersOf(m.raw, "Subject").includes("Our answer to your question"),
  );
  expect(mail?.raw.replace(/=\r?\n/g, "")).toContain("Look under Payments");
  await mailbox.dispose();

  // The customer's Contact page, left open all along (no reload), asks again within a minute
  // while the question waits, and shows and announces the answer.
  await page.clock.fastForward("01:05");
  await expect(question).toContainText("Answered", { timeout: 30_000 });
  await expect(question.getByRole("list", { name: "Our answers" })).toContainText(answer);
  await expect(page.getByTestId("new-answer")).toHaveText(`New answer to “${subject}”.`);
  await expect(page.getByTestId("new-answer")).toHaveAttribute("aria-live", "polite");

  // A second answer reaches it when the customer comes back to the tab.
  const more = `Or ask for a copy, reference ${randomUUID().slice(0, 6)}.`;
  await console.getByLabel("Your reply").fill(more);
  await console.getByRole("button", { name: "Send reply" }).click();
  await expect(console.getByRole("region", { name: "Conversation" })).toContainText(more);
  await page.clock.fastForward("00:10");
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
  await expect(question.getByRole("list", { name: "Our answers" })).toContainText(more, {
    timeout: 30_000,
  });

  // Closed, it offers only reopening.
  await console.getByRole("button", { name: "Close request" }).click();
  await expect(console.getByTestId("ticket-state")).toHaveText("closed");
  await expect(console.getByRole("button", { name: "Reopen request" })).toBeVisible();
  await expect(console.getByLabel("Your reply")).toBeDisabled();
});

test("[P-19] opening the customer from a ticket reads them under support with the ticket as reference", async ({
  page,
  browser,
}) => {
  await signUp(page);
  const subject = `E2E account ${randomUUID().slice(0, 8)}`;
  await ask(page, subject, "Please check my account.");
  const console = await openTicket(browser, subject);
  await console.getByRole("button", { name: "Open the customer" }).click();
  await expect(console).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
  await expect(
    console.getByRole("form", { name: "Declared purpose" }).locator(".status"),
  ).toContainText(/Support \(ref\. support:[0-9a-f-]{36}\)/i);
});

test("the support ticket view", { tag: "@screenshots" }, async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  await page.goto("/");
  await signUp(page);
  const subject = "My invoice for November is missing";
  await ask(
    page,
    subject,
    "Hello,\nI cannot find last month's invoice in my account. Could you send it again?\nThanks",
  );
  const console = await openTicket(browser, subject);
  await console.getByRole("button", { name: "Assign to me" }).click();
  await expect(console.getByTestId("ticket-assignee")).toContainText("(you)");
  await console
    .getByLabel("Your reply")
    .fill("Hello,\nYou will find every invoice under Payments → Invoices.\nBest regards");
  await console.getByRole("button", { name: "Send reply" }).click();
  await expect(console.getByText(/Reply sent/)).toBeVisible();
  await console.waitForLoadState("networkidle");
  await console.screenshot({
    path: `${screenshots}${testInfo.project.name}/support-ticket.png`,
    fullPage: true,
    animations: "disabled",
    caret: "hide",
  });
});
