/**
 * P-10: the processor registry flags the demo processor whose agreement lapsed (Driftwood
 * Backup, DPA-DWB-2021, ended 30 June 2025: packages/db/src/seed/processors.ts) and no other.
 */
import { expect, test } from "@playwright/test";
import { consoleAs, openArea } from "../support/console.js";

test("[P-10] the Processors page flags the processor whose agreement expired", async ({
  browser,
}) => {
  const page = await consoleAs(browser, "privacy");
  await openArea(page, "Processors", "Processors");
  const card = (name: string) =>
    page.locator("li.card").filter({
      has: page.getByRole("heading", { level: 2, name, exact: true }),
    });
  const lapsed = card("Driftwood Backup");
  await expect(lapsed.locator('[data-flag="no-agreement"]')).toHaveText(
    "No agreement in force: this partner reads nothing.",
  );
  await expect(lapsed).toContainText("DPA-DWB-2021");
  // Exactly one processor is flagged; the others' agreements are in force.
  await expect(page.locator('[data-flag="no-agreement"]')).toHaveCount(1);
  for (const name of ["Quillstone Cloud Storage", "Larkpost Mail", "Copperleaf Payments"]) {
    await expect(
      card(name).getByText(/^Agreement in force \(\d+ days left\)\.$/),
      name,
    ).toBeVisible();
  }
});
