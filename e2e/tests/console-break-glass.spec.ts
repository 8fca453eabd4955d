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
import { consoleAs, openArea, STAFF } from "../support/console.js";
import {
  apiClient,
  DEMO_CUSTOMER,
  DEMO_PASSWORD,
  gql,
  gqlOk,
  signInOver,
} from "../support/graphql.js";
import { follow, settled } from "../support/portal.js";

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
  const signedIn = await gqlOk<{ staffSignIn: { id: string; role: string } }>(
    security,
    `mutation StaffSignIn($email: String!, $password: String!) { staffSignIn(email: $email, password: $password) { id role } }`,
    { email: STAFF.security, password: DEMO_PASSWORD },
  );
  expect(signedIn.staffSignIn.role).toBe("SECURITY_OFFICER");
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
  await consolePage.getByLabel(/^Staff member ID/).fill(signedIn.staffSignIn.id);
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
