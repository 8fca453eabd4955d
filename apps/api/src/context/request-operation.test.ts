import { type OperationDefinitionNode, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error.js";
import { purposeFromHeaders } from "../privacy/declared-purpose.js";
import { RequestOperation } from "./request-operation.js";

function operationOf(source: string): OperationDefinitionNode {
  return parse(source).definitions[0] as OperationDefinitionNode;
}

/** The refusal as a client sees it: its code and extensions. */
function refusalOf(error: unknown) {
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).extensions;
}

const SUPPORT_BY_HEADERS = purposeFromHeaders("support", "T-1");

describe("the purpose an operation runs under", () => {
  it("is the headers' for a request outside GraphQL (a download route), named by the route", () => {
    const operation = new RequestOperation(SUPPORT_BY_HEADERS);
    expect(() => operation.purpose).toThrow(/before it was resolved/);
    operation.resolveRoute("MyDataExportDownload");
    expect(operation.name).toBe("MyDataExportDownload");
    expect(operation.purpose).toEqual(SUPPORT_BY_HEADERS);
    // Resolved once: a later resolution changes nothing.
    operation.resolve(operationOf(`query Other @purpose(name: MARKETING) { viewer { kind } }`), {});
    expect(operation.name).toBe("MyDataExportDownload");
  });

  it("is the directive's when there is one, even over the headers'", () => {
    const operation = new RequestOperation(SUPPORT_BY_HEADERS);
    const refusal = operation.resolve(
      operationOf(`query Customer @purpose(name: MARKETING, ref: "C-9") { viewer { kind } }`),
      {},
    );
    expect(refusal).toBeNull();
    expect(operation.purpose).toEqual({ name: "MARKETING", ref: "C-9" });
    expect(operation.name).toBe("Customer");
  });

  it("takes the directive's arguments from the variables too", () => {
    const operation = new RequestOperation(null);
    operation.resolve(
      operationOf(
        `query($p: Purpose!, $r: String) @purpose(name: $p, ref: $r) { viewer { kind } }`,
      ),
      { p: "LEGAL_OBLIGATION", r: "LR-2026-01" },
    );
    expect(operation.purpose).toEqual({ name: "LEGAL_OBLIGATION", ref: "LR-2026-01" });
    expect(operation.name).toBeNull();
  });

  it("is the headers' without a directive (name in any case, trimmed), and none without either", () => {
    expect(SUPPORT_BY_HEADERS).toEqual({ name: "SUPPORT", ref: "T-1" });
    expect(purposeFromHeaders(" Support ", undefined)).toEqual({ name: "SUPPORT", ref: null });
    const byHeaders = new RequestOperation(SUPPORT_BY_HEADERS);
    byHeaders.resolve(operationOf(`{ viewer { kind } }`), {});
    expect(byHeaders.purpose).toBe(SUPPORT_BY_HEADERS);

    expect(purposeFromHeaders(undefined, "T-1")).toBeNull();
    const undeclared = new RequestOperation(null);
    undeclared.resolve(operationOf(`{ viewer { kind } }`), {});
    expect(undeclared.purpose).toBeNull();
  });

  it("refuses a malformed directive with the code and field a client is told", () => {
    const cases: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
      [
        `mutation @purpose(name: SUPPORT, ref: "not a reference!") { x }`,
        {},
        { code: "BAD_USER_INPUT", field: "purpose.ref" },
      ],
      [
        `query @purpose(name: SUPPORT, ref: "4111111111111111") { x }`,
        {},
        { code: "CARD_NUMBER_REJECTED", field: "purpose.ref" },
      ],
      // Validation checks a literal name; a variable's value arrives unchecked.
      [
        `query($p: Purpose!) @purpose(name: $p) { x }`,
        { p: "SELLING" },
        { code: "BAD_USER_INPUT", field: "purpose.name" },
      ],
    ];
    for (const [source, variables, expected] of cases) {
      const operation = new RequestOperation(SUPPORT_BY_HEADERS);
      expect(refusalOf(operation.resolve(operationOf(source), variables))).toEqual(expected);
      // The request is refused; until then, what the headers declared stays in force (the
      // staff action log records the refused attempt under it).
      expect(operation.purpose).toBe(SUPPORT_BY_HEADERS);
    }
  });

  it("refuses malformed headers with the code and field a client is told", () => {
    const refused = (name: string, ref?: string) => {
      try {
        purposeFromHeaders(name, ref);
      } catch (error) {
        return refusalOf(error);
      }
      throw new Error("accepted");
    };
    expect(refused("SELLING")).toEqual({ code: "BAD_USER_INPUT", field: "X-Privet-Purpose" });
    expect(refused("SUPPORT", "a b")).toEqual({ code: "BAD_USER_INPUT", field: "purpose.ref" });
    expect(refused("SUPPORT", "x".repeat(101))).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(refused("SUPPORT", "4111111111111111")).toEqual({
      code: "CARD_NUMBER_REJECTED",
      field: "purpose.ref",
    });
  });

  it("is worked out once: every hook that asks gets the first answer, whatever their order", () => {
    const operation = new RequestOperation(null);
    const first = operationOf(`query A @purpose(name: SUPPORT, ref: "bad ref!") { x }`);
    const refusal = operation.resolve(first, {});
    expect(refusal).toBeInstanceOf(AppError);
    // A second hook, even with a different document in hand, gets the same refusal and purpose.
    expect(operation.resolve(operationOf(`query B @purpose(name: MARKETING) { x }`), {})).toBe(
      refusal,
    );
    expect(operation.purpose).toBeNull();
    expect(operation.name).toBe("A");
  });

  it("cannot be read before it is resolved: that would be a hook reading too early", () => {
    const operation = new RequestOperation(SUPPORT_BY_HEADERS);
    expect(() => operation.purpose).toThrow(/before it was resolved/);
    expect(() => operation.name).toThrow(/before it was resolved/);
  });
});
