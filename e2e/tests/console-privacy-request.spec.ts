/**
 * A privacy request made in the portal reaches the console's queue with its legal due date; the
 * privacy officer verifies it, starts work (the portal shows it in progress) and fulfils it
 * there before that date, and the customer's portal then shows it as done. The customer got
 * the acknowledgement of receipt and the completion by email, over SMTP.
 */
import { expect, test } from "@playwright/test";
import { consoleAs, openArea, staffClient } from "../support/console.js";
import { gqlOk } from "../support/graphql.js";
import { headersOf, mailTo } from "../support/mailbox.js";
import { follow, settled, signUp } from "../support/portal.js";

test("a privacy request from the portal is verified and fulfilled in the console before its due date", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
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

  // The queue shows customers by their id (no personal field is read to list it).
  const { me: who } = await gqlOk<{ me: { id: string } }>(
    page.request,
    `query { me { id } }`,
    {},
    "/graphql",
  );
  const console = await consoleAs(browser, "privacy");
  await openArea(console, "Privacy requests", "Privacy requests", [
    "PRIVACY_REQUEST_HANDLING",
    "PR-E2E",
  ]);
  const row = console.getByRole("row").filter({ hasText: who.id });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Access");
  await expect(row).not.toContainText(customer.name);
  // Opening it reads who asked, under the declared purpose.
  await row.getByRole("button", { name: /^Open the Access request/ }).click();
  await expect(row).toContainText(customer.name);
  await expect(row).toContainText(customer.email);
  await expect(row).toContainText("Read under handling a privacy request (ref. PR-E2E)");
  // The same legal due date as the portal's, and still ahead.
  await expect(row.getByRole("cell").nth(3)).toContainText(due);
  await expect(row.getByRole("cell").nth(3)).toContainText(/\d+ days left/);
  await expect(row).not.toHaveAttribute("data-overdue", "true");
  await expect(row.getByRole("cell").nth(4)).toHaveText("Received");

  await row.getByRole("button", { name: "Verify" }).click();
  await expect(row.getByRole("cell").nth(4)).toHaveText("Verified");
  await row.getByRole("button", { name: "Start work" }).click();
  await expect(row.getByRole("cell").nth(4)).toHaveText("In progress");
  await page.reload();
  await settled(page);
  await expect(mine.getByRole("cell").nth(2)).toHaveText("In progress");

  await row.getByRole("button", { name: "Fulfil" }).click();
  // Fulfilled requests leave the open queue.
  await expect(row).toHaveCount(0);

  await page.reload();
  await settled(page);
  await expect(mine).toHaveCount(1);
  await expect(mine.getByRole("cell").nth(2)).toHaveText("Done");

  // Each step is in the staff action log: attempted, then succeeded, with the request's id.
  const { me } = await gqlOk<{ me: { privacyRequests: Array<{ id: string }> } }>(
    page.request,
    `query { me { privacyRequests { id } } }`,
    {},
    "/graphql",
  );
  const requestId = me.privacyRequests[0]?.id ?? "";
  expect(requestId).not.toBe("");
  await openArea(console, "Staff actions", "Staff actions");
  const log = console.getByRole("form", { name: "Filter staff actions" });
  // Actions are chosen in words (@privet/domain/staff-actions), never by mutation name.
  for (const action of [
    "Verified a privacy request",
    "Started work on a privacy request",
    "Fulfilled a privacy request",
  ]) {
    await log.getByLabel(/^Action/).selectOption({ label: action });
    await log.getByRole("button", { name: "Apply" }).click();
    const entries = console.getByRole("row").filter({ hasText: requestId });
    await expect(entries).toHaveCount(2);
    await expect(entries.nth(0)).toContainText(action);
    await expect(entries.nth(0)).toContainText("Succeeded");
    await expect(entries.nth(1)).toContainText("Attempted");
    await expect(entries.nth(0)).toContainText("Privacy officer");
    await expect(entries.nth(0)).toContainText(/Handling a privacy request.*PR-E2E/);
  }

  // Both emails arrive over SMTP (the API's worker delivers every 15 s): receipt, then done.
  const mailbox = await staffClient("privacy");
  const subjects = async () =>
    (await mailTo(mailbox, customer.email)).flatMap((m) => headersOf(m.raw, "Subject"));
  await expect
    .poll(subjects, { message: "request emails delivered", timeout: 45_000 })
    .toEqual(
      expect.arrayContaining([
        "We have received your privacy request",
        "Your privacy request is complete",
      ]),
    );
  await mailbox.dispose();
});
