/**
 * P-12: break-glass over records a customer holds about other people. No customer can create
 * held records through the API, so this uses the demo customer, who holds some in the seed.
 * Breaking glass takes two people (the API refuses a grant to oneself) and only a security
 * officer may declare MALFUNCTION_INVESTIGATION: the privacy officer grants in the console, the
 * security officer reads over the API; the demo customer's "Who accessed my data" shows the
 * emergency access; after "Revoke now" the same read is redacted again (BREAK_GLASS_REQUIRED).
 * The officer chooses the customer and the grantee by name in the form's pickers: no id is typed.
 */
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { expect, type Page, test } from "@playwright/test";
import { consoleAs, declarePurpose, openArea, STAFF, staffClient } from "../support/console.js";
import {
  apiClient,
  DEMO_CUSTOMER,
  DEMO_PASSWORD,
  gql,
  gqlOk,
  signInOver,
  staffSignInOver,
} from "../support/graphql.js";
import { follow, settled } from "../support/portal.js";

// Both tests open the demo customer's records to the one demo security officer: one grant
// must not keep the other's records open, so they take turns.
test.describe.configure({ mode: "serial" });

/** Types part of a name into a picker and chooses the option whose text holds `which`. */
async function choose(page: Page, picker: string, typed: string, which: string) {
  const box = page.getByRole("combobox", { name: picker });
  await box.fill(typed);
  await page
    .getByRole("listbox", { name: picker })
    .getByRole("option")
    .filter({ hasText: which })
    .first()
    .click();
  await expect(box).toHaveAttribute("aria-expanded", "false");
}

interface Held {
  customer: { heldRecords: Array<{ id: string; label: string | null; content: string | null }> };
}

test("[P-12] a break-glass read appears in the customer's access log, and stops when the grant is revoked", async ({
  browser,
  page,
}) => {
  test.setTimeout(90_000);
  const incident = `INC-E2E-${randomUUID().slice(0, 8)}`;

  // The demo customer, signed in in the portal's browser context.
  await page.goto("/");
  await signInOver(page.request, DEMO_CUSTOMER, DEMO_PASSWORD, "/graphql");
  const own = await gqlOk<{
    me: { id: string; name: string; heldRecords: Array<{ content: string | null }> };
  }>(page.request, `{ me { id name heldRecords { content } } }`, {}, "/graphql");
  const customerId = own.me.id;
  const contents = own.me.heldRecords.map((r) => r.content).filter(Boolean) as string[];
  expect(contents.length, "the demo customer holds records in the seed").toBeGreaterThan(0);

  // The security officer, over the API: the grantee.
  const security = await apiClient();
  const signedIn = await staffSignInOver(security, STAFF.security, DEMO_PASSWORD);
  expect(signedIn.role).toBe("SECURITY_OFFICER");
  const read = () =>
    gql<Held>(
      security,
      `query Held($id: ID!) @purpose(name: MALFUNCTION_INVESTIGATION, ref: "${incident}") { customer(id: $id) { heldRecords { id label content } } }`,
      { id: customerId },
    );
  const reasonsOf = (result: Awaited<ReturnType<typeof read>>) =>
    new Set(
      (result.errors ?? []).map(
        (e) => `${String(e.extensions?.code)}:${String(e.extensions?.reason)}`,
      ),
    );

  // Before any grant: closed.
  const before = await read();
  expect(reasonsOf(before)).toEqual(new Set(["PRIVACY_REDACTED:BREAK_GLASS_REQUIRED"]));
  for (const c of contents) expect(JSON.stringify(before.data)).not.toContain(c);

  // The privacy officer grants it on the console's Break-glass page.
  const consolePage = await consoleAs(browser, "privacy");
  await openArea(consolePage, "Break-glass", "Break-glass access");
  // Searching customers reads their names: under a declared purpose, like every read.
  await declarePurpose(consolePage, "SUPPORT", incident);
  await choose(consolePage, "Customer", own.me.name, DEMO_CUSTOMER);
  await choose(consolePage, "Staff member (who may read)", "Dario", "Dario Quintel");
  await consolePage.getByLabel("Reason").selectOption("MALFUNCTION");
  await consolePage.getByLabel("Incident reference").fill(incident);
  await consolePage
    .getByLabel("Justification")
    .fill("Sync corrupted this customer's contact list; need to inspect it.");
  await consolePage.getByLabel("Hours until it expires").fill("1");
  await consolePage.getByRole("button", { name: "Grant" }).click();
  await expect(
    consolePage.getByText(`may read ${own.me.name}'s records about other people until`),
  ).toBeVisible();

  // Open: the security officer reads the content.
  const open = await read();
  expect(open.errors ?? []).toEqual([]);
  expect(open.data?.customer.heldRecords.map((r) => r.content).sort()).toEqual(
    [...contents].sort(),
  );

  // The customer sees the emergency access in "Who accessed my data".
  await page.goto("/");
  await follow(page, "Who accessed my data");
  await settled(page);
  // One entry per access: who, why (with the grant's reason) and what.
  const entries = page
    .getByRole("list", { name: "Accesses to your data, newest first" })
    .getByRole("listitem")
    .filter({ hasText: `reference ${incident}` });
  await expect(entries.first()).toBeVisible();
  await expect(entries.first()).toHaveAttribute("data-accessor", "STAFF");
  await expect(entries.first().locator(".access-who")).toHaveText("Privet staff: Security officer");
  await expect(entries.first().locator(".access-why")).toContainText(
    "emergency access to records you hold about others: Malfunction",
  );

  // Revoked in the console → closed again.
  await consolePage.getByRole("button", { name: "Revoke now" }).click();
  await consolePage
    .getByRole("dialog", { name: "Revoke this break-glass grant?" })
    .getByRole("button", { name: "Revoke grant" })
    .click();
  await expect(consolePage.getByRole("button", { name: "Revoked" })).toBeVisible();
  const after = await read();
  expect(reasonsOf(after)).toEqual(new Set(["PRIVACY_REDACTED:BREAK_GLASS_REQUIRED"]));
  for (const c of contents) expect(JSON.stringify(after.data)).not.toContain(c);

  await security.dispose();
  await consolePage.context().close();
});

