/**
 * P-18: a version published in the console with a future effective date does not govern yet:
 * the portal's policy page still shows the version in force, and its archive lists the new one
 * as taking effect on its date.
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { consoleAs, openArea } from "../support/console.js";
import { settled } from "../support/portal.js";
import { POLICY_IN_FORCE } from "../support/urls.js";

test("[P-18] a policy version published with a future date is listed as taking effect, and the one in force stays", async ({
  page,
  browser,
}) => {
  const version = `e2e-${randomUUID().slice(0, 8)}`;
  // A date of its own (two versions may not share one), months ahead.
  const effective = new Date(Date.now() + (60 + Math.floor(Math.random() * 600)) * 86_400_000);
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
  await console.getByLabel("Title").fill("Privet Privacy Policy (E2E future version)");
  await console.getByLabel("Summary of changes").fill("Clarifies retention periods.");
  await console
    .getByLabel("Text (Markdown)")
    .fill("## Retention\n\nWe keep order history for six years.");
  await console.getByLabel("Effective date").fill(day);
  // Not material: no notice to every customer from a test.
  await expect(console.getByRole("checkbox", { name: /Material change/ })).not.toBeChecked();
  await console.getByRole("button", { name: "Publish" }).click();
  await expect(console.getByText(`Published version ${version};`)).toBeVisible();
  await expect(console.locator("main ul li").filter({ hasText: version })).toContainText(
    `effective ${spoken} (scheduled)`,
  );

  await page.goto("/policy");
  await settled(page);
  await expect(page.getByTestId("policy-effective")).toHaveText(
    `Effective ${POLICY_IN_FORCE.effective} · version ${POLICY_IN_FORCE.version}`,
  );
  const archive = page.getByRole("navigation", { name: "Other versions" });
  await expect(
    archive.getByRole("link", { name: `Version ${version} — takes effect ${spoken}`, exact: true }),
  ).toBeVisible();
});
