import { withErrors } from "@privet/ui/test-support/fake-client";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  declarePurpose,
  redacted,
  refusal,
  renderUnderPurpose,
  sent,
} from "../test-support/console.js";
import { SupportPage } from "./support.js";

const listed = (over: Record<string, unknown>) => ({
  id: "q1",
  createdAt: "2026-11-24T12:00:00.000Z",
  status: "OPEN",
  subject: "Where is my invoice?",
  assignee: null,
  ...over,
});

const queue = [
  listed({}),
  listed({
    id: "q2",
    subject: "Do you sell my data?",
    status: "ANSWERED",
    assignee: { id: "s2", name: "Ana Lima", you: false },
  }),
];

const ticket = {
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
};

const handlers = {
  SupportQueue: () => ({ supportRequests: queue }),
  SupportTicket: () => ({ supportRequest: ticket }),
  SupportAssignees: () => ({
    supportAssignees: [
      { id: "s2", name: "Ana Lima", you: false },
      { id: "s1", name: "Sam Reyes", you: true },
    ],
  }),
};

function row(subject: string) {
  return within(screen.getByRole("button", { name: subject }).closest("tr") as HTMLElement);
}

describe("the support queue", () => {
  it("[P-19] lists questions by subject with their state and who works them, in words", async () => {
    renderUnderPurpose(<SupportPage />, handlers);
    await screen.findByRole("button", { name: "Where is my invoice?" });
    expect(row("Where is my invoice?").getByText("open")).toBeTruthy();
    expect(row("Where is my invoice?").getByText("Nobody yet")).toBeTruthy();
    expect(row("Do you sell my data?").getByText("answered")).toBeTruthy();
    expect(row("Do you sell my data?").getByText("Ana Lima")).toBeTruthy();
  });

  it("reads the queue under support, citing the declared reference", async () => {
    const api = renderUnderPurpose(<SupportPage />, handlers);
    await screen.findByRole("button", { name: "Where is my invoice?" });
    declarePurpose("SUPPORT", "T-1042");
    // Declaring does not re-read the open queue; the member asks for it under the new ticket.
    fireEvent.click(
      await screen.findByRole("button", {
        name: /Read this page again under support \(ref\. T-1042\)/i,
      }),
    );
    expect(await screen.findByText("Read under support (ref. T-1042).")).toBeTruthy();
    await waitFor(() => expect(sent(api, "SupportQueue").at(-1)).toEqual({ ref: "T-1042" }));
    expect(sent(api, "SupportQueue")[0]).toEqual({ ref: "T-1" });
  });

  it("shows what may not be read as redacted, with the reason", async () => {
    renderUnderPurpose(<SupportPage />, {
      ...handlers,
      SupportQueue: () =>
        withErrors({ supportRequests: [listed({}), listed({ id: "q2", subject: null })] }, [
          redacted("supportRequests.1.subject", "CONSENT_WITHDRAWN"),
        ]),
    });
    expect(
      (await screen.findByTitle("the customer has not consented to this purpose")).textContent,
    ).toBe("withheld: the customer has not consented to this purpose");
  });

  it("says when no questions are waiting", async () => {
    renderUnderPurpose(<SupportPage />, { SupportQueue: () => ({ supportRequests: [] }) });
    expect(await screen.findByText("No questions waiting.")).toBeTruthy();
  });

  it("shows why the queue could not be read", async () => {
    renderUnderPurpose(<SupportPage />, {
      SupportQueue: () => {
        throw refusal("FORBIDDEN", "Your role may not read the support queue.");
      },
    });
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Your role may not read the support queue.",
    );
  });
});
