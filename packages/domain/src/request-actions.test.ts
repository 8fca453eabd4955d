import { describe, expect, it } from "vitest";
import { allowedRequestActions } from "./request-actions.js";

const offered = (status: string, extended = false) => [...allowedRequestActions(status, extended)];

describe("what a privacy request allows, by state", () => {
  it("is the next step, one extension and rejection while open; nothing once closed", () => {
    expect(offered("RECEIVED")).toEqual(["verify", "extend", "reject"]);
    expect(offered("VERIFIED")).toEqual(["start", "extend", "reject", "fulfil"]);
    expect(offered("IN_PROGRESS")).toEqual(["extend", "reject", "fulfil"]);
    expect(offered("IN_PROGRESS", true)).toEqual(["reject", "fulfil"]);
    expect(offered("FULFILLED")).toEqual([]);
    expect(offered("REJECTED", true)).toEqual([]);
  });
});
