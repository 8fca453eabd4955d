/**
 * P-06 (information is used to answer support, under a named purpose): a support agent reads a
 * customer's email over HTTP, declaring SUPPORT and a ticket reference; the customer's "Who
 * accessed my data" page shows that read — the staff role, the category and the purpose with
 * its reference — and not the agent's refused attempt under a purpose their role may not use.
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { apiClient, DEMO_PASSWORD, gql, gqlOk, registerCustomer } from "../support/graphql.js";
import { follow, settled, signIn } from "../support/portal.js";

test("[P-06] the access log lists a support agent's read with role, category, purpose and reference", async ({
  page,
}) => {
  const api = await apiClient();
  const customer = await registerCustomer(api);
  await api.dispose();

  const staff = await apiClient();
  const agent = await gqlOk<{ staffSignIn: { role: string } }>(
    staff,
    `mutation StaffSignIn($email: String!, $password: String!) { staffSignIn(email: $email, password: $password) { id role } }`,
    { email: "support.agent@privet.example", password: DEMO_PASSWORD },
  );
  expect(agent.staffSignIn.role).toBe("SUPPORT_AGENT");
  const ticket = `T-E2E-${randomUUID().slice(0, 6)}`;
  const read = await gqlOk<{ customer: { email: string } }>(
    staff,
    `query SupportRead($id: ID!) @purpose(name: SUPPORT, ref: "${ticket}") { customer(id: $id) { email } }`,
    { id: customer.id },
  );
  expect(read.customer.email).toBe(customer.email);
  // A purpose a support agent may not declare: the name is redacted, and that refusal is
  // evidence in the audit log, not an access shown to the customer.
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
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-accessor", "STAFF");
  await expect(rows.first().getByRole("cell")).toHaveText([
    /\d{4}/,
    "Privet staff: Support agent",
    "Email address",
    `Support (ref. ${ticket})`,
  ]);
  await expect(page.getByText("T-E2E-REFUSED")).toHaveCount(0);
});
