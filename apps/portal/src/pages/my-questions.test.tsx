import { fakeApi } from "@privet/ui/test-support/fake-client";
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MyQuestions } from "./my-questions.js";

function setup(questions: unknown[]) {
  const api = fakeApi({ MySupportRequests: () => ({ mySupportRequests: questions }) });
  render(<MyQuestions />, { wrapper: api.wrapper });
  return api;
}

describe("my questions", () => {
  it("[P-19] shows each question with the answers staff sent, in order, and where it stands in words", async () => {
    setup([
      {
        id: "q1",
        createdAt: "2026-11-24T12:00:00.000Z",
        status: "ANSWERED",
        subject: "Where is my invoice?",
        message: "I cannot find it.",
        replies: [
          { id: "r1", createdAt: "2026-11-25T09:00:00.000Z", body: "Under Payments." },
          { id: "r2", createdAt: "2026-11-25T10:00:00.000Z", body: "Found it?" },
        ],
      },
      {
        id: "q0",
        createdAt: "2026-11-20T12:00:00.000Z",
        status: "OPEN",
        subject: "Second question",
        message: "Hello",
        replies: [],
      },
    ]);
    const first = within(
      (await screen.findByRole("heading", { name: "Where is my invoice?" })).closest(
        "li",
      ) as HTMLElement,
    );
    expect(first.getByText(/· Answered$/)).toBeTruthy();
    const answers = within(first.getByRole("list", { name: "Our answers" }))
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(answers).toHaveLength(2);
    expect(answers[0]).toContain("Under Payments.");
    expect(answers[1]).toContain("Found it?");
    const second = within(
      screen.getByRole("heading", { name: "Second question" }).closest("li") as HTMLElement,
    );
    expect(second.getByText(/· Waiting for an answer$/)).toBeTruthy();
    expect(second.queryByRole("list", { name: "Our answers" })).toBeNull();
  });

  it("says when there is nothing yet", async () => {
    setup([]);
    expect(await screen.findByText("You have not asked us anything yet.")).toBeTruthy();
  });
});
