/**
 * ISO/IEC TS 27560 consent receipts and the GPC resource, in the browser: the customer withdraws
 * marketing in the consent centre, presses "Download receipt" on that history row, and the saved
 * file's JWS verifies with nothing but the key the API publishes at /.well-known/jwks.json
 * (node:crypto, no Privet code). The portal's own origin serves /.well-known/gpc.json.
 */
import { createPublicKey, verify } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { registerCustomer } from "../support/graphql.js";
import { historyRows, purposeCard, settled } from "../support/portal.js";
import { API_URL } from "../support/urls.js";

test("a downloaded consent receipt verifies with only the published key", async ({
  page,
  request,
}) => {
  const customer = await registerCustomer(page.request, {}, "/graphql");
  await page.goto("/consents");
  await settled(page);
  const marketing = purposeCard(page, "Marketing");
  await marketing.getByRole("checkbox", { name: /^Allow marketing/ }).click();
  await expect(marketing.locator(".status")).toHaveText(/^Withdrawn since /);

  const row = historyRows(page, "Marketing").first();
  await expect(row.getByRole("cell").nth(2)).toHaveText("Withdrawn");
  const downloading = page.waitForEvent("download");
  await row.getByRole("button", { name: /^Download receipt: Marketing, Withdrawn/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^privet-consent-receipt-[0-9a-f-]{36}\.json$/);
  expect(download.suggestedFilename()).not.toContain(customer.email.split("@")[0]);
  const file = JSON.parse(await readFile(await download.path(), "utf8"));
  expect(file.record).toMatchObject({
    "@type": "dpv:ConsentRecord",
    "dpv:hasConsentStatus": "dpv:ConsentWithdrawn",
  });

  const jwks = await (await request.get(`${API_URL}/.well-known/jwks.json`)).json();
  const [header = "", payload = "", signature = ""] = String(file.jws).split(".");
  const { kid } = JSON.parse(Buffer.from(header, "base64url").toString());
  const jwk = jwks.keys.find((key: { kid: string }) => key.kid === kid);
  const key = createPublicKey({ key: jwk, format: "jwk" });
  const signed = Buffer.from(`${header}.${payload}`);
  expect(verify(null, signed, key, Buffer.from(signature, "base64url"))).toBe(true);
  expect(JSON.parse(Buffer.from(payload, "base64url").toString())).toEqual(file.record);
});

test("[P-15] the portal's origin serves /.well-known/gpc.json", async ({ request }) => {
  const response = await request.get("/.well-known/gpc.json");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  expect(await response.json()).toEqual({ gpc: true, lastUpdate: expect.any(String) });
});
