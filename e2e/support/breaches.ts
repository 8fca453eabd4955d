/**
 * Breach incidents in the console (P-17): the "Record an incident" form, an incident's card,
 * and the register as the API reports it, for the tests to compare the two.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import { expect } from "@playwright/test";
import { gqlOk } from "./graphql.js";

export interface IncidentCounts {
  id: string;
  title: string;
  affectedCustomers: number;
  californiaResidents: number;
  attorneyGeneralNoticeRequired: boolean;
  draftNotices: number;
  approvedNotices: number;
  sentNotices: number;
}

export interface IncidentForm {
  title: string;
  /** YYYY-MM-DD, inclusive. */
  exposedFrom: string;
  /** One taxonomy key, e.g. "user.contact.email": its box is ticked under "Data exposed". */
  category: string;
}

/** Records an incident through the console's form (discovered and exposed until today). */
export async function recordIncidentInConsole(page: Page, incident: IncidentForm) {
  const today = new Date().toISOString().slice(0, 10);
  const form = page.locator("form").filter({
    has: page.getByRole("heading", { level: 2, name: "Record an incident" }),
  });
  await form.getByLabel("Title").fill(incident.title);
  await form
    .getByLabel("What happened")
    .fill("A misconfigured export job wrote contact details to a shared folder.");
  await form.getByLabel("Discovered on").fill(today);
  await form.getByLabel("Exposed from").fill(incident.exposedFrom);
  await form.getByLabel("Exposed until").fill(today);
  await form
    .getByRole("group", { name: "Data exposed" })
    .locator(`input[name="categories"][value="${incident.category}"]`)
    .check();
  await form.getByRole("button", { name: "Record incident" }).click();
  const card = incidentCard(page, incident.title);
  await expect(card).toBeVisible();
  return card;
}

/** An incident's card in the register, by its title. */
export function incidentCard(page: Page, title: string) {
  return page.locator("li.card").filter({
    has: page.getByRole("heading", { level: 2, name: title, exact: true }),
  });
}

/** The incident with this title as the API reports it. */
export async function incidentFromApi(
  officer: APIRequestContext,
  title: string,
): Promise<IncidentCounts> {
  const { breachIncidents } = await gqlOk<{ breachIncidents: IncidentCounts[] }>(
    officer,
    `{ breachIncidents(first: 50) { id title affectedCustomers californiaResidents
       attorneyGeneralNoticeRequired draftNotices approvedNotices sentNotices } }`,
  );
  const found = breachIncidents.find((b) => b.title === title);
  if (!found) throw new Error(`incident ${title} not in breachIncidents`);
  return found;
}
