import { fakeApi, withErrors } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { underPurpose } from "../graphql-client.js";
import { PurposeBar, PurposeProvider } from "../purpose.js";
import {
  declarePurpose,
  redacted,
  refusal,
  renderUnderPurpose,
  sent,
} from "../test-support/console.js";
import { RequestOutcome } from "./privacy-request-outcome.js";
import { PrivacyRequestsPage } from "./privacy-requests.js";

const request = (over: Record<string, unknown>) => ({
  id: "r1",
  kind: "ACCESS",
  status: "RECEIVED",
  jurisdiction: "GDPR",
  receivedAt: "2026-11-01T10:00:00.000Z",
  dueAt: "2026-12-01T10:00:00.000Z",
  daysLeft: 6,
  overdue: false,
  extendedAt: null,
  verifiedAt: null,
  fulfilledAt: null,
  customerId: "customer-ada",
  ...over,
});

const queueOf =
  (...rows: Array<Record<string, unknown>>) =>
  () => ({ privacyRequestQueue: rows });

/** Who asked, as opening one request reads it. */
const opened = (over: Record<string, unknown> = {}) => ({
  privacyRequestQueue: [
    {
      id: "r1",
      customerName: "Ada Lovelace",
      customerEmail: "ada@example.com",
      details: "",
      extensionReason: null,
      outcome: null,
      ...over,
    },
  ],
});

/** The queue's row for this customer (shown by their id, a non-personal handle). */
async function rowOf(customerId: string) {
  return within(await screen.findByRole("row", { name: new RegExp(customerId) }));
}

const buttons = (row: ReturnType<typeof within>) =>
  row
    .getAllByRole("button")
    .map((b: HTMLElement) => b.textContent)
    .filter((t: string | null) => !t?.startsWith("Open") && t !== "Close");

