/**
 * P-17: a breach incident recorded in the console: Privet finds the affected customers and the
 * Californians (the card's counts are the API's), drafts the notices, which are approved and
 * sent from the card; each notice has the California form's five headings, in order. (The AG
 * flag above 500 Californians is covered by the API's tests: this run does not create 500.)
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { consoleAs, openArea, staffClient } from "../support/console.js";
import { gqlOk } from "../support/graphql.js";

const HEADINGS = [
  "What Happened",
  "What Information Was Involved",
  "What We Are Doing",
  "What You Can Do",
  "For More Information",
];

interface Incident {
  id: string;
  title: string;
  affectedCustomers: number;
  californiaResidents: number;
  draftNotices: number;
  approvedNotices: number;
  sentNotices: number;
}

test("[P-17] a breach over contact data: affected customers and Californians counted, notices drafted, approved and sent in the California form", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const title = `E2E incident ${randomUUID().slice(0, 8)}`;
  const today = new Date().toISOString().slice(0, 10);
  const page = await consoleAs(browser, "privacy");
  await openArea(page, "Breaches", "Breach incidents");

  const form = page.locator("form").filter({
    has: page.getByRole("heading", { level: 2, name: "Record an incident" }),
  });
  await form.getByLabel("Title").fill(title);
  await form
    .getByLabel("What happened")
    .fill("A misconfigured export job wrote contact details to a shared folder.");
  await form.getByLabel("Discovered on").fill(today);
  // The demo customers signed up from 2019 on: this window covers all of them.
  await form.getByLabel("Exposed from").fill("2015-01-01");
  await form.getByLabel("Exposed until").fill(today);
  await form.getByLabel(/^Data categories/).fill("user.contact.email");
  await form.getByRole("button", { name: "Record incident" }).click();

  const card = page.locator("li.card").filter({
    has: page.getByRole("heading", { level: 2, name: title, exact: true }),
  });
  await expect(card).toBeVisible();

  const officer = await staffClient("privacy");
  const incidentOf = async () => {
    const { breachIncidents } = await gqlOk<{ breachIncidents: Incident[] }>(
      officer,
      `{ breachIncidents(first: 50) { id title affectedCustomers californiaResidents draftNotices approvedNotices sentNotices } }`,
    );
    const found = breachIncidents.find((b) => b.title === title);
    if (!found) throw new Error(`incident ${title} not in breachIncidents`);
    return found;
  };
  const recorded = await incidentOf();
  // The demo data has customers, some of them in California.
  expect(recorded.affectedCustomers).toBeGreaterThan(0);
  expect(recorded.californiaResidents).toBeGreaterThan(0);
  expect(recorded.californiaResidents).toBeLessThanOrEqual(recorded.affectedCustomers);
  await expect(card).toContainText(
    `${recorded.affectedCustomers} customers affected, ${recorded.californiaResidents} in California.`,
  );
  await expect(card).toContainText("Discovered");
  await expect(card).toContainText("user.contact.email");

  // Recording drafts a notice for each affected customer who can be written to.
  const status = card.locator("p.status");
  expect(recorded.draftNotices).toBeGreaterThan(0);
  expect(recorded.draftNotices).toBeLessThanOrEqual(recorded.affectedCustomers);
  await expect(status).toHaveText(`Notices: ${recorded.draftNotices} draft, 0 approved, 0 sent.`);
  // Drafting again writes no second notice to anyone.
  await card.getByRole("button", { name: "Draft notices" }).click();
  await page.waitForLoadState("networkidle");
  const drafted = await incidentOf();
  expect(drafted.draftNotices).toBe(recorded.draftNotices);
  await expect(status).toHaveText(`Notices: ${drafted.draftNotices} draft, 0 approved, 0 sent.`);

  await card.getByRole("button", { name: "Approve drafts" }).click();
  await expect(status).toHaveText(`Notices: 0 draft, ${drafted.draftNotices} approved, 0 sent.`, {
    timeout: 60_000,
  });

  await card.getByRole("button", { name: "Send approved" }).click();
  await expect(status).toContainText(/0 approved, [1-9]\d* sent\.$/, { timeout: 60_000 });
  const sent = await incidentOf();
  expect(sent.sentNotices).toBeGreaterThan(0);
  expect(sent.approvedNotices).toBe(0);
  await expect(status).toHaveText(`Notices: 0 draft, 0 approved, ${sent.sentNotices} sent.`);

  const { breachIncident } = await gqlOk<{
    breachIncident: { notices: Array<{ headings: string[] }> };
  }>(
    officer,
    `query Notice($id: ID!) { breachIncident(id: $id) { notices(first: 1) { headings } } }`,
    { id: recorded.id },
  );
  expect(breachIncident.notices).toHaveLength(1);
  expect(breachIncident.notices[0]?.headings).toEqual(HEADINGS);
  await officer.dispose();
});
