/**
 * P-17 at scale: a breach that reaches more than 500 California residents flags the Attorney
 * General notice, and one that reaches exactly 500 does not. The Californians are registered
 * through the API, like any customer; the incidents are recorded in the console.
 *
 * This spec runs in a project of its own, after every other console test (playwright.config.ts):
 * the hundreds of customers it registers would otherwise be among the recipients of the other
 * tests' breach notices and policy notices.
 */
import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { incidentFromApi, recordIncidentInConsole } from "../support/breaches.js";
import { consoleAs, openArea, staffClient } from "../support/console.js";
import { apiClient, registerCustomer, uniqueEmail } from "../support/graphql.js";

const THRESHOLD = 500;
const CATEGORY = "user.contact.email";

/** Registers `count` California residents, a few at a time (each sign-up hashes a password). */
async function registerCalifornians(count: number) {
  const inFlight = 4;
  let next = 0;
  const worker = async (http: APIRequestContext) => {
    while (next < count) {
      next += 1;
      await registerCustomer(http, {
        name: `Californian ${randomUUID().slice(0, 6)}`,
        email: uniqueEmail("e2e.ca"),
        country: "US",
        region: "CA",
      });
    }
  };
  const clients = await Promise.all(Array.from({ length: inFlight }, () => apiClient()));
  await Promise.all(clients.map(worker));
  await Promise.all(clients.map((client) => client.dispose()));
}

test("[P-17] more than 500 Californians affected flags the Attorney General notice; exactly 500 does not", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const officer = await staffClient("privacy");
  const run = randomUUID().slice(0, 8);
  const page = await consoleAs(browser, "privacy");
  await openArea(page, "Breaches", "Breach incidents");

  // How many Californians an incident over everyone's email reaches now.
  const probeTitle = `E2E probe ${run}`;
  await recordIncidentInConsole(page, {
    title: probeTitle,
    exposedFrom: "2015-01-01",
    category: CATEGORY,
  });
  const before = (await incidentFromApi(officer, probeTitle)).californiaResidents;
  expect(before).toBeLessThan(THRESHOLD);

  // Up to exactly 500: no Attorney General notice.
  await registerCalifornians(THRESHOLD - before);
  const atTitle = `E2E incident at 500 ${run}`;
  const atCard = await recordIncidentInConsole(page, {
    title: atTitle,
    exposedFrom: "2015-01-01",
    category: CATEGORY,
  });
  const at = await incidentFromApi(officer, atTitle);
  expect(at.californiaResidents).toBe(THRESHOLD);
  expect(at.attorneyGeneralNoticeRequired).toBe(false);
  await expect(atCard).toContainText(
    `${at.affectedCustomers} customers affected, 500 in California.`,
  );
  await expect(atCard.locator('[data-flag="attorney-general"]')).toHaveCount(0);

  // One more: 501, and the card flags the notice to the Attorney General with its due date.
  await registerCalifornians(1);
  const overTitle = `E2E incident over 500 ${run}`;
  const overCard = await recordIncidentInConsole(page, {
    title: overTitle,
    exposedFrom: "2015-01-01",
    category: CATEGORY,
  });
  const over = await incidentFromApi(officer, overTitle);
  expect(over.californiaResidents).toBe(THRESHOLD + 1);
  expect(over.attorneyGeneralNoticeRequired).toBe(true);
  await expect(overCard).toContainText(
    `${over.affectedCustomers} customers affected, 501 in California.`,
  );
  await expect(overCard.locator('[data-flag="attorney-general"]')).toHaveText(
    /^More than 500 Californians: notify the Attorney General by \d/,
  );
  // The notices are drafted for everyone reached, Californians or not, in one go.
  expect(over.draftNotices).toBeGreaterThanOrEqual(THRESHOLD + 1);
  await officer.dispose();
});
