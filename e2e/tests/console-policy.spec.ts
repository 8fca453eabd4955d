/**
 * P-18: a version published in the console with a future effective date does not govern yet:
 * the portal's policy page still shows the version in force, and its archive lists the new one
 * as taking effect on its date. A version can be drafted first: saved on the server, reopened
 * after the page is gone, previewed, and published from the draft.
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { consoleAs, openArea, staffClient } from "../support/console.js";
import { apiClient, gqlOk } from "../support/graphql.js";
import { settled } from "../support/portal.js";
import { POLICY_IN_FORCE } from "../support/urls.js";

/**
 * A random day in [fromDays, fromDays + 300) days ahead. Two versions may not take effect at
 * the same time, so each test here (and console-policy-material, 800 days on) draws from its own
 * range: a shared one made them collide once in a few hundred runs.
 */
function futureDay(fromDays: number) {
  const effective = new Date(
    Date.now() + (fromDays + Math.floor(Math.random() * 300)) * 86_400_000,
  );
  const spoken = effective.toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  return { day: effective.toISOString().slice(0, 10), spoken };
}

test("[P-18] a policy version published with a future date is listed as taking effect, and the one in force stays", async ({
  page,
  browser,
}) => {
  const version = `e2e-${randomUUID().slice(0, 8)}`;
  const { day, spoken } = futureDay(60);

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

test("[P-18] a draft saved on the server is reopened after a reload with its text, previewed, and published", async ({
  browser,
}) => {
  const version = `e2e-draft-${randomUUID().slice(0, 8)}`;
  const title = `Privet Privacy Policy (E2E draft ${version})`;
  const body = "## Retention\n\nWe keep order history for **six years**.";
  const { day, spoken } = futureDay(400);

  const console = await consoleAs(browser, "privacy");
  await openArea(console, "Policy", "Privacy policy");
  await console.getByLabel("Version").fill(version);
  await console.getByLabel("Title").fill(title);
  await console.getByLabel("Text (Markdown)").fill(body);
  await console.getByLabel("Effective date").fill(day);
  await console.getByRole("button", { name: "Save draft" }).click();
  await expect(console.getByTestId("draft-saved-at")).toContainText("Draft saved");
  const drafts = console.getByRole("region", { name: "Drafts" });
  const draft = drafts.getByRole("listitem").filter({ hasText: version });
  await expect(draft).toContainText(`${title} — version ${version} — saved `);

  // The page is gone and comes back empty: the draft lives on the server, not in the browser.
  await console.reload();
  await expect(console.getByRole("heading", { level: 1, name: "Privacy policy" })).toBeVisible();
  await expect(console.getByLabel("Text (Markdown)")).toHaveValue("");
  await draft.getByRole("button", { name: "Open" }).click();
  await expect(console.getByLabel("Version")).toHaveValue(version);
  await expect(console.getByLabel("Title")).toHaveValue(title);
  await expect(console.getByLabel("Text (Markdown)")).toHaveValue(body);
  await expect(console.getByLabel("Effective date")).toHaveValue(day);
  await expect(console.getByRole("checkbox", { name: /Material change/ })).not.toBeChecked();
  const preview = console.getByRole("region", { name: "Preview, as customers will see it" });
  await expect(preview.getByRole("heading", { level: 1 })).toHaveText(title);
  // Rendered, not echoed: the Markdown heading is a heading (one level down, under the title).
  await expect(preview.getByRole("heading", { level: 3, name: "Retention" })).toBeVisible();
  await expect(preview.locator("strong")).toHaveText("six years");

  // An edit made after reopening is what gets published.
  await console.getByLabel("Summary of changes").fill("Retention periods, drafted first.");
  await console.getByRole("button", { name: "Publish" }).click();
  await expect(console.getByText(`Published version ${version};`)).toBeVisible();
  await expect(draft).toHaveCount(0);
  await expect(console.locator("main > ul li").filter({ hasText: version })).toContainText(
    `effective ${spoken} (scheduled)`,
  );
  await expect(console.getByLabel("Version")).toHaveValue("");

  // Through the API: the version carries the edit, and no draft of it is left.
  const { policyVersions } = await gqlOk<{
    policyVersions: Array<{ version: string; title: string; summary: string; material: boolean }>;
  }>(await apiClient(), "query { policyVersions { version title summary material } }");
  expect(policyVersions.find((v) => v.version === version)).toEqual({
    version,
    title,
    summary: "Retention periods, drafted first.",
    material: false,
  });
  const { policyDrafts } = await gqlOk<{ policyDrafts: Array<{ version: string }> }>(
    await staffClient("privacy"),
    "query { policyDrafts { version } }",
  );
  expect(policyDrafts.filter((d) => d.version === version)).toEqual([]);
});
