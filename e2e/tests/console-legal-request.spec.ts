/**
 * P-11: a legal request recorded in the console by the privacy officer, scoped to one customer
 * and one category (user.contact.email); the disclosure shows that customer's email and redacts
 * the rest (LEGAL_REQUEST_REQUIRED); the audit log holds the email's read under
 * LEGAL_OBLIGATION, tied to the request. The customer is found under LEGAL_OBLIGATION itself
 * (legal-request intake): the whole email address the order names, with the authority's
 * reference declared, shows exactly that customer by name and email; a part of it finds nobody.
 * The category is ticked by its label: no id or taxonomy key is typed.
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { consoleAs, declarePurpose, openArea, STAFF, staffClient } from "../support/console.js";
import { apiClient, DEMO_PASSWORD, gqlOk, registerCustomer } from "../support/graphql.js";

interface AuditRow {
  category: string;
  purpose: string | null;
  outcome: string;
  legalRequestId: string | null;
  fieldPath: string;
}

test("[P-11] a disclosure shows exactly the legal request's scope and each read is audited", async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const api = await apiClient();
  const customer = await registerCustomer(api);
  await api.dispose();

  const authority = `E2E Court ${randomUUID().slice(0, 6)}`;
  const reference = `LR-${randomUUID().slice(0, 8)}`;
  const page = await consoleAs(browser, "privacy");
  await openArea(page, "Legal requests", "Legal requests");

  const form = page.locator("form").filter({
    has: page.getByRole("heading", { level: 2, name: "Record a legal request" }),
  });
  await form.getByLabel("Kind").selectOption("COURT_ORDER");
  await form.getByLabel("Authority").fill(authority);
  await form.getByLabel("Reference").fill(reference);
  await form.getByLabel("Received on").fill(new Date().toISOString().slice(0, 10));
  // Finding the customer the order names is intake under the area's own purpose, citing the
  // authority's reference: only the whole email address finds them, and that read is audited.
  await declarePurpose(page, "LEGAL_OBLIGATION", reference);
  const picker = form.getByRole("combobox", { name: "Customers in scope" });
  await expect(
    form.getByText(/Type the customer's whole email address as the request names it/),
  ).toBeVisible();
  await picker.fill(customer.name);
  // A name (or any part of an address) finds nobody under a legal obligation, and says why.
  await expect(
    form.locator(".picker-status", {
      hasText:
        "No customer has exactly this email address or customer id. Type it whole, as the request names it.",
    }),
  ).toBeVisible({ timeout: 15_000 });
  await picker.fill(customer.email);
  await page
    .getByRole("listbox", { name: "Customers in scope" })
    .getByRole("option")
    .filter({ hasText: customer.name })
    .click();
  await expect(form.getByRole("list", { name: "Customers chosen" })).toContainText(customer.name);
  await form.getByRole("checkbox", { name: "Email address" }).check();
  await form.getByRole("button", { name: "Record" }).click();

  const card = page.locator("li.card").filter({
    has: page.getByRole("heading", { level: 2, name: `${authority} — ${reference}`, exact: true }),
  });
  await expect(card).toBeVisible();
  await expect(card).toContainText("1 customer; Email address");
  await card.getByRole("button", { name: "Produce disclosure" }).click();

  const disclosure = page.getByRole("region", { name: `Disclosure for ${reference}` });
  await expect(disclosure).toBeVisible();
  const facts = disclosure.locator("dl.facts");
  await expect(facts).toHaveCount(1);
  const fact = (term: string) => facts.locator(`dt:text-is("${term}") + dd`);
  await expect(fact("Customer")).toContainText(customer.id);
  await expect(fact("Email")).toHaveText(customer.email);
  await expect(fact("Name").locator(".withheld")).toHaveAttribute(
    "data-redacted",
    "LEGAL_REQUEST_REQUIRED",
  );
  await expect(fact("Name")).toContainText("withheld: needs a recorded legal request covering it");
  await expect(fact("Name")).not.toContainText(customer.name);
  await expect(disclosure).not.toContainText(customer.name);

  // The request's id, as the API knows it.
  const officer = await staffClient("privacy");
  const { legalRequests } = await gqlOk<{
    legalRequests: Array<{ id: string; reference: string }>;
  }>(officer, `{ legalRequests { id reference } }`);
  const recorded = legalRequests.find((r) => r.reference === reference);
  expect(recorded, `legal request ${reference}`).toBeTruthy();

  await officer.dispose();

  // The auditor reads the audit log over the API.
  const auditor = await apiClient();
  await gqlOk(
    auditor,
    `mutation StaffSignIn($email: String!, $password: String!) { staffSignIn(email: $email, password: $password) { id role } }`,
    { email: STAFF.auditor, password: DEMO_PASSWORD },
  );
  const eventsOf = async () =>
    (
      await gqlOk<{ auditEvents: { nodes: AuditRow[] } }>(
        auditor,
        `query Audit($subjectId: ID!) { auditEvents(filter: { subjectId: $subjectId }, first: 100) { nodes { category purpose outcome legalRequestId fieldPath } } }`,
        { subjectId: customer.id },
      )
    ).auditEvents.nodes;
  await expect
    .poll(
      async () =>
        (await eventsOf()).filter(
          (e) =>
            e.category === "user.contact.email" &&
            e.purpose === "LEGAL_OBLIGATION" &&
            e.outcome === "ALLOWED" &&
            e.legalRequestId === recorded?.id,
        ).length,
    )
    .toBeGreaterThan(0);
  // Intake read the customer's name and email to confirm identity, and nothing else, before
  // the request was recorded.
  const intake = (await eventsOf()).filter(
    (e) => e.purpose === "LEGAL_OBLIGATION" && e.fieldPath.startsWith("searchCustomers"),
  );
  expect(new Set(intake.map((e) => e.category))).toEqual(
    new Set(["user.name", "user.contact.email"]),
  );
  for (const e of intake) expect(e.legalRequestId).toBeNull();
  // Nothing outside the scope was disclosed under the request.
  const allowed = (await eventsOf()).filter(
    (e) =>
      e.purpose === "LEGAL_OBLIGATION" &&
      e.outcome === "ALLOWED" &&
      !e.fieldPath.startsWith("searchCustomers"),
  );
  expect(allowed.length).toBeGreaterThan(0);
  for (const e of allowed) expect(e.category).toBe("user.contact.email");
  await auditor.dispose();
  await page.context().close();
});