describe("the privacy-request queue", () => {
  it("shows each request's due date with days left or overdue in words", async () => {
    renderUnderPurpose(<PrivacyRequestsPage />, {
      PrivacyRequestQueue: queueOf(
        request({ id: "late", daysLeft: -3, overdue: true, customerId: "customer-late" }),
        request({ id: "one", daysLeft: -1, overdue: true, customerId: "customer-one" }),
        request({ id: "today", daysLeft: 0, customerId: "customer-today" }),
        request({ id: "soon", customerId: "customer-soon" }),
      ),
    });
    const late = await rowOf("customer-late");
    expect(late.getByText("3 days overdue")).toBeTruthy();
    expect(screen.getByRole("row", { name: /customer-late/ }).dataset.overdue).toBe("true");
    expect((await rowOf("customer-one")).getByText("1 day overdue")).toBeTruthy();
    expect((await rowOf("customer-today")).getByText("due today")).toBeTruthy();
    expect((await rowOf("customer-soon")).getByText("6 days left")).toBeTruthy();
  });

  it("lists, filters and refreshes without reading anyone's personal data", async () => {
    const api = renderUnderPurpose(<PrivacyRequestsPage />, {
      PrivacyRequestQueue: queueOf(request({})),
    });
    await rowOf("customer-ada");
    fireEvent.change(screen.getByLabelText("Show"), { target: { value: "VERIFIED" } });
    await waitFor(() => expect(sent(api, "PrivacyRequestQueue").length).toBe(2));
    await rowOf("customer-ada");
    fireEvent.click(screen.getByRole("button", { name: "Refresh" }));
    await waitFor(() => expect(sent(api, "PrivacyRequestQueue").length).toBeGreaterThan(2));
    // The list declares no purpose (it has no personal field to read) and nothing was opened.
    expect(sent(api, "PrivacyRequestQueue").slice(0, 2)).toEqual([
      { status: null },
      { status: "VERIFIED" },
    ]);
    expect(sent(api, "PrivacyRequestOpened")).toEqual([]);
    expect(screen.queryByText("Ada Lovelace")).toBeNull();
  });

  it("lists requests with nothing declared, reading no one; opening or acting on one needs a declaration", async () => {
    sessionStorage.clear();
    const api = fakeApi({ PrivacyRequestQueue: queueOf(request({})) });
    render(
      <PurposeProvider
        staffRole="PRIVACY_OFFICER"
        scope="/requests"
        natural="PRIVACY_REQUEST_HANDLING"
      >
        <PurposeBar />
        <PrivacyRequestsPage />
      </PurposeProvider>,
      { wrapper: api.wrapper },
    );
    const row = await rowOf("customer-ada");
    expect(row.getByText("Declare a purpose above to open it.")).toBeTruthy();
    // Actions are recorded with the purpose they were taken under: none is offered without one.
    expect(row.queryAllByRole("button")).toEqual([]);
    expect(row.getByText("Declare a purpose above to act on it.")).toBeTruthy();
    declarePurpose("PRIVACY_REQUEST_HANDLING", "PR-8");
    expect(row.getByRole("button", { name: /^Open/ })).toBeTruthy();
    expect(row.getByRole("button", { name: "Verify" })).toBeTruthy();
    expect(sent(api, "PrivacyRequestQueue")).toEqual([{ status: null }]);
  });

  it("reads who asked and what they wrote when one request is opened, once", async () => {
    const api = renderUnderPurpose(<PrivacyRequestsPage />, {
      PrivacyRequestQueue: queueOf(request({})),
      PrivacyRequestOpened: () => opened({ details: "Everything you hold, please." }),
    });
    const row = await rowOf("customer-ada");
    declarePurpose("PRIVACY_REQUEST_HANDLING", "PR-7");
    fireEvent.click(row.getByRole("button", { name: /^Open the Access request/ }));
    expect(await row.findByText(/Ada Lovelace · ada@example.com/)).toBeTruthy();
    expect(row.getByText("Everything you hold, please.")).toBeTruthy();
    // Read under the declaration in force when it was opened.
    expect(row.getByText(/Read under handling a privacy request \(ref\. PR-7\)/)).toBeTruthy();
    fireEvent.click(row.getByRole("button", { name: /^Close the Access request/ }));
    fireEvent.click(row.getByRole("button", { name: /^Open the Access request/ }));
    fireEvent.click(screen.getByRole("button", { name: "Refresh" }));
    await waitFor(() => expect(sent(api, "PrivacyRequestQueue").length).toBe(2));
    // A filter re-creates the rows: the request stays open, shown as it was read.
    fireEvent.change(screen.getByLabelText("Show"), { target: { value: "RECEIVED" } });
    await waitFor(() => expect(sent(api, "PrivacyRequestQueue").length).toBe(3));
    expect(await screen.findByText(/Ada Lovelace · ada@example.com/)).toBeTruthy();
    expect(sent(api, "PrivacyRequestOpened")).toEqual([
      { id: "r1", purpose: "PRIVACY_REQUEST_HANDLING", ref: "PR-7" },
    ]);
  });

  it("shows who asked as redacted, with the reason, when the purpose may not read it", async () => {
    renderUnderPurpose(<PrivacyRequestsPage />, {
      PrivacyRequestQueue: queueOf(request({})),
      PrivacyRequestOpened: () =>
        withErrors(opened({ customerName: null, customerEmail: null }), [
          redacted("privacyRequestQueue.0.customerName", "PURPOSE_NOT_PERMITTED"),
          redacted("privacyRequestQueue.0.customerEmail", "PURPOSE_NOT_PERMITTED"),
        ]),
    });
    const row = await rowOf("customer-ada");
    fireEvent.click(row.getByRole("button", { name: /^Open/ }));
    const shown = await screen.findAllByTitle("the declared purpose does not allow reading this");
    expect(shown).toHaveLength(2);
  });

  it("offers only what the state allows: verify a received one, start a verified one, extend once", async () => {
    renderUnderPurpose(<PrivacyRequestsPage />, {
      PrivacyRequestQueue: queueOf(
        request({ id: "a", status: "RECEIVED", customerId: "customer-received" }),
        request({ id: "b", status: "VERIFIED", customerId: "customer-verified" }),
        request({
          id: "c",
          status: "IN_PROGRESS",
          customerId: "customer-working",
          extendedAt: "x",
        }),
      ),
    });
    expect(buttons(await rowOf("customer-received"))).toEqual(["Verify", "Extend", "Reject"]);
    expect(buttons(await rowOf("customer-verified"))).toEqual([
      "Start work",
      "Fulfil",
      "Extend",
      "Reject",
    ]);
    // Extended once already: no second extension.
    expect(buttons(await rowOf("customer-working"))).toEqual(["Fulfil", "Reject"]);
  });

  it("starts work and fulfils through the API, then reads the queue again", async () => {
    const api = renderUnderPurpose(<PrivacyRequestsPage />, {
      PrivacyRequestQueue: queueOf(request({ id: "b", status: "VERIFIED" })),
      StartPrivacyRequest: (v) => ({ startPrivacyRequest: { id: v.id, status: "IN_PROGRESS" } }),
      FulfilPrivacyRequest: (v) => ({
        fulfilPrivacyRequest: { id: v.id, status: "FULFILLED", fulfilledAt: "2026-11-25" },
      }),
    });
    const row = await rowOf("customer-ada");
    fireEvent.click(row.getByRole("button", { name: "Start work" }));
    await waitFor(() => expect(sent(api, "StartPrivacyRequest")).toEqual([{ id: "b" }]));
    await waitFor(() => expect(sent(api, "PrivacyRequestQueue").length).toBeGreaterThan(1));
    // Started: "Start work" is not offered again, even though the list still says VERIFIED.
    await waitFor(() => expect(buttons(row)).toEqual(["Fulfil", "Extend", "Reject"]));
    fireEvent.click(row.getByRole("button", { name: "Fulfil" }));
    await waitFor(() =>
      expect(sent(api, "FulfilPrivacyRequest")).toEqual([{ id: "b", note: null }]),
    );
  });

  it("acts under the purpose and reference declared in the bar, for the staff action log", async () => {
    const api = renderUnderPurpose(<PrivacyRequestsPage />, {
      PrivacyRequestQueue: queueOf(request({ id: "a", status: "RECEIVED" })),
      VerifyPrivacyRequest: (v) => ({
        verifyPrivacyRequest: { id: v.id, status: "VERIFIED", verifiedAt: "x" },
      }),
    });
    declarePurpose("PRIVACY_REQUEST_HANDLING", "PR-41");
    const row = await rowOf("customer-ada");
    fireEvent.click(row.getByRole("button", { name: "Verify" }));
    await waitFor(() => expect(sent(api, "VerifyPrivacyRequest")).toEqual([{ id: "a" }]));
    expect(api.mutationHeaders[0]).toMatchObject({
      "apollo-require-preflight": "true",
      "x-privet-purpose": "PRIVACY_REQUEST_HANDLING",
      "x-privet-purpose-ref": "PR-41",
    });
  });

  it("a correction is fulfilled with a note saying what was corrected; the API's complaint shows beside it", async () => {
    let attempts = 0;
    const api = renderUnderPurpose(<PrivacyRequestsPage />, {
      PrivacyRequestQueue: queueOf(request({ id: "fix", kind: "CORRECTION", status: "VERIFIED" })),
      FulfilPrivacyRequest: (v) => {
        attempts += 1;
        if (attempts === 1) throw refusal("BAD_USER_INPUT", "Say what was corrected.", "note");
        return { fulfilPrivacyRequest: { id: v.id, status: "FULFILLED", fulfilledAt: "x" } };
      },
    });
    const row = await rowOf("customer-ada");
    fireEvent.click(row.getByRole("button", { name: "Fulfil" }));
    // Nothing is sent until the officer says what was corrected.
    expect(sent(api, "FulfilPrivacyRequest")).toEqual([]);
    const form = within(screen.getByRole("form", { name: "Fulfil" }));
    fireEvent.change(form.getByLabelText("What was corrected"), { target: { value: "x" } });
    fireEvent.click(form.getByRole("button", { name: "Fulfil" }));
    expect(await form.findByText("Say what was corrected.")).toBeTruthy();
    fireEvent.change(form.getByLabelText("What was corrected"), {
      target: { value: "Name spelling corrected." },
    });
    fireEvent.click(form.getByRole("button", { name: "Fulfil" }));
    await waitFor(() =>
      expect(sent(api, "FulfilPrivacyRequest")).toEqual([
        { id: "fix", note: "x" },
        { id: "fix", note: "Name spelling corrected." },
      ]),
    );
    await waitFor(() => expect(screen.queryByRole("form", { name: "Fulfil" })).toBeNull());
  });

  it("extends once and rejects, with a reason the customer will read", async () => {
    const api = renderUnderPurpose(<PrivacyRequestsPage />, {
      // The list, read again, has not caught up: the row still must not offer a second extension.
      PrivacyRequestQueue: queueOf(request({ id: "r" })),
      ExtendPrivacyRequest: (v) => ({
        extendPrivacyRequest: { id: v.id, dueAt: "x", daysLeft: 60, extendedAt: "x" },
      }),
      RejectPrivacyRequest: (v) => ({ rejectPrivacyRequest: { id: v.id, status: "REJECTED" } }),
    });
    const row = await rowOf("customer-ada");
    fireEvent.click(row.getByRole("button", { name: "Extend" }));
    const extend = within(screen.getByRole("form", { name: "Send extension" }));
    fireEvent.change(extend.getByLabelText(/^Why more time is needed/), {
      target: { value: "We must search two archived systems." },
    });
    fireEvent.click(extend.getByRole("button", { name: "Send extension" }));
    await waitFor(() =>
      expect(sent(api, "ExtendPrivacyRequest")).toEqual([
        { id: "r", reason: "We must search two archived systems." },
      ]),
    );
    await waitFor(() => expect(buttons(row)).toEqual(["Verify", "Reject"]));
    fireEvent.click(row.getByRole("button", { name: "Reject" }));
    const reject = within(screen.getByRole("form", { name: "Reject request" }));
    fireEvent.change(reject.getByLabelText(/^Why the request is rejected/), {
      target: { value: "We could not confirm your identity." },
    });
    fireEvent.click(reject.getByRole("button", { name: "Reject request" }));
    await waitFor(() =>
      expect(sent(api, "RejectPrivacyRequest")).toEqual([
        { id: "r", reason: "We could not confirm your identity." },
      ]),
    );
    // Rejected: nothing more is offered.
    await waitFor(() => expect(buttons(row)).toEqual([]));
  });

  it("sorts by due date either way", async () => {
    renderUnderPurpose(<PrivacyRequestsPage />, {
      PrivacyRequestQueue: queueOf(
        request({ id: "late", daysLeft: -3, overdue: true, customerId: "customer-late" }),
        request({ id: "soon", customerId: "customer-soon" }),
      ),
    });
    await rowOf("customer-late");
    const order = () =>
      screen
        .getAllByRole("row")
        .slice(1)
        .map((r) => r.querySelector("code")?.textContent);
    expect(order()).toEqual(["customer-late", "customer-soon"]);
    fireEvent.change(screen.getByLabelText("Sort by due date"), { target: { value: "latest" } });
    expect(order()).toEqual(["customer-soon", "customer-late"]);
  });

  it("shows closed requests on demand, with what was done in words, never as JSON", async () => {
    const deletion = JSON.stringify({
      kind: "DELETION",
      erased: [
        { data: "PaymentMethod", count: 1 },
        { data: "NavigationEvent", count: 12 },
      ],
      kept: [
        {
          data: "SupportRequest (subject, message, reply address)",
          count: 2,
          why: "Within the scope of an open legal request.",
        },
      ],
      consentsWithdrawn: ["MARKETING"],
    });
    const api = renderUnderPurpose(<PrivacyRequestsPage />, {
      PrivacyRequestQueue: (v) =>
        v.status === "FULFILLED"
          ? {
              privacyRequestQueue: [
                request({ id: "d", status: "FULFILLED", kind: "DELETION", daysLeft: null }),
                request({ id: "s", status: "FULFILLED", customerId: "customer-seeded" }),
              ],
            }
          : { privacyRequestQueue: [] },
      PrivacyRequestOpened: (v) =>
        v.id === "d"
          ? opened({ id: "d", outcome: deletion })
          : opened({
              id: "s",
              outcome: JSON.stringify({ summary: "Name corrected as requested." }),
            }),
    });
    expect(await screen.findByText("No requests.")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Show"), { target: { value: "FULFILLED" } });
    const row = await rowOf("customer-ada");
    expect(buttons(row)).toEqual([]);
    fireEvent.click(row.getByRole("button", { name: /^Open/ }));
    expect(await row.findByText("Erased: payment cards, pages visited (12).")).toBeTruthy();
    expect(
      row.getByText("Kept support requests (2): Within the scope of an open legal request."),
    ).toBeTruthy();
    expect(row.getByText("Consents withdrawn: marketing.")).toBeTruthy();
    const seeded = await rowOf("customer-seeded");
    fireEvent.click(seeded.getByRole("button", { name: /^Open/ }));
    expect(await seeded.findByText("Name corrected as requested.")).toBeTruthy();
    expect(screen.queryByText(/[{}"]/)).toBeNull();
    expect(sent(api, "PrivacyRequestQueue").at(-1)).toMatchObject({ status: "FULFILLED" });
  });
});

describe("what was done, in words", () => {
  it("says what an access request, a stop-sharing request and a rejection did", () => {
    const { container, rerender } = render(
      <RequestOutcome
        outcome={JSON.stringify({
          kind: "ACCESS",
          export: { sha256: "ab".repeat(32), bytes: 4096, sections: { consents: 2, sessions: 1 } },
        })}
      />,
    );
    expect(container.textContent).toContain(
      "A copy of the customer's data was stored for them in the portal: 2 sections, 4 KB.",
    );
    expect(container.textContent).toContain("ab".repeat(32));
    rerender(
      <RequestOutcome
        outcome={JSON.stringify({ kind: "STOP_SHARING", remarketing: "WITHDRAWN" })}
      />,
    );
    expect(container.textContent).toBe("Consent to advertising was withdrawn.");
    rerender(
      <RequestOutcome
        outcome={JSON.stringify({ kind: "STOP_SHARING", remarketing: "ALREADY_REFUSED" })}
      />,
    );
    expect(container.textContent).toBe(
      "Consent to advertising was already refused: nothing was shared.",
    );
    rerender(
      <RequestOutcome outcome={JSON.stringify({ kind: "REJECTED", reason: "No proof." })} />,
    );
    expect(container.textContent).toBe("Rejected. The reason the customer was given: No proof.");
    rerender(<RequestOutcome outcome={JSON.stringify({ kind: "SOMETHING_NEW", x: 1 })} />);
    expect(container.textContent).toBe("Closed.");
  });
});

describe("actions under the declared purpose", () => {
  it("send the purpose and reference as headers, with the CSRF preflight header", () => {
    const context = underPurpose("SUPPORT", "PR-9");
    expect(context.fetchOptions).toEqual({
      credentials: "same-origin",
      headers: {
        "apollo-require-preflight": "true",
        "x-privet-purpose": "SUPPORT",
        "x-privet-purpose-ref": "PR-9",
      },
    });
    const bare = underPurpose("SUPPORT", "") as { fetchOptions: { headers: object } };
    expect(bare.fetchOptions.headers).not.toHaveProperty("x-privet-purpose-ref");
  });
});
