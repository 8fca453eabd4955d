/**
 * P-10: the processor registry flags the demo processor whose agreement lapsed (Driftwood
 * Backup, DPA-DWB-2021, ended 30 June 2025: packages/db/src/seed/processors.ts) and no other.
 * A key is issued through a dialog naming the processor, with a label, and shown once; revoking
 * it names it, and from then on the partner is refused.
 */
import { expect, test } from "@playwright/test";
import { consoleAs, openArea } from "../support/console.js";
import { apiClient, PREFLIGHT } from "../support/graphql.js";
import { API_URL } from "../support/urls.js";

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

test("issuing a key names the processor, requires a label and shows the key once; revoking names the key", async ({
  browser,
}) => {
  const page = await consoleAs(browser, "privacy");
  await openArea(page, "Processors", "Processors");
  const card = page.locator("li.card").filter({
    has: page.getByRole("heading", { level: 2, name: "Larkpost Mail", exact: true }),
  });
  const label = `E2E key ${Date.now()}`;
  await card.getByRole("button", { name: "Issue a key" }).click();
  const dialog = page.getByRole("dialog", { name: "Issue an API key for Larkpost Mail?" });
  await expect(dialog).toBeVisible();
  // No label, no key.
  await dialog.getByRole("button", { name: "Issue key for Larkpost Mail" }).click();
  await expect(dialog.getByText(/Give the key a label/)).toBeVisible();
  await dialog.getByLabel("Label").fill(label);
  await dialog.getByRole("button", { name: "Issue key for Larkpost Mail" }).click();

  const shown = page.getByRole("dialog", { name: "New API key for Larkpost Mail" });
  await expect(shown).toContainText("This key will not be shown again.");
  const key = (await shown.getByTestId("issued-key").textContent()) ?? "";
  // The scanner-recognisable format docs/partners.md documents.
  expect(key).toMatch(/^privet_pk_[0-9A-Za-z]{38}$/);
  await shown.getByRole("button", { name: "Copy key" }).click();
  await expect(shown.getByRole("status")).toHaveText(/Copied\.|Could not copy/);
  // The key works for its processor until revoked.
  const partner = await apiClient();
  /** The first error's code of a partner read with the key (none when it is accepted). */
  const asPartner = async () => {
    const response = await partner.post(`${API_URL}/graphql`, {
      headers: { ...PREFLIGHT, authorization: `Bearer ${key}` },
      data: {
        query:
          'query KeyCheck @purpose(name: SERVICE_ANNOUNCEMENTS, ref: "E2E") { partnerSubjects(first: 1) { nodes { id } } }',
      },
    });
    const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    return body.errors?.[0]?.extensions?.code ?? null;
  };
  expect(await asPartner()).not.toBe("UNAUTHENTICATED");
  await shown.getByRole("button", { name: "I have stored the key" }).click();
  await expect(shown).toBeHidden();
  // Shown once: the page keeps only its prefix.
  await expect(page.getByText(key)).toHaveCount(0);
  await expect(card).toContainText(`${key.slice(0, 17)}… ${label}`);

  await card.getByRole("button", { name: `Revoke key ${label}` }).click();
  const revoke = page.getByRole("dialog", { name: `Revoke Larkpost Mail's key “${label}”?` });
  await expect(revoke).toContainText(`${key.slice(0, 17)}…`);
  await revoke.getByRole("button", { name: "Revoke key" }).click();
  await expect(revoke).toBeHidden();
  await expect(card).toContainText(new RegExp(`${label} — revoked`));
  expect(await asPartner()).toBe("UNAUTHENTICATED");
  await partner.dispose();
});

test("rotating a key says how long the old one lasts, shows the new one once, and both work during the overlap", async ({
  browser,
}) => {
  const page = await consoleAs(browser, "privacy");
  await openArea(page, "Processors", "Processors");
  const card = page.locator("li.card").filter({
    has: page.getByRole("heading", { level: 2, name: "Larkpost Mail", exact: true }),
  });
  const label = `E2E rotated ${Date.now()}`;
  await card.getByRole("button", { name: "Issue a key" }).click();
  const issue = page.getByRole("dialog", { name: "Issue an API key for Larkpost Mail?" });
  await issue.getByLabel("Label").fill(label);
  await issue.getByRole("button", { name: "Issue key for Larkpost Mail" }).click();
  const shown = page.getByRole("dialog", { name: "New API key for Larkpost Mail" });
  const oldKey = (await shown.getByTestId("issued-key").textContent()) ?? "";
  await shown.getByRole("button", { name: "I have stored the key" }).click();
  await expect(shown).toBeHidden();
  await expect(card.locator(`[data-key="${label}"]`)).toContainText("Last used never");

  await card.getByRole("button", { name: `Rotate key ${label}` }).click();
  const rotate = page.getByRole("dialog", { name: `Rotate Larkpost Mail's key “${label}”?` });
  await rotate.getByRole("combobox").selectOption({ label: "7 days" });
  await expect(rotate.getByTestId("overlap-ends")).toHaveText(
    /^The old key works until .+, then is refused: Larkpost Mail must switch to the new key before then\.$/,
  );
  await rotate.getByRole("button", { name: "Rotate key" }).click();
  const rotated = page.getByRole("dialog", { name: "New API key for Larkpost Mail" });
  const newKey = (await rotated.getByTestId("issued-key").textContent()) ?? "";
  expect(newKey).toMatch(/^privet_pk_[0-9A-Za-z]{38}$/);
  expect(newKey).not.toBe(oldKey);
  await rotated.getByRole("button", { name: "I have stored the key" }).click();
  await expect(rotated).toBeHidden();
  const oldRow = card.locator(`[data-key="${label}"]`).filter({ hasText: oldKey.slice(0, 17) });
  await expect(oldRow).toContainText(/rotated, the old key works until/);
  // Rotated once: the old key offers no second rotation.
  await expect(oldRow.getByRole("button", { name: `Rotate key ${label}` })).toHaveCount(0);

  const partner = await apiClient();
  for (const key of [oldKey, newKey]) {
    const response = await partner.post(`${API_URL}/graphql`, {
      headers: { ...PREFLIGHT, authorization: `Bearer ${key}` },
      data: { query: "query Who { viewer { kind } }" },
    });
    const body = (await response.json()) as { data?: { viewer?: { kind?: string } } };
    expect(body.data?.viewer?.kind).toBe("partner");
  }
  await partner.dispose();
});
