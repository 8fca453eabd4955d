/**
 * P-07: "My data" lists every processor that receives the customer's data, with the region
 * where it holds it and why — checked against the API's data map (the processor registry and
 * the agreements in force), so a processor the page forgot, or a wrong region, fails. One that
 * works only on consent says whether this customer's consent lets it receive their data.
 */
import { expect, test } from "@playwright/test";
import { gqlOk, registerCustomer } from "../support/graphql.js";
import { settled } from "../support/portal.js";

interface Recipient {
  name: string;
  region: string;
  purposes: Array<{ purpose: string; description: string; legalBasis: string }>;
}

test("[P-07] my data lists every processor that receives my data, with its region and purpose", async ({
  page,
}) => {
  await registerCustomer(page.request, {}, "/graphql");
  const { dataMap } = await gqlOk<{
    dataMap: Array<{ categories: Array<{ recipients: Recipient[] }> }>;
  }>(
    page.request,
    `{ dataMap { categories { recipients { name region purposes { purpose description legalBasis } } } } }`,
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

  // One that works only on consent says whether this customer's consent lets it have the data:
  // not yet for a new customer; after they allow it, yes.
  const onConsent = [...recipients.values()].find((r) =>
    r.purposes.every((p) => p.legalBasis === "CONSENT"),
  );
  expect(onConsent, "the demo registry has a processor that works on consent").toBeTruthy();
  if (!onConsent) return;
  const consentCard = section.locator(`[data-processor="${onConsent.name}"]`);
  await expect(consentCard.locator("[data-consent]")).toHaveAttribute("data-consent", "not-given");
  await gqlOk(
    page.request,
    `mutation Allow($purpose: ConsentPurpose!) { setConsent(purpose: $purpose, state: GIVEN) { state } }`,
    { purpose: onConsent.purposes[0]?.purpose },
    "/graphql",
  );
  await page.reload();
  await settled(page);
  await expect(consentCard.locator("[data-consent]")).toHaveAttribute("data-consent", "given");
  await expect(consentCard).toContainText("You allow this in your consents");
});
