/**
 * P-18: the policy shows its effective date at the top and links to every earlier version,
 * which opens with its own date and says it is not the one in force.
 */
import { expect, test } from "@playwright/test";
import { follow, settled } from "../support/portal.js";
import { EARLIER_POLICY, POLICY_IN_FORCE } from "../support/urls.js";

test("[P-18] the policy shows its effective date at the top and links to the earlier version, which opens", async ({
  page,
}) => {
  await page.goto("/");
  await follow(page, "Privacy policy");
  await expect(page).toHaveURL(/\/policy$/);
  await settled(page);

  const effective = page.getByTestId("policy-effective");
  await expect(effective).toHaveText(
    `Effective ${POLICY_IN_FORCE.effective} · version ${POLICY_IN_FORCE.version}`,
  );
  // At the top: the first thing in the page's content, above the title.
  const first = await page.locator("main article > *").first().getAttribute("data-testid");
  expect(first).toBe("policy-effective");
  const box = await effective.boundingBox();
  const title = await page.getByRole("heading", { level: 1 }).boundingBox();
  expect(box && title && box.y < title.y).toBe(true);

  const archive = page.getByRole("navigation", { name: "Other versions" });
  const earlier = archive.getByRole("link", {
    name: `Version ${EARLIER_POLICY.version} — in force from ${EARLIER_POLICY.effective}`,
  });
  await expect(earlier).toBeVisible();
  await earlier.click();
  await expect(page).toHaveURL(/\/policy\/[0-9a-f-]{36}$/);
  await settled(page);
  await expect(page.getByTestId("policy-effective")).toHaveText(
    `Was in force from ${EARLIER_POLICY.effective} · version ${EARLIER_POLICY.version}`,
  );
  await expect(page.getByText("This is an earlier version.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "SafeSoft Solutions Privacy Statement",
  );
  // The earlier text itself, not the current one: the 2018 policy did not answer Do Not Track
  // and knew nothing of Global Privacy Control.
  await expect(page.locator(".prose")).not.toContainText("Global Privacy Control");

  // The address works on its own (a shared or bookmarked link), and leads back.
  await page.reload();
  await settled(page);
  await expect(page.getByTestId("policy-effective")).toContainText(EARLIER_POLICY.version);
  await page.getByRole("link", { name: "Read the policy in force" }).click();
  await expect(page.getByTestId("policy-effective")).toContainText(POLICY_IN_FORCE.version);
});
