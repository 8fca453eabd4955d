/**
 * The audit trail and the staff action log in time order, newest or oldest first, as the API
 * orders the whole history (not the rows a page happens to hold), and the staff action log
 * narrowed to one action chosen in words (read by the privacy officer, one of the audit readers).
 */
import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { consoleAs, declarePurpose, staffClient } from "../support/console.js";
import { apiClient, gql, registerCustomer } from "../support/graphql.js";
import { readManyTimes } from "../support/history.js";

/** The text of the table's body rows, top to bottom. */
const rowTexts = (page: Page, table: string | RegExp) =>
  page.getByRole("table", { name: table }).locator("tbody tr").allInnerTexts();

test("the audit trail reads one customer's history oldest first or newest first", async ({
  browser,
}) => {
  const api = await apiClient();
  const customer = await registerCustomer(api);
  await api.dispose();
  const ticket = `T-ORD-${randomUUID().slice(0, 6)}`;
  await readManyTimes(customer.id, 3, ticket);

  const page = await consoleAs(browser, "privacy");
  await page.goto("/audit");
  await expect(page.getByRole("table", { name: /newest first/ })).toBeVisible();
  // Narrowed to the customer from one of their rows (the newest reads are on the first page):
  // that is the customer's access log, which a privacy officer reads under a declared purpose.
  await declarePurpose(page, "SUPPORT", ticket);
  await page
    .getByRole("row")
    .filter({ hasText: `${ticket}-3` })
    .first()
    .getByRole("button", { name: "Only this customer" })
    .click();
  await expect(page.getByText("Showing one customer's reads:")).toBeVisible();
  const refs = async () =>
    (await rowTexts(page, /^Reads of personal data/))
      .map((text) => text.match(new RegExp(`${ticket}-(\\d)`))?.[1])
      .filter(Boolean);
  await expect.poll(refs).toEqual(["3", "2", "1"]);
  // No column header offers a sort of the rows shown.
  await expect(page.locator("thead").getByRole("button")).toHaveCount(0);

  await page.getByLabel("Order", { exact: true }).selectOption("OLDEST_FIRST");
  await expect(page.getByRole("table", { name: /oldest first/ })).toBeVisible();
  await expect.poll(refs).toEqual(["1", "2", "3"]);
  await page.context().close();
});

test("the staff action log narrows to an action chosen in words, in either order", async ({
  browser,
}) => {
  // Two staff actions on records that do not exist: each recorded as attempted, then failed.
  const first = randomUUID();
  const second = randomUUID();
  const support = await staffClient("support");
  for (const id of [first, second]) {
    const result = await gql(
      support,
      "mutation Close($id: ID!) { closeSupportRequest(id: $id) { id } }",
      {
        id,
      },
    );
    expect(result.errors?.length).toBeGreaterThan(0);
  }
  await support.dispose();

  const page = await consoleAs(browser, "privacy");
  await page.goto("/staff-actions");
  const form = page.getByRole("form", { name: "Filter staff actions" });
  await form.getByLabel("Action").selectOption({ label: "Closed a support request" });
  await form.getByRole("button", { name: "Apply" }).click();
  const table = /^Staff actions/;
  const order = async () =>
    (await rowTexts(page, table))
      .map((text) => (text.includes(first) ? "first" : text.includes(second) ? "second" : null))
      .filter(Boolean);
  // The filtered list replaces the whole log (until it does, the newest rows of other work
  // may be shown): every row is the action chosen.
  await expect
    .poll(async () =>
      (await rowTexts(page, table)).every((text) => text.includes("Closed a support request")),
    )
    .toBe(true);
  // Newest first: the second close (attempted and failed) above the first.
  await expect.poll(order).toEqual(["second", "second", "first", "first"]);

  await page.getByLabel("Order", { exact: true }).selectOption("OLDEST_FIRST");
  await expect(page.getByRole("table", { name: /oldest first/ })).toBeVisible();
  // Oldest first the whole log is read from its start: these two are the newest, so they come
  // last — on a later page if the log is long.
  const more = page.getByRole("button", { name: "Show newer actions" });
  while (await more.isVisible()) {
    const shown = (await rowTexts(page, table)).length;
    await more.click();
    await expect.poll(async () => (await rowTexts(page, table)).length).toBeGreaterThan(shown);
  }
  await expect
    .poll(async () => (await order()).slice(-4))
    .toEqual(["first", "first", "second", "second"]);
  await page.context().close();
});
