/**
 * P-18: a material change published in the console notifies every customer. A customer
 * registered through the API receives the notice over SMTP, naming the date the version takes
 * effect and linking to it. Before publishing, the console says how many customers will be told
 * (the API's count) and publishes only once that is confirmed; it then queues exactly that many.
 *
 * This spec runs in the last project (playwright.config.ts, with the other at-scale tests):
 * it writes to every customer, which the other tests' mailboxes must not see.
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { consoleAs, openArea, staffClient } from "../support/console.js";
import { apiClient, registerCustomer } from "../support/graphql.js";
import { headersOf, mailTo } from "../support/mailbox.js";

test("[P-18] a material change published in the console is emailed to every customer, with its effective date and a link", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const customer = await registerCustomer(await apiClient());
  const version = `e2e-material-${randomUUID().slice(0, 8)}`;
  // A date of its own, years ahead of the other tests' versions.
  const effective = new Date(Date.now() + (800 + Math.floor(Math.random() * 300)) * 86_400_000);
  const day = effective.toISOString().slice(0, 10);
  const spoken = effective.toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });

  const console = await consoleAs(browser, "privacy");
  await openArea(console, "Policy", "Privacy policy");
  await console.getByLabel("Version").fill(version);
  await console.getByLabel("Title").fill("Privet Privacy Policy (E2E material change)");
  await console
    .getByLabel("Summary of changes")
    .fill("We now share order data with a new carrier.");
  await console.getByLabel("Text (Markdown)").fill("## Sharing\n\nA new carrier delivers orders.");
  await console.getByLabel("Effective date").fill(day);
  await console.getByRole("checkbox", { name: /Material change/ }).check();
  await console.getByRole("button", { name: "Publish" }).click();
  const dialog = console.getByRole("dialog", { name: "Publish a material change?" });
  await expect(dialog).toBeVisible();
  const told = Number(
    /(\d+) now/.exec((await dialog.getByTestId("notice-recipients").textContent()) ?? "")?.[1],
  );
  expect(told).toBeGreaterThan(200);
  await dialog.getByRole("button", { name: `Publish and notify ${told} customers` }).click();
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  const published = console.getByText(new RegExp(`^Published version ${version}; (\\d+) notices`));
  await expect(published).toBeVisible();
  const queued = Number(/; (\d+) notices/.exec((await published.textContent()) ?? "")?.[1]);
  // Everyone: the demo customers and every customer the other tests registered.
  expect(queued).toBeGreaterThan(200);
  // The count shown before publishing is the number of notices queued.
  expect(queued).toBe(told);

  // Delivered over SMTP (the API's worker runs every 15 s and works through the outbox).
  const mailbox = await staffClient("privacy");
  let raw = "";
  await expect
    .poll(
      async () => {
        const mail = await mailTo(mailbox, customer.email);
        raw =
          mail.find((m) =>
            headersOf(m.raw, "Subject").some(
              (s) => s === `Our privacy policy changes on ${spoken}`,
            ),
          )?.raw ?? "";
        return raw !== "";
      },
      { message: "the policy notice arrived over SMTP", timeout: 150_000, intervals: [2_000] },
    )
    .toBe(true);
  const text = raw.replace(/=\r?\n/g, "");
  expect(text).toContain(`version ${version}`);
  expect(text).toContain("We now share order data with a new carrier.");
  expect(text).toMatch(/Read the new version: http\S+\/policy/);
  // A notice, not marketing: sent whatever the customer's marketing consent.
  expect(headersOf(raw, "List-Unsubscribe")).toEqual([]);
  await mailbox.dispose();
});
