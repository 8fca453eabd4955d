/**
 * The console shows each role only what it may use: a support agent has no privacy-officer
 * areas, and reading a customer under SUPPORT shows the records the customer holds about
 * others as redacted with the reason (never blank); the privacy officer has the request queue.
 */
import { expect, test } from "@playwright/test";
import {
  consoleNav,
  consolePage,
  openArea,
  openCustomer,
  STAFF,
  staffSignIn,
} from "../support/console.js";
import { DEMO_CUSTOMER } from "../support/graphql.js";

test("a support agent cannot see what only a privacy officer may; the privacy officer can", async ({
  browser,
}) => {
  const agent = await consolePage(browser);
  await staffSignIn(agent, STAFF.support);
  await expect(agent.getByRole("banner").getByText("Signed in as support agent")).toBeVisible();
  const nav = consoleNav(agent);
  await expect(nav.getByRole("link", { name: "Customers", exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Support", exact: true })).toBeVisible();
  for (const area of ["Privacy requests", "Breaches", "Marketing", "Processors", "Policy"]) {
    await expect(nav.getByRole("link", { name: area, exact: true }), area).toHaveCount(0);
  }

  await test.step("a customer opened under SUPPORT: held records redacted with the reason", async () => {
    await openArea(agent, "Customers", "Customers", ["SUPPORT", "T-E2E-ROLES"]);
    await openCustomer(agent, DEMO_CUSTOMER, DEMO_CUSTOMER);
    await expect(agent.getByText("Read under support (ref. T-E2E-ROLES)")).toBeVisible();
    // Support may read contact details…
    await expect(agent.locator("dl.facts")).toContainText(DEMO_CUSTOMER);
    // …but not the records the customer holds about other people.
    const held = agent
      .getByRole("heading", { level: 2, name: "Records the customer holds about others" })
      .locator("xpath=following-sibling::ul[1]");
    const redacted = held.locator(".withheld");
    expect(await redacted.count()).toBeGreaterThan(0);
    // A small mark, its reason in words as its tooltip; the page says why once, in a sentence.
    await expect(redacted.first()).toHaveText(/^withheld: .+/);
    const reason = await redacted.first().getAttribute("title");
    expect(reason).toBeTruthy();
    await expect(redacted.first()).toHaveText(`withheld: ${reason}`);
    await expect(redacted.first()).toHaveAttribute("data-redacted", /^[A-Z_]+$/);
    await expect(agent.getByRole("note")).toContainText("Some fields are withheld.");
    // Nothing in the held records is shown in the clear.
    const items = held.getByRole("listitem");
    for (const item of await items.all()) {
      await expect(item.locator(".withheld")).toHaveCount(2);
    }
  });

  await test.step("the privacy request queue is not reachable for the agent by address", async () => {
    await agent.goto("/requests");
    await expect(agent.getByRole("heading", { level: 1, name: "Privacy requests" })).toHaveCount(0);
  });

  const officer = await consolePage(browser);
  await staffSignIn(officer, STAFF.privacy);
  await expect(officer.getByRole("banner").getByText("Signed in as privacy officer")).toBeVisible();
  for (const area of ["Privacy requests", "Breaches", "Marketing", "Processors", "Policy"]) {
    await expect(
      consoleNav(officer).getByRole("link", { name: area, exact: true }),
      area,
    ).toBeVisible();
  }
  await openArea(officer, "Privacy requests", "Privacy requests", [
    "PRIVACY_REQUEST_HANDLING",
    "PR-E2E-ROLES",
  ]);
  await expect(officer.getByRole("columnheader", { name: "Due" })).toBeVisible();
});
