/**
 * The data export: "Download my data" on My data saves one JSON file holding everything Privet
 * keeps about the customer — here checked for the consent history the test itself made
 * (the registration's consent and a withdrawal in the portal, each with source and version).
 */
import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { registerCustomer } from "../support/graphql.js";
import { follow, purposeCard, settled } from "../support/portal.js";
import { POLICY_IN_FORCE } from "../support/urls.js";

interface ExportedHistoryEntry {
  purpose: string;
  state: string;
  source: string;
  policyVersion: string | null;
  occurredAt: string;
}

interface DataExport {
  format: string;
  profile: { email: string; name: string };
  consentHistory: ExportedHistoryEntry[];
}

/** Signs the browser up over HTTP and withdraws marketing in the consent centre. */
async function customerWithAWithdrawal(page: Page) {
  const customer = await registerCustomer(page.request, {}, "/graphql");
  await page.goto("/consents");
  await settled(page);
  const marketing = purposeCard(page, "Marketing");
  await marketing.getByRole("checkbox", { name: /^Allow marketing/ }).click();
  await expect(marketing.locator(".status")).toHaveText(/^Withdrawn since /);
  return customer;
}

function expectConsentHistory(exported: DataExport, email: string) {
  expect(exported.profile.email).toBe(email);
  const marketing = exported.consentHistory.filter((e) => e.purpose === "MARKETING");
  // Newest first, as in the portal: the withdrawal, then the registration's consent.
  expect(
    marketing.map(({ state, source, policyVersion }) => ({ state, source, policyVersion })),
  ).toEqual([
    { state: "WITHDRAWN", source: "PORTAL", policyVersion: POLICY_IN_FORCE.version },
    { state: "GIVEN", source: "REGISTRATION", policyVersion: POLICY_IN_FORCE.version },
  ]);
  for (const entry of marketing) expect(Number.isNaN(Date.parse(entry.occurredAt))).toBe(false);
}

test("the data export downloads a JSON file with the consent history", async ({ page }) => {
  const customer = await customerWithAWithdrawal(page);
  await follow(page, "My data");
  await settled(page);

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download my data" }).click();
  const download = await downloading;
  // A JSON file whose name carries no personal data.
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  expect(download.suggestedFilename()).not.toContain(customer.email.split("@")[0]);
  const path = await download.path();
  const exported = JSON.parse(await readFile(path, "utf8")) as DataExport;
  expectConsentHistory(exported, customer.email);
});
