import { fakeApi } from "@privet/ui/test-support/fake-client";
import { act, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MyQuestions, WAITING_REFRESH_MS } from "./my-questions.js";

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

  describe("left open, it shows a new answer without a reload", () => {
    const waiting = {
      id: "q1",
      createdAt: "2026-11-24T12:00:00.000Z",
      status: "OPEN",
      subject: "Where is my invoice?",
      message: "I cannot find it.",
      replies: [] as unknown[],
    };
    const answered = {
      ...waiting,
      status: "ANSWERED",
      replies: [{ id: "r1", createdAt: "2026-11-25T09:00:00.000Z", body: "Under Payments." }],
    };
    let visibility: DocumentVisibilityState = "visible";

    function open(initial: unknown) {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      vi.spyOn(document, "visibilityState", "get").mockImplementation(() => visibility);
      let current = initial;
      const api = fakeApi({ MySupportRequests: () => ({ mySupportRequests: [current] }) });
      const executeQuery = vi.spyOn(api.client, "executeQuery");
      render(<MyQuestions />, { wrapper: api.wrapper });
      const asked = () => api.queries.filter((q) => q.name === "MySupportRequests").length;
      return {
        asked,
        answer: (next: unknown) => {
          current = next;
        },
        lastPolicy: () => executeQuery.mock.calls.at(-1)?.[1]?.requestPolicy,
      };
    }
    const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
    const setVisibility = (state: DocumentVisibilityState) =>
      act(() => {
        visibility = state;
        document.dispatchEvent(new Event("visibilitychange"));
      });

    afterEach(() => {
      visibility = "visible";
      vi.restoreAllMocks();
      vi.useRealTimers();
    });

    it("[P-19] asks again every minute while a question waits, from the network, and announces the answer", async () => {
      const page = open(waiting);
      expect(await screen.findByText(/· Waiting for an answer$/)).toBeTruthy();
      expect(page.asked()).toBe(1);
      // Nothing to announce on the first load.
      expect(screen.getByTestId("new-answer").textContent).toBe("");

      page.answer(answered);
      await advance(WAITING_REFRESH_MS / 2);
      expect(page.asked()).toBe(1);
      await advance(WAITING_REFRESH_MS / 2);
      await advance(10);
      expect(page.asked()).toBe(2);
      expect(page.lastPolicy()).toBe("network-only");

      const live = screen.getByRole("status");
      expect(live.getAttribute("aria-live")).toBe("polite");
      expect(await within(live).findByText("New answer to “Where is my invoice?”.")).toBeTruthy();
      expect(screen.getByRole("list", { name: "Our answers" }).textContent).toContain(
        "Under Payments.",
      );
      expect(screen.getByText(/· Answered$/)).toBeTruthy();

      // Answered, nothing waits: no more asking on a timer.
      for (let minute = 0; minute < 5; minute++) await advance(WAITING_REFRESH_MS);
      await advance(10);
      expect(page.asked()).toBe(2);
    });

    it("asks again when the tab comes back into view or regains focus, never while hidden", async () => {
      const page = open(answered);
      expect(await screen.findByText(/· Answered$/)).toBeTruthy();
      expect(page.asked()).toBe(1);

      await setVisibility("hidden");
      await advance(WAITING_REFRESH_MS * 2);
      await advance(10);
      expect(page.asked()).toBe(1);

      page.answer({
        ...answered,
        replies: [
          ...answered.replies,
          { id: "r2", createdAt: "2026-11-25T10:00:00.000Z", body: "Found it?" },
        ],
      });
      await setVisibility("visible");
      await advance(10);
      expect(page.asked()).toBe(2);
      expect(page.lastPolicy()).toBe("network-only");
      expect(await screen.findByText("Found it?")).toBeTruthy();
      expect(screen.getByTestId("new-answer").textContent).toBe(
        "New answer to “Where is my invoice?”.",
      );

      // Focus right after the visibility change is the same return to the tab: one request.
      await act(() => {
        window.dispatchEvent(new Event("focus"));
      });
      expect(page.asked()).toBe(2);
      await advance(6_000);
      await act(() => {
        window.dispatchEvent(new Event("focus"));
      });
      await advance(10);
      expect(page.asked()).toBe(3);
    });

    it("keeps a question waiting for an answer on a timer while a visible tab stays open", async () => {
      const page = open(waiting);
      expect(await screen.findByText(/· Waiting for an answer$/)).toBeTruthy();
      for (const expected of [2, 3, 4]) {
        await advance(WAITING_REFRESH_MS);
        await advance(10);
        expect(page.asked()).toBe(expected);
      }
      await setVisibility("hidden");
      for (let minute = 0; minute < 3; minute++) await advance(WAITING_REFRESH_MS);
      await advance(10);
      expect(page.asked()).toBe(4);
      expect(screen.getByTestId("new-answer").textContent).toBe("");
    });
  });
});
