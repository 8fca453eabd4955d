import { fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Requests } from "./requests.js";

const request = (over: Record<string, unknown>) => ({
  id: "r1",
  kind: "ACCESS",
  status: "RECEIVED",
  jurisdiction: "GDPR",
  receivedAt: "2026-11-20T10:00:00.000Z",
  confirmBy: null,
  dueAt: "2026-12-20T10:00:00.000Z",
  extendedAt: null,
  daysLeft: 25,
  details: null,
  ...over,
});

function setup(
  requests = [request({})],
  error?: { code: string; field?: string; message: string },
) {
  const api = fakeApi({
    MyRequests: () => ({ me: { id: "c1", jurisdiction: "GDPR", privacyRequests: requests } }),
    SubmitPrivacyRequest: (v) => {
      if (error) throw Object.assign(new Error(error.message), error);
      const input = v.input as { kind: string };
      return {
        submitPrivacyRequest: {
          id: "r2",
          kind: input.kind,
          status: "RECEIVED",
          dueAt: "2026-12-25T00:00:00.000Z",
          daysLeft: 30,
        },
      };
    },
  });
  render(<Requests />, { wrapper: api.wrapper });
  return api;
}

describe("the requests page", () => {
  it("lists each request with its status, due date and days left", async () => {
    setup([
      request({}),
      request({ id: "r0", kind: "DELETION", status: "FULFILLED", daysLeft: null }),
    ]);
    const table = await screen.findByRole("table", { name: /Your requests/ });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows[0]?.textContent).toContain("A copy of my data");
    expect(rows[0]?.textContent).toContain("Received");
    expect(rows[0]?.textContent).toContain("20 December 2026");
    expect(rows[0]?.textContent).toContain("25 days left");
    expect(rows[1]?.textContent).toContain("Delete my data");
    expect(rows[1]?.textContent).toContain("Done");
    expect(rows[1]?.textContent).not.toContain("days left");
  });

  it("says when a request is overdue", async () => {
    setup([request({ daysLeft: -3 })]);
    expect(await screen.findByText(/3 days overdue/)).toBeTruthy();
  });

  it("sends the chosen kind and details, and tells the customer the due date", async () => {
    const api = setup([]);
    fireEvent.click(await screen.findByRole("radio", { name: /Correct my data/ }));
    fireEvent.change(screen.getByLabelText("Details (optional)"), {
      target: { value: "My country is wrong" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Send request" }));
    await waitFor(() =>
      expect(api.mutations).toEqual([
        {
          name: "SubmitPrivacyRequest",
          variables: { input: { kind: "CORRECTION", details: "My country is wrong" } },
        },
      ]),
    );
    expect(await screen.findByText(/We will answer by 25 December 2026/)).toBeTruthy();
  });

  it("asks for a kind before sending anything", async () => {
    const api = setup([]);
    fireEvent.click(await screen.findByRole("button", { name: "Send request" }));
    expect(await screen.findByText("Choose what you would like us to do.")).toBeTruthy();
    expect(api.mutations).toEqual([]);
  });

  it("shows that there are no requests yet", async () => {
    setup([]);
    expect(await screen.findByText("You have not made any requests.")).toBeTruthy();
  });
});