test("[P-12] a grant stops working on its own when it expires, and the console lists it as expired", async ({
  browser,
  page,
}) => {
  test.setTimeout(90_000);
  const incident = `INC-E2E-${randomUUID().slice(0, 8)}`;
  await page.goto("/");
  await signInOver(page.request, DEMO_CUSTOMER, DEMO_PASSWORD, "/graphql");
  const { me } = await gqlOk<{ me: { id: string } }>(page.request, `{ me { id } }`, {}, "/graphql");

  const security = await apiClient();
  const grantee = await staffSignInOver(security, STAFF.security, DEMO_PASSWORD);
  const read = () =>
    gql<Held>(
      security,
      `query Held($id: ID!) @purpose(name: MALFUNCTION_INVESTIGATION, ref: "${incident}") { customer(id: $id) { heldRecords { content } } }`,
      { id: me.id },
    );

  // A grant of a few seconds, made over the API by the privacy officer (the console's form
  // counts in hours).
  const officer = await staffClient("privacy");
  const expiresAt = new Date(Date.now() + 8_000);
  const { grantBreakGlass } = await gqlOk<{ grantBreakGlass: { id: string; active: boolean } }>(
    officer,
    `mutation Grant($input: GrantBreakGlassInput!) { grantBreakGlass(input: $input) { id active } }`,
    {
      input: {
        customerId: me.id,
        staffUserId: grantee.id,
        reason: "MALFUNCTION",
        incidentRef: incident,
        justification: "Checking a short-lived grant closes on its own.",
        expiresAt: expiresAt.toISOString(),
      },
    },
  );
  expect(grantBreakGlass.active).toBe(true);
  const open = await read();
  expect(open.errors ?? []).toEqual([]);
  expect(open.data?.customer.heldRecords.some((r) => r.content)).toBe(true);

  const consolePage = await consoleAs(browser, "privacy");
  await openArea(consolePage, "Break-glass", "Break-glass access");
  const row = consolePage.locator(`tr[data-grant="${grantBreakGlass.id}"]`);
  await expect(row).toContainText("Active");

  // Past its expiry, nobody revoked it: the same read is redacted again.
  await expect.poll(async () => Date.now() > expiresAt.getTime(), { timeout: 20_000 }).toBe(true);
  const closed = await read();
  expect(new Set((closed.errors ?? []).map((e) => String(e.extensions?.reason)))).toEqual(
    new Set(["BREAK_GLASS_REQUIRED"]),
  );
  expect(closed.data?.customer.heldRecords.every((r) => r.content === null)).toBe(true);
  await consolePage.reload();
  await expect(row).toContainText("Expired");
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);

  await security.dispose();
  await officer.dispose();
  await consolePage.context().close();
});

test(
  "the break-glass form with the customer picker open",
  { tag: "@screenshots" },
  async ({ browser }, testInfo) => {
    const consolePage = await consoleAs(browser, "privacy");
    await openArea(consolePage, "Break-glass", "Break-glass access");
    await declarePurpose(consolePage, "SUPPORT", "T-1042");
    const box = consolePage.getByRole("combobox", { name: "Customer" });
    await box.fill("demo");
    const options = consolePage.getByRole("listbox", { name: "Customer" }).getByRole("option");
    await expect(options.first()).toBeVisible();
    await expect(box).toHaveAttribute("aria-expanded", "true");
    // Keyboard: the arrow marks an option as the active one without leaving the input.
    await box.press("ArrowDown");
    await expect(options.first()).toHaveAttribute("aria-selected", "true");
    const folder = fileURLToPath(
      new URL(`../screenshots/${testInfo.project.name}/`, import.meta.url),
    );
    await consolePage.screenshot({
      path: `${folder}break-glass-picker.png`,
      fullPage: true,
      animations: "disabled",
      caret: "hide",
    });
    await consolePage.context().close();
  },
);
