/**
 * P-06 (information is used to answer support, under a named purpose) and P-12 (every read is
 * shown to the customer): a support agent reads a customer's name and email over HTTP in one
 * request, declaring SUPPORT and a ticket reference; the customer's "Who accessed my data" page
 * shows that access as one entry — the staff role (never the agent's name), the purpose with
 * its reference, the fields in words — under a summary of the last 30 days, and the agent's
 * attempt under a purpose their role may not use as an entry that says nothing was shown.
 * Narrowing to partners hides both; narrowing to Support keeps only the read.
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { apiClient, DEMO_PASSWORD, gql, gqlOk, registerCustomer } from "../support/graphql.js";
import { follow, settled, signIn } from "../support/portal.js";

test("[P-06][P-12] the access log shows a support agent's access as one entry: role, purpose and reference, fields in words", async ({
  page,
}) => {
  const api = await apiClient();
  const customer = await registerCustomer(api);
  await api.dispose();

  const staff = await apiClient();
  const agent = await gqlOk<{ staffSignIn: { role: string; name: string } }>(
    staff,
    `mutation StaffSignIn($email: String!, $password: String!) { staffSignIn(email: $email, password: $password) { id role name } }`,
    { email: "support.agent@privet.example", password: DEMO_PASSWORD },
  );
  expect(agent.staffSignIn.role).toBe("SUPPORT_AGENT");
  const ticket = `T-E2E-${randomUUID().slice(0, 6)}`;
  const read = await gqlOk<{ customer: { email: string } }>(
    staff,
    `query SupportRead($id: ID!) @purpose(name: SUPPORT, ref: "${ticket}") { customer(id: $id) { name email } }`,
    { id: customer.id },
  );
  expect(read.customer.email).toBe(customer.email);
  // A purpose a support agent may not declare: the name is redacted, and the customer is told
  // of the attempt, plainly, as an access that showed nothing.
  const refused = await gql<{ customer: { name: string | null } | null }>(
    staff,
    `query RefusedRead($id: ID!) @purpose(name: MARKETING, ref: "T-E2E-REFUSED") { customer(id: $id) { name } }`,
    { id: customer.id },
  );
  expect(refused.data?.customer?.name ?? null).toBeNull();
  expect(refused.errors?.[0]?.extensions?.code).toBe("PRIVACY_REDACTED");
  await staff.dispose();

  await page.goto("/");
  await signIn(page, customer.email, customer.password);
  await follow(page, "Who accessed my data");
  await settled(page);
  await expect(page.getByText("Last 30 days: 1 staff read, no partners.")).toBeVisible();
  const entries = page
    .getByRole("list", { name: "Accesses to your data, newest first" })
    .getByRole("listitem");
  await expect(entries).toHaveCount(2);
  const [attempt, access] = [entries.nth(0), entries.nth(1)];
  await expect(access).toHaveAttribute("data-accessor", "STAFF");
  await expect(access.locator(".access-who")).toHaveText("Privet staff: Support agent");
  await expect(access.locator(".access-why")).toHaveText(`Support, reference ${ticket}`);
  await expect(access.locator(".access-what")).toHaveText("Name, Email address");
  await expect(attempt.locator(".access-why")).toHaveText("Marketing, reference T-E2E-REFUSED");
  await expect(attempt.locator(".access-what")).toHaveText("Nothing was shown");
  await expect(attempt.locator(".access-refused")).toHaveText(
    "Asked for but not shown to them: Name",
  );
  // Staff by role only: the agent's name is nowhere on the page.
  expect(agent.staffSignIn.name.length).toBeGreaterThan(0);
  await expect(page.getByText(agent.staffSignIn.name)).toHaveCount(0);

  await page.getByLabel("Who").selectOption({ label: "All partners" });
  await expect(page.getByText("No access matches these choices.")).toBeVisible();
  await page.getByLabel("Who").selectOption({ label: "Privet staff" });
  await page.getByLabel("Why").selectOption({ label: "Support" });
  await expect(entries).toHaveCount(1);
  await expect(entries.first().locator(".access-why")).toHaveText(`Support, reference ${ticket}`);
});
