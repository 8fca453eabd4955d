import { withErrors } from "@privet/ui/test-support/fake-client";
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  declarePurpose,
  redacted,
  refusal,
  renderUnderPurpose,
  sent,
} from "../test-support/console.js";
import { SupportPage } from "./support.js";

const question = (over: Record<string, unknown>) => ({
  id: "q1",
  createdAt: "2026-11-24T12:00:00.000Z",
  status: "OPEN",
  subject: "Where is my invoice?",
  message: "I cannot find last month's invoice.",
  replyTo: null,
  customer: { id: "c1" },
  ...over,
});

const queue = [
  question({}),
  question({
    id: "q2",
    subject: "Do you sell my data?",
    message: null,
    replyTo: "visitor@example.com",
    customer: null,
  }),
];

async function card(subject: string) {
  const heading = await screen.findByRole("heading", { name: subject, level: 2 });
  return within(heading.closest("li") as HTMLElement);
}

describe("the support queue", () => {
  it("[P-19] lists questions sent from the portal, with their status and message", async () => {
    renderUnderPurpose(<SupportPage />, { SupportQueue: () => ({ supportRequests: queue }) });
    const first = await card("Where is my invoice?");
    expect(first.getByText("I cannot find last month's invoice.")).toBeTruthy();
    expect(first.getByText(/· open$/)).toBeTruthy();
  });

  it("replies to a customer through their account, and to a visitor at the address given", async () => {
    renderUnderPurpose(<SupportPage />, { SupportQueue: () => ({ supportRequests: queue }) });
    const customer = await card("Where is my invoice?");
    expect(customer.getByText(/^Reply to:/).textContent).toBe(
      "Reply to: the customer's account email",
    );
    const visitor = await card("Do you sell my data?");
    expect(visitor.getByText(/^Reply to:/).textContent).toBe("Reply to: visitor@example.com");
  });

  it("reads the queue under support, citing the declared reference", async () => {
    const api = renderUnderPurpose(
      <SupportPage />,
      { SupportQueue: () => ({ supportRequests: queue }) },
      { declared: null, role: "SUPPORT_AGENT" },
    );
    // Nothing is read until the agent declares why.
    expect(sent(api, "SupportQueue")).toEqual([]);
    declarePurpose("SUPPORT", "T-1042");
    await card("Where is my invoice?");
    expect(await screen.findByText("Read under support (ref. T-1042).")).toBeTruthy();
    expect(sent(api, "SupportQueue")).toEqual([{ ref: "T-1042" }]);
  });

  it("shows what may not be read as redacted, with the reason", async () => {
    renderUnderPurpose(<SupportPage />, {
      SupportQueue: () =>
        withErrors({ supportRequests: queue }, [
          redacted("supportRequests.1.message", "CONSENT_WITHDRAWN"),
        ]),
    });
    const visitor = await card("Do you sell my data?");
    expect(visitor.getByTitle("the customer has not consented to this purpose").textContent).toBe(
      "withheld: the customer has not consented to this purpose",
    );
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
