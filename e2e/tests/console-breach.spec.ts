/**
 * P-17: a breach incident recorded in the console: Privet finds the affected customers and the
 * Californians (the card's counts are the API's, shown as soon as it is recorded), drafts the
 * notices, which are approved and sent from the card — each button enabled only when the
 * incident's state allows it, sending confirmed with its count; each notice has the California
 * form's five headings, in order. Once every notice is sent the incident is closed from the card,
 * after a confirmation saying what closing means, and then offers nothing more. An empty form
 * says what each field needs. The Attorney
 * General flag above 500 Californians: console-breach-over-500.spec.ts.
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { incidentCard, incidentFromApi, recordIncidentInConsole } from "../support/breaches.js";
import { consoleAs, openArea, staffClient } from "../support/console.js";
import { gqlOk } from "../support/graphql.js";

const HEADINGS = [
  "What Happened",
  "What Information Was Involved",
  "What We Are Doing",
  "What You Can Do",
  "For More Information",
];

test("[P-17] a breach over contact data: affected customers and Californians counted, notices drafted, approved and sent in the California form", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const title = `E2E incident ${randomUUID().slice(0, 8)}`;
  const page = await consoleAs(browser, "privacy");
  await openArea(page, "Breaches", "Breach incidents");

  // The demo customers signed up from 2019 on: this window covers all of them.
  const card = await recordIncidentInConsole(page, {
    title,
    exposedFrom: "2015-01-01",
    category: "user.contact.email",
  });

  const officer = await staffClient("privacy");
  const incidentOf = () => incidentFromApi(officer, title);
  const recorded = await incidentOf();
  // The demo data has customers, some of them in California.
  expect(recorded.affectedCustomers).toBeGreaterThan(0);
  expect(recorded.californiaResidents).toBeGreaterThan(0);
  expect(recorded.californiaResidents).toBeLessThanOrEqual(recorded.affectedCustomers);
  await expect(card).toContainText(
    `${recorded.affectedCustomers} customers affected, ${recorded.californiaResidents} in California.`,
  );
  await expect(card).toContainText("Discovered");
  await expect(card).toContainText("Email address");
  await expect(card).toContainText("State: open");
  // The demo data has fewer than 501 Californians: no Attorney General notice (the flag above
  // 500 is console-breach-over-500.spec.ts).
  expect(recorded.attorneyGeneralNoticeRequired).toBe(false);
  await expect(card.locator('[data-flag="attorney-general"]')).toHaveCount(0);

  // Recording drafts a notice for each affected customer who can be written to.
  const status = card.getByTestId("notices");
  expect(recorded.draftNotices).toBeGreaterThan(0);
  expect(recorded.draftNotices).toBeLessThanOrEqual(recorded.affectedCustomers);
  await expect(status).toHaveText(`Notices: ${recorded.draftNotices} draft, 0 approved, 0 sent.`);
  // Drafts to approve, nothing approved to send yet.
  const button = (name: string | RegExp) => card.getByRole("button", { name });
  await expect(button("Approve drafts")).toBeEnabled();
  await expect(button(/^Send approved/)).toBeDisabled();
  // Not closable while customers wait for their notices.
  await expect(button(/^Close incident/)).toBeDisabled();
  // Drafting again writes no second notice to anyone.
  await button(/^Draft notices/).click();
  await page.waitForLoadState("networkidle");
  const drafted = await incidentOf();
  expect(drafted.draftNotices).toBe(recorded.draftNotices);
  await expect(status).toHaveText(`Notices: ${drafted.draftNotices} draft, 0 approved, 0 sent.`);

  await button("Approve drafts").click();
  await expect(status).toHaveText(`Notices: 0 draft, ${drafted.draftNotices} approved, 0 sent.`, {
    timeout: 60_000,
  });
  await expect(button("Approve drafts")).toBeDisabled();

  // Sending emails every approved recipient: it asks first, with the count.
  await button(/^Send approved/).click();
  const dialog = page.getByRole("dialog", { name: "Send the approved notices?" });
  await expect(dialog).toContainText(
    `Send ${drafted.draftNotices} approved notices by email, one to each customer`,
  );
  await dialog.getByRole("button", { name: `Send ${drafted.draftNotices} notices` }).click();
  await expect(dialog).toHaveCount(0);
  await expect(status).toContainText(/0 approved, [1-9]\d* sent\.$/, { timeout: 60_000 });
  const sent = await incidentOf();
  expect(sent.sentNotices).toBeGreaterThan(0);
  expect(sent.approvedNotices).toBe(0);
  await expect(status).toHaveText(`Notices: 0 draft, 0 approved, ${sent.sentNotices} sent.`);
  await expect(card).toContainText("State: notifying");
  await expect(button(/^Send approved/)).toBeDisabled();

  // Every notice sent: the incident may be closed, after saying what closing means.
  await button(/^Close incident/).click();
  const closing = page.getByRole("dialog", { name: "Close this incident?" });
  await expect(closing).toContainText(
    `All ${sent.sentNotices} notices about “${title}” have been sent.`,
  );
  await expect(closing).toContainText("no more notices can be drafted, approved or sent");
  await closing.getByRole("button", { name: "Close the incident" }).click();
  await expect(closing).toHaveCount(0);
  await expect(card).toContainText("State: closed", { timeout: 30_000 });
  await expect(card).toContainText("This incident is closed: nothing more to do here.");
  await expect(card.getByRole("button")).toHaveCount(0);
  const { breachIncidents } = await gqlOk<{
    breachIncidents: Array<{ id: string; status: string }>;
  }>(officer, `{ breachIncidents(first: 50) { id status } }`);
  expect(breachIncidents.find((b) => b.id === recorded.id)?.status).toBe("CLOSED");

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

test("[P-17] the demo incident, never drafted, shows its affected customers and how overdue its notices are", async ({
  browser,
}) => {
  const page = await consoleAs(browser, "privacy");
  await openArea(page, "Breaches", "Breach incidents");
  const card = incidentCard(page, "Mailing-list export left in a public storage bucket");
  const officer = await staffClient("privacy");
  const demo = await incidentFromApi(
    officer,
    "Mailing-list export left in a public storage bucket",
  );
  await officer.dispose();
  expect(demo.affectedCustomers).toBeGreaterThan(0);
  await expect(card.getByTestId("affected")).toHaveText(
    `${demo.affectedCustomers} customers affected, ${demo.californiaResidents} in California.`,
  );
  // Due 30 days after its discovery in September: long overdue, said in words.
  await expect(card.getByTestId("deadline")).toHaveText(/\(\d+ days overdue\)\.$/);
  await expect(card.getByTestId("deadline")).not.toContainText("-");
});

test("an empty incident form says what each field needs, and records nothing", async ({
  browser,
}) => {
  const page = await consoleAs(browser, "privacy");
  await openArea(page, "Breaches", "Breach incidents");
  const before = await page.locator("li.card").count();
  const form = page.locator("form").filter({
    has: page.getByRole("heading", { level: 2, name: "Record an incident" }),
  });
  await form.getByRole("button", { name: "Record incident" }).click();
  await expect(form).toContainText("6 fields need attention.");
  await expect(form).toContainText("Give the incident a short title.");
  await expect(form).toContainText("Enter the day the incident was discovered.");
  await expect(form).toContainText("Choose at least one kind of data that was exposed.");
  await expect(form.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Invalid time value")).toHaveCount(0);
  await expect(page.locator("li.card")).toHaveCount(before);
});
