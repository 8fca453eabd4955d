import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { refusal, renderUnderPurpose, sent } from "../test-support/console.js";
import { incidentFormProblems } from "./breach-form.js";
import { BreachesPage } from "./breaches.js";

const incident = (over: Record<string, unknown> = {}) => ({
  id: "b1",
  title: "Exposed backup",
  status: "OPEN",
  discoveredAt: "2026-10-01T00:00:00.000Z",
  windowStart: "2026-09-01T00:00:00.000Z",
  windowEnd: "2026-09-30T00:00:00.000Z",
  categories: ["user.contact.email", "user.name"],
  affectedCustomers: 1204,
  californiaResidents: 17,
  attorneyGeneralNoticeRequired: false,
  attorneyGeneralNoticeDue: null,
  individualNoticeDue: "2026-10-31T00:00:00.000Z",
  daysLeft: -42,
  draftNotices: 0,
  approvedNotices: 0,
  sentNotices: 0,
  actions: ["DRAFT_NOTICES"],
  ...over,
});

function render(
  incidents: unknown[],
  extra: Record<string, (v: Record<string, unknown>) => unknown> = {},
) {
  return renderUnderPurpose(<BreachesPage />, {
    BreachIncidents: () => ({ breachIncidents: incidents }),
    ...extra,
  });
}

async function card(title: string) {
  const heading = await screen.findByRole("heading", { level: 2, name: title });
  return within(heading.closest("li") as HTMLElement);
}

const button = (scope: ReturnType<typeof within>, name: string | RegExp) =>
  scope.getByRole("button", { name }) as HTMLButtonElement;

