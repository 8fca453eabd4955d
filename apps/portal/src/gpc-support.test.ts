import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { GPC_SUPPORT } from "@privet/domain/gpc";
import { describe, expect, it } from "vitest";

describe("the portal's /.well-known/gpc.json", () => {
  it("[P-15] ships the same GPC support resource the API serves (Vite copies public/ to the site's root)", () => {
    const file = resolve(process.cwd(), "public/.well-known/gpc.json");
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(GPC_SUPPORT);
    expect(GPC_SUPPORT.gpc).toBe(true);
  });
});
