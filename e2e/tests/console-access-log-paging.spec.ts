/**
 * A customer's access log in the console past its first page: the privacy officer opens a
 * customer read more times than one page shows (50), presses "Show older entries" and sees the
 * oldest reads, under the same declared purpose. Shot at both sizes (tag @screenshots: the
 * console-mobile project runs it too).
 */
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { consoleAs, declarePurpose, navLink, openCustomer } from "../support/console.js";
import { apiClient, registerCustomer } from "../support/graphql.js";
import { readManyTimes } from "../support/history.js";

const READS = 56;

test(
  "a customer's access log in the console shows older reads on request",
  {
    tag: "@screenshots",
  },
  async ({ browser }, testInfo) => {
    const api = await apiClient();
    const customer = await registerCustomer(api);
    await api.dispose();
    const ticket = `T-CPG-${randomUUID().slice(0, 6)}`;
    await readManyTimes(customer.id, READS, ticket);

    const page = await consoleAs(browser, "privacy");
    await (await navLink(page, "Customers")).click();
    await declarePurpose(page, "SUPPORT", "T-1042");
    await openCustomer(page, customer.email, customer.email);

    const entries = page.locator("ul.access-log > li");
    await expect(entries).toHaveCount(50);
    await expect(page.getByText(`(${ticket}-1)`)).toHaveCount(0);
    const older = page.getByRole("button", { name: "Show older entries" });
    const folder = testInfo.project.name === "console-mobile" ? "console-mobile" : "console";
    const shot = (name: string) =>
      fileURLToPath(new URL(`../screenshots/${folder}/${name}.png`, import.meta.url));
    await older.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot("customer-access-log-show-older"), caret: "hide" });
    // The console's own reads (the search, the opening) are in the log too: page until the end.
    let shown = 50;
    while (await older.isVisible()) {
      await older.click();
      // Appended: the count grows (and the button is back, or gone at the end, in that render).
      await expect(entries).not.toHaveCount(shown);
      shown = await entries.count();
    }
    await expect(page.getByText("That is everything: there are no older entries.")).toBeVisible();
    await expect(entries.last()).toContainText(`(${ticket}-1)`);
    for (const i of [1, 2, READS]) {
      await expect(entries.filter({ hasText: `(${ticket}-${i})` })).toHaveCount(1);
    }
    await expect(page.locator("main .error-notice")).toHaveCount(0);

    await page.screenshot({
      path: shot("customer-access-log-older"),
      fullPage: true,
      animations: "disabled",
      caret: "hide",
    });
    await page.context().close();
  },
);
