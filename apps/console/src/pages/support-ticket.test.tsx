import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { loadDeclarations } from "../declarations.js";
import { refusal, renderUnderPurpose, sent } from "../test-support/console.js";
import { SupportPage } from "./support.js";

const REF = "support:q1";

const ticket = (over: Record<string, unknown> = {}) => ({
  id: "q1",
  createdAt: "2026-11-24T12:00:00.000Z",
  answeredAt: null,
  closedAt: null,
  status: "OPEN",
  actions: ["REPLY", "ASSIGN", "CLOSE"],
  subject: "Where is my invoice?",
  message: "I cannot find last month's invoice.",
  replyTo: null,
  customer: { id: "c1" },
  assignee: null,
  replies: [],
  ...over,
});

function handlers(
  current: () => Record<string, unknown>,
  extra: Record<string, () => unknown> = {},
) {
  return {
    SupportQueue: () => ({
      supportRequests: [
        {
          id: "q1",
          createdAt: "2026-11-24T12:00:00.000Z",
          status: "OPEN",
          subject: "Where is my invoice?",
          assignee: null,
        },
      ],
    }),
    SupportTicket: () => ({ supportRequest: current() }),
    SupportAssignees: () => ({
      supportAssignees: [
        { id: "s2", name: "Ana Lima", you: false },
        { id: "s1", name: "Sam Reyes", you: true },
      ],
    }),
    ...extra,
  };
}

async function openTicket() {
  fireEvent.click(await screen.findByRole("button", { name: "Where is my invoice?" }));
  await screen.findByRole("heading", { level: 1, name: "Where is my invoice?" });
}

describe("a support ticket", () => {
  it("[P-19] is read under support with the ticket itself as reference, question and answers in order", async () => {
    const api = renderUnderPurpose(
      <SupportPage />,
      handlers(() =>
        ticket({
          status: "ANSWERED",
          replies: [
            {
              id: "r1",
              createdAt: "2026-11-25T09:00:00.000Z",
              body: "It is under Payments.",
              author: { name: "Ana Lima" },
            },
          ],
        }),
      ),
    );
    await openTicket();
    expect(sent(api, "SupportTicket")).toEqual([{ id: "q1", ref: REF }]);
    const thread = within(screen.getByRole("region", { name: "Conversation" }));
    const entries = thread.getAllByRole("listitem").map((li) => li.textContent);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toContain("I cannot find last month's invoice.");
    expect(entries[1]).toContain("It is under Payments.");
    expect(screen.getByText(/^Answer from Ana Lima/)).toBeTruthy();
    expect(screen.getByText("It is under Payments.")).toBeTruthy();
    expect(screen.getByTestId("ticket-state").textContent).toBe("answered");
  });

  it("[P-19] sends a reply under support for this ticket, then shows the thread again", async () => {
    let replied = false;
    const api = renderUnderPurpose(
      <SupportPage />,
      handlers(() => ticket(replied ? { status: "ANSWERED" } : {}), {
        ReplyToSupportRequest: () => {
          replied = true;
          return { replyToSupportRequest: { id: "q1", status: "ANSWERED" } };
        },
      }),
    );
    await openTicket();
    const send = screen.getByRole("button", { name: "Send reply" }) as HTMLButtonElement;
    expect(send.disabled).toBe(true); // nothing written yet
    fireEvent.change(screen.getByLabelText("Your reply"), {
      target: { value: "  It is under Payments.\nSorry!  " },
    });
    fireEvent.click(send);
    expect(await screen.findByText(/Reply sent/)).toBeTruthy();
    expect(sent(api, "ReplyToSupportRequest")).toEqual([
      { id: "q1", body: "It is under Payments.\nSorry!" },
    ]);
    const headers = api.mutationHeaders[0];
    expect(headers?.["x-privet-purpose"]).toBe("SUPPORT");
    expect(headers?.["x-privet-purpose-ref"]).toBe(REF);
    await waitFor(() => expect(screen.getByTestId("ticket-state").textContent).toBe("answered"));
    expect((screen.getByLabelText("Your reply") as HTMLTextAreaElement).value).toBe("");
  });

  it("[P-03] says plainly that a reply with a card number was refused, and keeps the draft", async () => {
    renderUnderPurpose(
      <SupportPage />,
      handlers(() => ticket(), {
        ReplyToSupportRequest: () => {
          throw refusal("CARD_NUMBER_REJECTED", "Never send a full card number.", "body");
        },
      }),
    );
    await openTicket();
    fireEvent.change(screen.getByLabelText("Your reply"), {
      target: { value: "Refunded to 4111 1111 1111 1111" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Send reply" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "A reply must not contain a card number. Remove it: the last four digits are enough.",
    );
    expect((screen.getByLabelText("Your reply") as HTMLTextAreaElement).value).toContain("4111");
  });

  it("assigns by name from the list, or to me", async () => {
    const api = renderUnderPurpose(
      <SupportPage />,
      handlers(() => ticket(), {
        AssignSupportRequest: () => ({ assignSupportRequest: { id: "q1", status: "OPEN" } }),
      }),
    );
    await openTicket();
    const select = screen.getByLabelText("Assign to") as HTMLSelectElement;
    await waitFor(() => expect(select.options.length).toBe(3));
    expect([...select.options].map((o) => o.textContent)).toEqual([
      "Nobody",
      "Ana Lima",
      "Sam Reyes (you)",
    ]);
    fireEvent.change(select, { target: { value: "s2" } });
    fireEvent.click(screen.getByRole("button", { name: "Assign" }));
    await screen.findByText("Assignment saved.");
    fireEvent.click(screen.getByRole("button", { name: "Assign to me" }));
    await screen.findByText("Assigned to you.");
    expect(sent(api, "AssignSupportRequest")).toEqual([
      { id: "q1", staffUserId: "s2" },
      { id: "q1", staffUserId: "s1" },
    ]);
  });

  it("offers only what the state allows: a closed ticket can be reopened, not answered or assigned", async () => {
    const api = renderUnderPurpose(
      <SupportPage />,
      handlers(() => ticket({ status: "CLOSED", actions: ["REOPEN"] }), {
        ReopenSupportRequest: () => ({ reopenSupportRequest: { id: "q1", status: "OPEN" } }),
      }),
    );
    await openTicket();
    expect(screen.getByTestId("ticket-state").textContent).toBe("closed");
    expect((screen.getByLabelText("Your reply") as HTMLTextAreaElement).disabled).toBe(true);
    expect(screen.getByText("This request is closed: reopen it to reply.")).toBeTruthy();
    expect((screen.getByLabelText("Assign to") as HTMLSelectElement).disabled).toBe(true);
    expect(
      (screen.getByRole("button", { name: "Assign to me" }) as HTMLButtonElement).disabled,
    ).toBe(true);
    expect(screen.queryByRole("button", { name: "Close request" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Reopen request" }));
    await screen.findByText("Request reopened.");
    expect(sent(api, "ReopenSupportRequest")).toEqual([{ id: "q1" }]);
  });

  it("opens the customer under support with the ticket as reference", async () => {
    renderUnderPurpose(
      <SupportPage />,
      handlers(() => ticket()),
    );
    await openTicket();
    fireEvent.click(screen.getByRole("button", { name: "Open the customer" }));
    expect(window.location.pathname).toBe("/customers/c1");
    // Declared for the customers area, where the customer opens (each area keeps its own).
    expect(loadDeclarations("PRIVACY_OFFICER")["/customers"]).toEqual({
      purpose: "SUPPORT",
      ref: REF,
    });
  });
});
