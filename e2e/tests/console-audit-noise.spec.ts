/**
 * No audit noise: a privacy officer works twenty actions through the request queue — opening
 * one request, verifying, starting, extending and rejecting others, filtering, sorting,
 * refreshing and declaring a new reference — and the customers whose requests were acted on
 * but never opened gained no entry in their access log. The one customer opened was read once,
 * under the declaration in force when it was opened, and not again.
 */
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { consoleAs, declarePurpose, openArea } from "../support/console.js";
import { apiClient, gqlOk, registerCustomer } from "../support/graphql.js";

interface Asker {
  readonly id: string;
  readonly http: APIRequestContext;
}

/** A customer (signed in over the API) who has filed one request of this kind. */
async function customerWithRequest(kind: string): Promise<Asker> {
  const http = await apiClient();
  const { id } = await registerCustomer(http);
  // Out of any campaign another test may send meanwhile (a send reads each recipient's email):
  // the only reads this test can see are the console's.
  await gqlOk(http, `mutation { setConsent(purpose: MARKETING, state: REFUSED) { state } }`);
  await gqlOk(
    http,
    `mutation File($input: SubmitPrivacyRequestInput!) { submitPrivacyRequest(input: $input) { id } }`,
    { input: { kind, details: "Please act on my request." } },
  );
  return { id, http };
}

/** The reads of this customer's data their own access log shows: what, why, by whom. */
async function accessLogOf(customer: Asker): Promise<string[]> {
  const { me } = await gqlOk<{
    me: { accessLog: Array<Record<string, string | null>> | null };
  }>(
    customer.http,
    `query MyAccessLog { me { accessLog(first: 500) { fieldPath purpose reference staffRole } } }`,
  );
  return (me.accessLog ?? []).map(
    (e) => `${e.staffRole} read ${e.fieldPath} for ${e.purpose} (${e.reference})`,
  );
}

async function readsOf(customer: Asker): Promise<number> {
  return (await accessLogOf(customer)).length;
}

const rowOf = (page: Page, who: Asker) => page.getByRole("row").filter({ hasText: who.id });
const stateOf = (page: Page, who: Asker) => rowOf(page, who).getByRole("cell").nth(4);

async function show(page: Page, label: string) {
  await page.getByLabel("Show").selectOption({ label });
  await expect(page.locator("main .loading")).toHaveCount(0);
}

async function withReason(page: Page, who: Asker, button: string, submit: string) {
  await rowOf(page, who).getByRole("button", { name: button }).click();
  const form = page.getByRole("form", { name: submit });
  await form.getByRole("textbox").fill("We need to confirm a detail with our archive team.");
  await form.getByRole("button", { name: submit }).click();
  await expect(form).toHaveCount(0);
}

test("twenty actions through the request queue add nothing to the access log of a customer who was not opened", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const opened = await customerWithRequest("ACCESS");
  const bystanders = {
    b: await customerWithRequest("ACCESS"),
    c: await customerWithRequest("DELETION"),
    d: await customerWithRequest("CORRECTION"),
  };
  const { b, c, d } = bystanders;
  const before = new Map<Asker, number>();
  for (const who of [opened, b, c, d]) before.set(who, await readsOf(who));

  const page = await consoleAs(browser, "privacy");
  await openArea(page, "Privacy requests", "Privacy requests", [
    "PRIVACY_REQUEST_HANDLING",
    "PR-NOISE-1",
  ]);
  const done: string[] = [];
  const act = async (what: string, step: () => Promise<void>) => {
    await test.step(what, step);
    done.push(what);
  };
  const refresh = async () => {
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect(rowOf(page, b)).toBeVisible();
  };

  await act("open one request", async () => {
    await rowOf(page, opened)
      .getByRole("button", { name: /^Open the/ })
      .click();
    await expect(rowOf(page, opened)).toContainText("Read under handling a privacy request");
  });
  // The one read is on record before the rest, so the counts below are not merely slow.
  await expect.poll(() => readsOf(opened)).toBeGreaterThan(before.get(opened) ?? 0);
  const openedReads = await readsOf(opened);

  await act("verify b", async () => {
    await rowOf(page, b).getByRole("button", { name: "Verify" }).click();
    await expect(stateOf(page, b)).toHaveText("Verified");
  });
  await act("show received ones", async () => {
    await show(page, "Received (to verify)");
    await expect(rowOf(page, b)).toHaveCount(0);
  });
  await act("verify c", async () => {
    await rowOf(page, c).getByRole("button", { name: "Verify" }).click();
    await expect(rowOf(page, c)).toHaveCount(0);
  });
  await act("show open ones", async () => {
    await show(page, "Open requests");
    await expect(rowOf(page, b)).toBeVisible();
  });
  await act("start b", async () => {
    await rowOf(page, b).getByRole("button", { name: "Start work" }).click();
    await expect(stateOf(page, b)).toHaveText("In progress");
  });
  await act("sort latest due first", async () => {
    await page.getByLabel("Sort by due date").selectOption("latest");
  });
  await act("extend c", async () => {
    await withReason(page, c, "Extend", "Send extension");
    await expect(rowOf(page, c)).toContainText("extended once");
    await expect(rowOf(page, c).getByRole("button", { name: "Extend" })).toHaveCount(0);
  });
  await act("sort soonest due first", async () => {
    await page.getByLabel("Sort by due date").selectOption("soonest");
  });
  await act("verify d", async () => {
    await rowOf(page, d).getByRole("button", { name: "Verify" }).click();
    await expect(stateOf(page, d)).toHaveText("Verified");
  });
  await act("declare a new reference", async () => {
    await declarePurpose(page, "PRIVACY_REQUEST_HANDLING", "PR-NOISE-2");
  });
  await act("refresh", refresh);
  await act("start d", async () => {
    await rowOf(page, d).getByRole("button", { name: "Start work" }).click();
    await expect(stateOf(page, d)).toHaveText("In progress");
  });
  await act("reject c", async () => {
    await withReason(page, c, "Reject", "Reject request");
    await expect(rowOf(page, c)).toHaveCount(0);
  });
  await act("show rejected ones", async () => {
    await show(page, "Rejected");
    await expect(rowOf(page, c)).toBeVisible();
  });
  await act("show those in progress", async () => {
    await show(page, "In progress");
    await expect(rowOf(page, d)).toBeVisible();
  });
  await act("show open ones", async () => {
    await show(page, "Open requests");
    await expect(rowOf(page, b)).toBeVisible();
  });
  await act("extend b", async () => {
    await withReason(page, b, "Extend", "Send extension");
    await expect(rowOf(page, b)).toContainText("extended once");
  });
  await act("close and open the opened request again", async () => {
    const row = rowOf(page, opened);
    await row.getByRole("button", { name: /^Close the/ }).click();
    await row.getByRole("button", { name: /^Open the/ }).click();
    // Shown as it was read, under the first reference: not read again under the new one.
    await expect(row).toContainText("(ref. PR-NOISE-1)");
  });
  await act("refresh", refresh);
  expect(done).toHaveLength(20);

  for (const [name, who] of Object.entries(bystanders)) {
    const log = await accessLogOf(who);
    expect(log.length, `customer ${name} was never opened: ${log.join("; ")}`).toBe(
      before.get(who),
    );
  }
  expect(await readsOf(opened), "the opened customer was read once").toBe(openedReads);
  for (const who of [opened, b, c, d]) await who.http.dispose();
});
