import { fireEvent, render, screen } from "@testing-library/react";
import { CombinedError } from "@urql/core";
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { PurposeBar, PurposeProvider, usePurpose } from "./purpose.js";
import { failuresOf, redactionsOf, Value } from "./redactions.js";

const redacted = (path: string[], reason: string) =>
  new GraphQLError("Redacted", { path, extensions: { code: "PRIVACY_REDACTED", reason } });

describe("redactions in the console", () => {
  it("shows a redacted field with its reason, never as a blank", () => {
    const error = new CombinedError({
      graphQLErrors: [
        redacted(["customer", "heldRecords", "0", "content"], "BREAK_GLASS_REQUIRED"),
      ],
    });
    const redactions = redactionsOf(error);
    render(<Value value={null} path="customer.heldRecords.0.content" redactions={redactions} />);
    expect(screen.getByText(/Redacted — needs an active break-glass grant/)).toBeTruthy();
    expect(failuresOf(error)).toEqual([]);
  });

  it("keeps real failures apart from redactions", () => {
    const error = new CombinedError({
      graphQLErrors: [
        redacted(["customer", "email"], "PURPOSE_NOT_PERMITTED"),
        new GraphQLError("You are not allowed to do this.", { extensions: { code: "FORBIDDEN" } }),
      ],
    });
    expect(failuresOf(error)).toEqual(["You are not allowed to do this."]);
    render(<Value value="shown" path="customer.name" redactions={redactionsOf(error)} />);
    expect(screen.getByText("shown")).toBeTruthy();
  });
});

function Declared() {
  const { purpose, ref } = usePurpose();
  return <output>{`${purpose}|${ref}`}</output>;
}

describe("the purpose bar", () => {
  it("declares a purpose and reference only when asked, not on every keystroke", () => {
    render(
      <PurposeProvider>
        <PurposeBar />
        <Declared />
      </PurposeProvider>,
    );
    fireEvent.change(screen.getByLabelText(/Reference/), { target: { value: "T-1042" } });
    fireEvent.change(screen.getByLabelText("Purpose"), { target: { value: "PAYMENT" } });
    expect(screen.getByRole("status", { name: "" }).textContent).toBe("SUPPORT|");
    fireEvent.click(screen.getByRole("button", { name: "Declare" }));
    expect(screen.getByRole("status", { name: "" }).textContent).toBe("PAYMENT|T-1042");
  });
});
