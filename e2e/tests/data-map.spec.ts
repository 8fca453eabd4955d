/**
 * P-07: "My data" lists every processor that receives the customer's data, with the region
 * where it holds it and why — checked against the API's data map (the processor registry and
 * the agreements in force), so a processor the page forgot, or a wrong region, fails.
 */
import { expect, test } from "@playwright/test";
import { gqlOk, registerCustomer } from "../support/graphql.js";
import { settled } from "../support/portal.js";

interface Recipient {
  name: string;
  region: string;
  purposes: Array<{ description: string }>;
}

test("[P-07] my data lists every processor that receives my data, with its region and purpose", async ({
  page,
}) => {
  await registerCustomer(page.request, {}, "/graphql");
  const { dataMap } = await gqlOk<{
    dataMap: Array<{ categories: Array<{ recipients: Recipient[] }> }>;
  }>(
    page.request,
    `{ dataMap { categories { recipients { name region purposes { description } } } } }`,
    {},
    "/graphql",
  );
  const recipients = new Map<string, Recipient>();
  for (const category of dataMap.flatMap((group) => group.categories))
    for (const recipient of category.recipients) recipients.set(recipient.name, recipient);
  // The demo registry has processors under agreements in force (and one that lapsed).
  expect(recipients.size).toBeGreaterThan(1);

  await page.goto("/my-data");
  await settled(page);
  const section = page.getByRole("region", { name: "Where your data goes" });
  await expect(section).toBeVisible();
  const cards = section.locator("[data-processor]");
  await expect(cards).toHaveCount(recipients.size);
  for (const recipient of recipients.values()) {
    const card = section.locator(`[data-processor="${recipient.name}"]`);
    await expect(card.getByRole("heading", { name: recipient.name })).toBeVisible();
    await expect(card).toContainText(recipient.region);
    for (const purpose of recipient.purposes) await expect(card).toContainText(purpose.description);
  }
});
