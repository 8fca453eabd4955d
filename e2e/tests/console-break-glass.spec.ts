/**
 * P-12: break-glass over records a customer holds about other people. No customer can create
 * held records through the API, so this uses the demo customer, who holds some in the seed.
 * Breaking glass takes two people (the API refuses a grant to oneself) and only a security
 * officer may declare MALFUNCTION_INVESTIGATION: the privacy officer grants in the console, the
 * security officer reads over the API; the demo customer's "Who accessed my data" shows the
 * emergency access; after "Revoke now" the same read is redacted again (BREAK_GLASS_REQUIRED).
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { consoleAs, openArea, STAFF, staffClient } from "../support/console.js";
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
    me: { id: string; heldRecords: Array<{ content: string | null }> };
  }>(page.request, `{ me { id heldRecords { content } } }`, {}, "/graphql");
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
  await consolePage.getByLabel("Customer ID").fill(customerId);
  await consolePage.getByLabel(/^Staff member ID/).fill(signedIn.id);
  await consolePage.getByLabel("Reason").selectOption("MALFUNCTION");
  await consolePage.getByLabel("Incident reference").fill(incident);
  await consolePage
    .getByLabel("Justification")
    .fill("Sync corrupted this customer's contact list; need to inspect it.");
  await consolePage.getByLabel("Hours until it expires").fill("1");
  await consolePage.getByRole("button", { name: "Grant" }).click();
  await expect(consolePage.getByText(/^Grant .+ active until/)).toBeVisible();

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
  const rows = page.locator("tbody tr").filter({ hasText: `(ref. ${incident})` });
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toHaveAttribute("data-accessor", "STAFF");
  await expect(rows.first().getByRole("cell").nth(1)).toHaveText("Privet staff: Security officer");
  await expect(rows.first().getByRole("cell").nth(3)).toContainText(
    "emergency access to records you hold about others: Malfunction",
  );

  // Revoked in the console → closed again.
  await consolePage.getByRole("button", { name: "Revoke now" }).click();
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