describe("the breach register", () => {
  it("[P-17] shows who is affected before any notice is drafted, categories and states in words, and the deadline as overdue", async () => {
    render([incident()]);
    const entry = await card("Exposed backup");
    expect(entry.getByTestId("affected").textContent).toBe(
      "1204 customers affected, 17 in California.",
    );
    expect(entry.getByText(/Email address, Name\.$/)).toBeTruthy();
    expect(entry.getByText("State: open")).toBeTruthy();
    expect(entry.getByTestId("deadline").textContent).toMatch(/\(42 days overdue\)\.$/);
    expect(entry.getByTestId("deadline").textContent).not.toContain("-42");
  });

  it("enables only the actions the incident's state allows", async () => {
    render([
      incident(),
      incident({
        id: "b2",
        title: "Reviewed",
        draftNotices: 3,
        actions: ["DRAFT_NOTICES", "APPROVE_DRAFTS"],
        daysLeft: 1,
      }),
      incident({ id: "b3", title: "Closed one", status: "CLOSED", actions: [] }),
    ]);
    const fresh = await card("Exposed backup");
    expect(button(fresh, "Draft notices").disabled).toBe(false);
    expect(button(fresh, "Approve drafts").disabled).toBe(true);
    expect(button(fresh, /Send approved/).disabled).toBe(true);
    expect(button(fresh, /Close incident/).disabled).toBe(true);
    const reviewed = await card("Reviewed");
    expect(button(reviewed, /Draft notices for newly found/).disabled).toBe(false);
    expect(button(reviewed, "Approve drafts").disabled).toBe(false);
    expect(button(reviewed, /Send approved/).disabled).toBe(true);
    expect(reviewed.getByTestId("deadline").textContent).toContain("(1 day left)");
    const closed = await card("Closed one");
    expect(closed.queryAllByRole("button")).toEqual([]);
    expect(closed.getByText(/closed: nothing more to do/)).toBeTruthy();
    // A closed incident's deadline is history, not a countdown.
    expect(closed.getByTestId("deadline").textContent).toBe(
      "Customers were to be notified by 31 October 2026.",
    );
  });

  it("asks before sending, with the number of emails that will go out", async () => {
    const api = render(
      [incident({ approvedNotices: 12, actions: ["DRAFT_NOTICES", "SEND_APPROVED"] })],
      {
        SendBreachNotices: () => ({ sendBreachNotices: { queued: 12, unreachable: 0 } }),
      },
    );
    const entry = await card("Exposed backup");
    fireEvent.click(button(entry, /Send approved/));
    expect(sent(api, "SendBreachNotices")).toEqual([]);
    const dialog = within(screen.getByRole("dialog", { name: "Send the approved notices?" }));
    expect(dialog.getByText(/Send 12 approved notices by email/)).toBeTruthy();
    fireEvent.click(dialog.getByRole("button", { name: "Send 12 notices" }));
    await waitFor(() => expect(sent(api, "SendBreachNotices")).toEqual([{ incidentId: "b1" }]));
  });

  it("[P-17] closes an incident once its notices are sent, after saying what closing means", async () => {
    const api = render(
      [
        incident({
          status: "NOTIFYING",
          sentNotices: 1204,
          actions: ["DRAFT_NOTICES", "CLOSE"],
        }),
      ],
      {
        CloseBreachIncident: () => ({
          closeBreachIncident: { id: "b1", status: "CLOSED", actions: [] },
        }),
      },
    );
    const entry = await card("Exposed backup");
    fireEvent.click(button(entry, /Close incident/));
    expect(sent(api, "CloseBreachIncident")).toEqual([]);
    const dialog = within(screen.getByRole("dialog", { name: "Close this incident?" }));
    expect(
      dialog.getByText(/All 1204 notices about “Exposed backup” have been sent\./),
    ).toBeTruthy();
    expect(dialog.getByText(/no more notices can be drafted, approved or sent/)).toBeTruthy();
    fireEvent.click(dialog.getByRole("button", { name: "Close the incident" }));
    await waitFor(() => expect(sent(api, "CloseBreachIncident")).toEqual([{ incidentId: "b1" }]));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("[P-17] says when no notice is required, and shows the API's refusal in its words", async () => {
    render([incident({ affectedCustomers: 0, actions: ["DRAFT_NOTICES", "CLOSE"] })], {
      CloseBreachIncident: () => {
        throw refusal(
          "BAD_USER_INPUT",
          "Some notices are still drafts. Approve and send them (or redraft them) before closing the incident.",
        );
      },
    });
    fireEvent.click(button(await card("Exposed backup"), /Close incident/));
    const dialog = within(screen.getByRole("dialog", { name: "Close this incident?" }));
    expect(dialog.getByText(/affected no customer, so no notice is required/)).toBeTruthy();
    fireEvent.click(dialog.getByRole("button", { name: "Close the incident" }));
    expect(
      await dialog.findByText(
        "Some notices are still drafts. Approve and send them (or redraft them) before closing the incident.",
      ),
    ).toBeTruthy();
  });

  it("an empty form says what each field needs and sends nothing", async () => {
    const api = render([]);
    fireEvent.click(await screen.findByRole("button", { name: "Record incident" }));
    expect(await screen.findByText("6 fields need attention.")).toBeTruthy();
    for (const message of [
      "Give the incident a short title.",
      "Say what happened: every affected person will read it.",
      "Enter the day the incident was discovered.",
      "Enter the first day of the exposure.",
      "Enter the last day of the exposure (today if it is still going on).",
      "Choose at least one kind of data that was exposed.",
    ]) {
      expect(screen.getByText(message)).toBeTruthy();
    }
    expect(screen.getByLabelText("Title").getAttribute("aria-invalid")).toBe("true");
    expect(sent(api, "RecordBreachIncident")).toEqual([]);
  });

  it("records a valid incident with the categories chosen by name, the window through the last day", async () => {
    const api = render([], {
      RecordBreachIncident: () => ({
        recordBreachIncident: {
          id: "b9",
          affectedCustomers: 3,
          californiaResidents: 0,
          attorneyGeneralNoticeRequired: false,
        },
      }),
    });
    await screen.findByRole("button", { name: "Record incident" });
    fireEvent.change(screen.getByLabelText("Title"), { target: { value: " Lost laptop " } });
    fireEvent.change(screen.getByLabelText(/What happened/), {
      target: { value: "A laptop was stolen." },
    });
    fireEvent.change(screen.getByLabelText("Discovered on"), { target: { value: "2026-10-02" } });
    fireEvent.change(screen.getByLabelText("Exposed from"), { target: { value: "2026-09-01" } });
    fireEvent.change(screen.getByLabelText("Exposed until (inclusive)"), {
      target: { value: "2026-09-30" },
    });
    fireEvent.click(screen.getByLabelText("Email address"));
    fireEvent.click(screen.getByRole("button", { name: "Record incident" }));
    await waitFor(() =>
      expect(sent(api, "RecordBreachIncident")).toEqual([
        {
          input: {
            title: "Lost laptop",
            description: "A laptop was stolen.",
            discoveredAt: "2026-10-02T00:00:00.000Z",
            windowStart: "2026-09-01T00:00:00.000Z",
            windowEnd: "2026-10-01T00:00:00.000Z",
            categories: ["user.contact.email"],
          },
        },
      ]),
    );
  });
});

describe("the incident form's rules", () => {
  const valid = {
    title: "T",
    description: "D",
    discoveredAt: "2026-10-02",
    windowStart: "2026-09-01",
    windowEnd: "2026-09-30",
    categories: ["user.name"],
  };
  it.each([
    [{}, {}],
    [
      { discoveredAt: "2026-12-07" },
      { discoveredAt: "The discovery day cannot be in the future." },
    ],
    [
      { windowEnd: "2026-12-07" },
      { windowEnd: "The exposure cannot end in the future: if it still goes on, enter today." },
    ],
    [{ windowEnd: "2026-08-01" }, { windowEnd: "The exposure cannot end before it began." }],
    [
      { discoveredAt: "2026-08-15" },
      { discoveredAt: "The incident cannot be discovered before the exposure began." },
    ],
    [
      { categories: ["user.shoe_size"] },
      { categories: "Choose at least one kind of data that was exposed." },
    ],
  ])("%j → %j", (change, problems) => {
    expect(incidentFormProblems({ ...valid, ...change }, "2026-12-06")).toEqual(problems);
  });
});
