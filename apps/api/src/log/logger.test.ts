import { describe, expect, it } from "vitest";
import { captureOutput } from "../test-support/fixtures.js";
import { logger, scrub } from "./logger.js";

describe("the log", () => {
  it("masks emails and card-like numbers in messages and errors before they are written", async () => {
    const { output } = await captureOutput(async () => {
      logger.error("unexpected error", {
        requestId: "r-1",
        error: new Error(
          "duplicate key value violates unique constraint: (email)=(zelda.q@example.com)",
        ),
        note: "card 4111 1111 1111 1111 was sent",
      });
    });
    expect(output).toContain('"requestId":"r-1"');
    expect(output).toContain("[email]");
    expect(output).not.toContain("zelda.q@example.com");
    expect(output).not.toContain("4111 1111 1111 1111");
    expect(JSON.parse(output.trim()).level).toBe("error");
  });

  it("keeps an id whose last groups are all digits, and still masks a card number written in groups", () => {
    const id = "01a24cb5-e918-7132-8842-100562114187";
    expect(scrub(`delivery ${id} failed`)).toBe(`delivery ${id} failed`);
    expect(scrub("card 41111111-1111-1111 and 4111 1111 1111 1111")).toBe(
      "card [number] and [number]",
    );
  });

  it("scrubs without touching ordinary text", () => {
    expect(scrub("user 12 signed in")).toBe("user 12 signed in");
    expect(scrub("to a.b@example.org now")).toBe("to [email] now");
  });
});
