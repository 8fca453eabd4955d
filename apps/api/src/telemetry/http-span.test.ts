import { describe, expect, it } from "vitest";
import { routeOf } from "./http-span.js";

describe("the HTTP span's route", () => {
  it("keeps the first path segment only: tokens, query strings and odd paths are not recorded", () => {
    expect(routeOf("/graphql")).toBe("/graphql");
    expect(routeOf("/graphql?query=%7Bme%7Bemail%7D%7D&variables=x")).toBe("/graphql");
    expect(routeOf("/unsubscribe/Zk2f9x_secret-token")).toBe("/unsubscribe");
    expect(routeOf("/.well-known/jwks.json")).toBe("/.well-known");
    expect(routeOf("/")).toBe("/");
    expect(routeOf(undefined)).toBe("/");
    expect(routeOf("/zelinda@example.com")).toBe("/other");
    expect(routeOf("/4111111111111111")).toBe("/other");
  });
});
