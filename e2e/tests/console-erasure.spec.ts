/**
 * Fulfil on a deletion request erases a customer: the console first shows what the erasure
 * would remove and keep (the API's preview, the erasure itself rehearsed and rolled back), and
 * erases only once the officer types "erase". Cancelled, it erases nothing: the customer still
 * signs in and reads their own data; confirmed, they cannot.
 */
import { fileURLToPath } from "node:url";
import { expect, type Page, test } from "@playwright/test";
import { consoleAs, openArea } from "../support/console.js";
import { apiClient, gqlOk, registerCustomer } from "../support/graphql.js";

const ME = `query { me { id name email } }`;

/** The queue shows the customer by their id (listing it reads no one's personal data). */
async function openErasureDialog(console: Page, customerId: string) {
  const row = console.getByRole("row").filter({ hasText: customerId });
  await row.getByRole("button", { name: "Fulfil" }).click();
  const dialog = console.getByRole("dialog", { name: "Erase this customer's data?" });
  await expect(dialog).toBeVisible();
  return { row, dialog };
}

test("a deletion request is erased only after its preview and a typed confirmation; cancelled, it erases nothing", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const http = await apiClient();
  const customer = await registerCustomer(http);
  await gqlOk(
    http,
    `mutation { submitPrivacyRequest(input: { kind: DELETION, details: "Please delete my account." }) { id } }`,
  );

  const console = await consoleAs(browser, "privacy");
  await openArea(console, "Privacy requests", "Privacy requests", [
    "PRIVACY_REQUEST_HANDLING",
    "PR-ERASE-E2E",
  ]);
  const row = console.getByRole("row").filter({ hasText: customer.id });
  await expect(row).toHaveCount(1);
  await row.getByRole("button", { name: "Verify" }).click();
  await expect(row.getByRole("button", { name: "Start work" })).toBeVisible();

  await test.step("the preview says what goes and what stays; cancelled, nothing goes", async () => {
    const { dialog } = await openErasureDialog(console, customer.id);
    const erased = dialog.getByTestId("erasure-erased");
    await expect(erased).toContainText("Name");
    await expect(erased).toContainText("Email address");
    await expect(dialog).toContainText("Nothing is held back.");
    await expect(dialog).toContainText("the customer can never sign in again");
    const erase = dialog.getByRole("button", { name: "Erase and fulfil" });
    await expect(erase).toBeDisabled();
    await dialog.getByLabel("Type erase to confirm").fill("erase");
    await expect(erase).toBeEnabled();
    await console.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    // Nothing was erased: the customer is still signed in and reads their own data.
    const { me } = await gqlOk<{ me: { name: string; email: string } | null }>(http, ME);
    expect(me).toMatchObject({ name: customer.name, email: customer.email });
    await expect(row).toHaveCount(1);
  });

  await test.step("confirmed by typing, the customer is erased", async () => {
    const { dialog } = await openErasureDialog(console, customer.id);
    await dialog.getByLabel("Type erase to confirm").fill("erase");
    await dialog.getByRole("button", { name: "Erase and fulfil" }).click();
    await expect(dialog).toBeHidden({ timeout: 30_000 });
    // Fulfilled requests leave the open queue; the customer's session ended with the erasure.
    await expect(row).toHaveCount(0);
    const { me } = await gqlOk<{ me: unknown }>(http, ME);
    expect(me).toBeNull();
  });
  await http.dispose();
});

test("the erasure confirmation, shot", { tag: "@screenshots" }, async ({ browser }, testInfo) => {
  const http = await apiClient();
  const customer = await registerCustomer(http);
  await gqlOk(
    http,
    `mutation { submitPrivacyRequest(input: { kind: DELETION, details: "" }) { id } }`,
  );
  const console = await consoleAs(browser, "privacy");
  await openArea(console, "Privacy requests", "Privacy requests", [
    "PRIVACY_REQUEST_HANDLING",
    "PR-ERASE-SHOT",
  ]);
  const row = console.getByRole("row").filter({ hasText: customer.id });
  await row.getByRole("button", { name: "Verify" }).click();
  await expect(row.getByRole("button", { name: "Start work" })).toBeVisible();
  const { dialog } = await openErasureDialog(console, customer.id);
  await expect(dialog.getByTestId("erasure-erased")).toBeVisible();
  await console.screenshot({
    path: fileURLToPath(
      new URL(`../screenshots/${testInfo.project.name}/erasure-confirm.png`, import.meta.url),
    ),
    animations: "disabled",
    caret: "hide",
  });
  await http.dispose();
});
