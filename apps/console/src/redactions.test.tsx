import { OpenCustomerDocument } from "@privet/client";
import { DENY_REASONS, denyReasonInBrief, explainDenyReason } from "@privet/domain/decide";
import { render, screen } from "@testing-library/react";
import { CombinedError } from "@urql/core";
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { failuresOf, redactionsOf, Value, WithheldNotice } from "./redactions.js";

const redacted = (path: string[], reason: string) =>
  new GraphQLError("Redacted", { path, extensions: { code: "PRIVACY_REDACTED", reason } });

describe("redactions in the console", () => {
  it("shows a redacted field with its reason, never as a blank", () => {
    const error = new CombinedError({
      graphQLErrors: [
        redacted(["customer", "heldRecords", "0", "content"], "BREAK_GLASS_REQUIRED"),
      ],
    });
    const redactions = redactionsOf(OpenCustomerDocument, error);
    render(
      <Value value={null} at={["customer", "heldRecords", 0, "content"]} redactions={redactions} />,
    );
    const mark = screen.getByTitle("needs an active break-glass grant");
    expect(mark.textContent).toBe("withheld: needs an active break-glass grant");
    expect(redactions.has(["customer", "heldRecords", 0, "content"])).toBe(true);
    expect(redactions.has(["customer", "heldRecords", 1, "content"])).toBe(false);
    expect(failuresOf(error)).toEqual([]);
  });

  it("words every reason decide() gives as the domain does, and shows an unknown one as sent", () => {
    const error = new CombinedError({
      graphQLErrors: [
        ...DENY_REASONS.map((reason, i) =>
          redacted(["customer", "sessions", `${i}`, "os"], reason),
        ),
        redacted(["customer", "email"], "SOMETHING_NEW"),
      ],
    });
    const redactions = redactionsOf(OpenCustomerDocument, error);
    DENY_REASONS.forEach((reason, i) => {
      const { container } = render(
        <Value value={null} at={["customer", "sessions", i, "os"]} redactions={redactions} />,
      );
      expect(container.textContent).toBe(`withheld: ${denyReasonInBrief(reason)}`);
    });
    const { container } = render(
      <Value value={null} at={["customer", "email"]} redactions={redactions} />,
    );
    expect(container.textContent).toBe("withheld: SOMETHING_NEW");
  });

  it("says why once per section, however many fields were withheld for the same reason", () => {
    const error = new CombinedError({
      graphQLErrors: [0, 1, 2].flatMap((i) => [
        redacted(["customer", "sessions", `${i}`, "os"], "ROLE"),
        redacted(["customer", "sessions", `${i}`, "browser"], "ROLE"),
      ]),
    });
    const redactions = redactionsOf(OpenCustomerDocument, error);
    expect(redactions.reasons).toEqual(["ROLE"]);
    render(<WithheldNotice redactions={redactions} />);
    expect(screen.getByRole("note").textContent).toBe(
      `Some fields are withheld. ${explainDenyReason("ROLE")}`,
    );
  });

  it("shows no notice when nothing was withheld", () => {
    const { container } = render(
      <WithheldNotice redactions={redactionsOf(OpenCustomerDocument, undefined)} />,
    );
    expect(container.textContent).toBe("");
  });

  it("keeps real failures apart from redactions", () => {
    const error = new CombinedError({
      graphQLErrors: [
        redacted(["customer", "email"], "PURPOSE_NOT_PERMITTED"),
        new GraphQLError("You are not allowed to do this.", { extensions: { code: "FORBIDDEN" } }),
      ],
    });
    expect(failuresOf(error)).toEqual(["You are not allowed to do this."]);
    render(
      <Value
        value="shown"
        at={["customer", "name"]}
        redactions={redactionsOf(OpenCustomerDocument, error)}
      />,
    );
    expect(screen.getByText("shown")).toBeTruthy();
  });

  it("takes only paths the query's result has (checked by the compiler)", () => {
    const redactions = redactionsOf(OpenCustomerDocument, undefined);
    // @ts-expect-error OpenCustomer selects no `phone`
    expect(redactions.has(["customer", "phone"])).toBe(false);
    // @ts-expect-error a list position is a number
    expect(redactions.has(["customer", "sessions", "first", "os"])).toBe(false);
    expect(redactions.has(["customer", "sessions", 0, "os"])).toBe(false);
  });
});
