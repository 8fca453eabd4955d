/**
 * The access log past its first page: a customer whose data was accessed more times than one
 * page shows (50 accesses) sees the newest 50, presses "Show older entries" and sees the oldest
 * too, then is told there are no older ones. Shot at both sizes (tag @screenshots).
 */
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { registerCustomer } from "../support/graphql.js";
import { readManyTimes } from "../support/history.js";
import { settled } from "../support/portal.js";

const READS = 56;
const shot = (project: string, name: string) =>
  fileURLToPath(new URL(`../screenshots/${project}/${name}.png`, import.meta.url));

test(
  "the access log shows older reads on request",
  { tag: "@screenshots" },
  async ({ page }, testInfo) => {
    const customer = await registerCustomer(page.request, {}, "/graphql");
    const ticket = `T-PG-${randomUUID().slice(0, 6)}`;
    await readManyTimes(customer.id, READS, ticket);

    await page.goto("/access-log");
    await settled(page);
    const rows = page
      .getByRole("list", { name: "Accesses to your data, newest first" })
      .getByRole("listitem");
    await expect(page.getByText(`Last 30 days: ${READS} staff reads, no partners.`)).toBeVisible();
    await expect(rows).toHaveCount(50);
    await expect(rows.first()).toContainText(`Support, reference ${ticket}-${READS}`);
    const oldest = page.getByText(`Support, reference ${ticket}-1`, { exact: true });
    await expect(oldest).toHaveCount(0);

    const older = page.getByRole("button", { name: "Show older entries" });
    // The button as the customer meets it, below the newest page.
    await older.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: shot(testInfo.project.name, "access-log-show-older"),
      caret: "hide",
    });
    await older.click();
    await expect(rows).toHaveCount(READS);
    await expect(oldest).toHaveCount(1);
    await expect(rows.last()).toContainText(`Support, reference ${ticket}-1`);
    await expect(page.getByText("That is everything: there are no older entries.")).toBeVisible();
    await expect(older).toHaveCount(0);
    // The focus the button had moves to the sentence that replaced it.
    await expect(page.getByText("That is everything: there are no older entries.")).toBeFocused();

    await page.screenshot({
      path: shot(testInfo.project.name, "access-log-older"),
      fullPage: true,
      animations: "disabled",
      caret: "hide",
    });
  },
);
