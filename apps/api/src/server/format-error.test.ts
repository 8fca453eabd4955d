import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { httpStatusOf } from "../errors/app-error.js";
import { errorFormatter } from "./format-error.js";

// The whole path over HTTP, with a real failover, is failover.test.ts (where pg_autoctl is
// installed); this checks the formatter's decision on every machine.
describe("errors of a database that cannot be reached", () => {
  const format = errorFormatter(false);
  const formatted = (error: unknown) =>
    format(
      { message: "raw", path: ["setConsent"], extensions: { code: "INTERNAL_SERVER_ERROR" } },
      error,
    );

  it("become a retryable DATABASE_UNAVAILABLE (503) in words, whatever wraps the driver's error", () => {
    const dropped = Object.assign(new Error("Connection terminated unexpectedly"), {});
    const wrapped = new GraphQLError("Invalid `prisma.consentEvent.create()` invocation", {
      originalError: Object.assign(new Error("wrapped"), { cause: dropped }),
    });
    const result = formatted(wrapped);
    expect(result.extensions).toEqual({ code: "DATABASE_UNAVAILABLE", retryable: true });
    expect(result.message).toMatch(/Try again in a few seconds/);
    expect(result.message).not.toMatch(/prisma|Connection terminated/);
    expect(httpStatusOf("DATABASE_UNAVAILABLE")).toBe(503);
  });

  it("leave other unexpected errors a 500 that says nothing of them", () => {
    const result = formatted(
      new GraphQLError("boom", { originalError: new TypeError("x is undefined") }),
    );
    expect(result.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
  });
});
