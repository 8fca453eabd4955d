import { withErrors } from "@privet/ui/test-support/fake-client";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { underPurpose } from "../graphql-client.js";
import {
  declarePurpose,
  redacted,
  refusal,
  renderUnderPurpose,
  sent,
} from "../test-support/console.js";
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
  customerId: "c1",
  customerName: "Ada Lovelace",
  customerEmail: "ada@example.com",
  details: "",
  outcome: null,
  ...over,
});

const queueOf =
  (...rows: Array<Record<string, unknown>>) =>
  () => ({ privacyRequestQueue: rows });

/** The queue's row naming this customer. */
async function rowOf(name: string) {
  return within(await screen.findByRole("row", { name: new RegExp(name) }));
}

describe("the privacy-request queue", () => {
  it("shows each request's due date and days left or overdue, and what the customer wrote", async () => {
    renderUnderPurpose(<PrivacyRequestsPage />, {
      PrivacyRequestQueue: queueOf(
        request({ id: "late", daysLeft: -3, overdue: true, customerName: "Late Person" }),
        request({ id: "soon", details: "Everything you hold, please.", customerName: "Soon" }),
      ),
    });
    const late = await rowOf("Late Person");
    expect(late.getByText(/3 days overdue/)).toBeTruthy();
    expect(screen.getByRole("row", { name: /Late Person/ }).dataset.overdue).toBe("true");
    const soon = await rowOf("Soon");
    expect(soon.getByText(/6 days left/)).toBeTruthy();
    expect(soon.getByText("Everything you hold, please.")).toBeTruthy();
  });

  it("shows who asked as redacted, with the reason, when the purpose may not read it", async () => {
    renderUnderPurpose(<PrivacyRequestsPage />, {
      PrivacyRequestQueue: () =>
        withErrors(
          { privacyRequestQueue: [request({ customerName: null, customerEmail: null })] },
          [
            redacted("privacyRequestQueue.0.customerName", "PURPOSE_NOT_PERMITTED"),
            redacted("privacyRequestQueue.0.customerEmail", "PURPOSE_NOT_PERMITTED"),
          ],
        ),
    });
    const shown = await screen.findAllByTitle("the declared purpose does not allow reading this");
    expect(shown).toHaveLength(2);
  });

  it("offers the next step by state: verify a received one, start a verified one, fulfil one in progress", async () => {
    renderUnderPurpose(<PrivacyRequestsPage />, {
      PrivacyRequestQueue: queueOf(
        request({ id: "a", status: "RECEIVED", customerName: "Received One" }),
        request({ id: "b", status: "VERIFIED", customerName: "Verified One" }),
        request({ id: "c", status: "IN_PROGRESS", customerName: "Working One", extendedAt: "x" }),
      ),
    });
    const names = (row: ReturnType<typeof within>) =>
      row.getAllByRole("button").map((b: HTMLElement) => b.textContent);
    expect(names(await rowOf("Received One"))).toEqual(["Verify", "Extend", "Reject"]);
    expect(names(await rowOf("Verified One"))).toEqual([
      "Start work",
      "Fulfil",
      "Extend",
      "Reject",
    ]);
    // Extended once already: no second extension.
    expect(names(await rowOf("Working One"))).toEqual(["Fulfil", "Reject"]);
  });

  it("starts work and fulfils through the API, then reads the queue again", async () => {
    const api = renderUnderPurpose(<PrivacyRequestsPage />, {
      PrivacyRequestQueue: queueOf(request({ id: "b", status: "VERIFIED" })),
      StartPrivacyRequest: (v) => ({ startPrivacyRequest: { id: v.id, status: "IN_PROGRESS" } }),
      FulfilPrivacyRequest: (v) => ({
        fulfilPrivacyRequest: { id: v.id, status: "FULFILLED", fulfilledAt: "2026-11-25" },
      }),
    });
    const row = await rowOf("Ada Lovelace");
    fireEvent.click(row.getByRole("button", { name: "Start work" }));
    await waitFor(() => expect(sent(api, "StartPrivacyRequest")).toEqual([{ id: "b" }]));
    await waitFor(() => expect(sent(api, "PrivacyRequestQueue").length).toBeGreaterThan(1));
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
    declarePurpose("SUPPORT", "PR-41");
    const row = await rowOf("Ada Lovelace");
    fireEvent.click(row.getByRole("button", { name: "Verify" }));
    await waitFor(() => expect(sent(api, "VerifyPrivacyRequest")).toEqual([{ id: "a" }]));
    expect(api.mutationHeaders[0]).toMatchObject({
      "apollo-require-preflight": "true",
      "x-privet-purpose": "SUPPORT",
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
    const row = await rowOf("Ada Lovelace");
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

  it("extends and rejects with a reason the customer will read", async () => {
    const api = renderUnderPurpose(<PrivacyRequestsPage />, {
      PrivacyRequestQueue: queueOf(request({ id: "r" })),
      ExtendPrivacyRequest: (v) => ({
        extendPrivacyRequest: { id: v.id, dueAt: "x", daysLeft: 60, extendedAt: "x" },
      }),
      RejectPrivacyRequest: (v) => ({ rejectPrivacyRequest: { id: v.id, status: "REJECTED" } }),
    });
    const row = await rowOf("Ada Lovelace");
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
  });

  it("shows closed requests on demand, with what a deletion kept and why", async () => {
    const outcome = JSON.stringify({
      kind: "DELETION",
      erased: [{ data: "payment methods", count: 1 }],
      kept: [
        { data: "support messages", count: 2, why: "Within the scope of an open legal request." },
      ],
    });
    const api = renderUnderPurpose(<PrivacyRequestsPage />, {
      PrivacyRequestQueue: (v) =>
        v.status === "FULFILLED"
          ? { privacyRequestQueue: [request({ status: "FULFILLED", kind: "DELETION", outcome })] }
          : { privacyRequestQueue: [] },
    });
    expect(await screen.findByText("No requests.")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Show"), { target: { value: "FULFILLED" } });
    const row = await rowOf("Ada Lovelace");
    expect(row.getByText("Erased: payment methods (1).")).toBeTruthy();
    expect(
      row.getByText("Kept support messages (2): Within the scope of an open legal request."),
    ).toBeTruthy();
    expect(row.queryAllByRole("button")).toEqual([]);
    expect(sent(api, "PrivacyRequestQueue").at(-1)).toMatchObject({ status: "FULFILLED" });
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
