/**
 * Full-page screenshots of the portal's pages at both sizes, written to
 * e2e/screenshots/<project>/<page>.png and committed, so a reviewer can see the pages without
 * running anything. Part of every run (tag @screenshots: the mobile project runs it too).
 * The signed-in pages show the demo customer, who has a history worth looking at.
 */
import { fileURLToPath } from "node:url";
import { expect, type Page, test } from "@playwright/test";
import { DEMO_CUSTOMER, DEMO_PASSWORD, gqlOk, signInOver } from "../support/graphql.js";
import { settled } from "../support/portal.js";

const folder = fileURLToPath(new URL("../screenshots/", import.meta.url));

async function shoot(page: Page, project: string, name: string) {
  await settled(page);
  await page.waitForLoadState("networkidle");
  await page.screenshot({
    path: `${folder}${project}/${name}.png`,
    fullPage: true,
    animations: "disabled",
    caret: "hide",
  });
}

test("the portal's pages at this size", { tag: "@screenshots" }, async ({ page }, testInfo) => {
  const project = testInfo.project.name;

  await test.step("as a visitor", async () => {
    await page.goto("/");
    await expect(page.getByRole("region", { name: "Cookies on Privet" })).toBeVisible();
    await shoot(page, project, "home-visitor");
    for (const [path, name] of [
      ["/sign-up", "sign-up"],
      ["/sign-in", "sign-in"],
      ["/contact", "contact-visitor"],
      ["/newsletter/confirm?token=example", "newsletter-confirm"],
    ] as const) {
      await page.goto(path);
      await shoot(page, project, name);
    }
  });

  await signInOver(page.request, DEMO_CUSTOMER, DEMO_PASSWORD, "/graphql");
  const { policyVersions } = await gqlOk<{
    policyVersions: Array<{ id: string; version: string; inForce: boolean; scheduled: boolean }>;
  }>(page.request, `{ policyVersions { id version inForce scheduled } }`, {}, "/graphql");
  const pages: Array<readonly [string, string]> = [
    ["/", "home"],
    ["/my-data", "my-data"],
    ["/consents", "consents"],
    ["/access-log", "access-log"],
    ["/requests", "requests"],
    ["/payment", "payment"],
    ["/policy", "policy"],
    ...policyVersions
      // The earlier versions; not one a console test has just scheduled for the future.
      .filter((v) => !v.inForce && !v.scheduled)
      .map((v) => [`/policy/${v.id}`, `policy-${v.version}`] as const),
    ["/contact", "contact"],
  ];
  for (const [path, name] of pages) {
    await test.step(name, async () => {
      await page.goto(path);
      await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
      await shoot(page, project, name);
    });
  }

  // On a phone, the navigation opened from the Menu button.
  const menu = page.getByRole("button", { name: "Menu" });
  if (await menu.isVisible()) {
    await page.goto("/");
    await settled(page);
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await page.screenshot({ path: `${folder}${project}/menu-open.png`, animations: "disabled" });
  }
});
