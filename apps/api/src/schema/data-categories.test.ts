/**
 * Every data category is accounted for, twice: the customer's data export holds it or the
 * domain says why not, and erasing the customer removes it or the domain says why not. The
 * decisions are the domain's table (@privet/domain/data-rights, one entry per category, which
 * typecheck enforces); this test holds the export's and the erasure's code against it, so adding
 * a category — or a personal field in a new category — cannot skip either.
 */
import { readFileSync } from "node:fs";
import {
  ERASED_CATEGORIES,
  EXPORTED_CATEGORIES,
  whyKept,
  whyWithheld,
} from "@privet/domain/data-rights";
import { ALL_CATEGORIES, type DataCategory, isDataCategory } from "@privet/domain/taxonomy";
import { describe, expect, it } from "vitest";
import { EXPORTED_FIELDS } from "../modules/data-export/data-export.format.js";
import { ERASURE_PIECES } from "../modules/privacy-requests/erase-customer.js";
import { SCHEMA_FILE } from "./emit-schema.js";

const sorted = (categories: Iterable<string>) => [...new Set(categories)].sort();

describe("every data category, in the export and in erasure", () => {
  it("is in the data export (collect-data-export.ts, EXPORTED_FIELDS) or withheld with a reason", () => {
    expect(sorted(Object.keys(EXPORTED_FIELDS))).toEqual(sorted(EXPORTED_CATEGORIES));
    const unaccounted = ALL_CATEGORIES.filter(
      (c) => !(c in EXPORTED_FIELDS) && whyWithheld(c) === null,
    );
    expect(unaccounted).toEqual([]);
  });

  it("is erased by erase-customer.ts (ERASURE_PIECES) or kept with a reason", () => {
    const erased = ERASURE_PIECES.flatMap((piece) => piece.categories);
    expect(sorted(erased)).toEqual(sorted(ERASED_CATEGORIES));
    const unaccounted = ALL_CATEGORIES.filter(
      (c) => !erased.includes(c as never) && whyKept(c) === null,
    );
    expect(unaccounted).toEqual([]);
  });

  it("says, category by category, what the customer's rights do to it", () => {
    const table = Object.fromEntries(
      ALL_CATEGORIES.map((c: DataCategory) => [
        c,
        `${whyWithheld(c) === null ? "exported" : "withheld"}, ${whyKept(c) === null ? "erased" : "kept"}`,
      ]),
    );
    // A change here is a change to what customers get: the policy and the portal's words too.
    expect(table).toEqual({
      "user.device.ip_address": "exported, erased",
      "user.device.browser": "exported, erased",
      "user.device.os": "exported, erased",
      "user.device.cookie_id": "exported, erased",
      "user.name": "exported, erased",
      "user.contact.email": "exported, erased",
      "user.contact.country": "exported, erased",
      "user.financial.card.brand": "exported, erased",
      "user.financial.card.last4": "exported, erased",
      "user.financial.card.expiry": "exported, erased",
      "user.financial.card.token": "withheld, erased",
      "user.content.message": "exported, erased",
      "user.behavior.navigation": "exported, erased",
      "user.held.other_individuals": "exported, erased",
      "user.credentials.password": "withheld, erased",
    });
  });

  it("names only known categories in the committed data map's @personal fields", () => {
    const committed = readFileSync(SCHEMA_FILE, "utf8");
    const named = [...committed.matchAll(/@personal\(category: "([^"]+)"\)/g)].map(
      (m) => m[1] ?? "",
    );
    expect(named.length).toBeGreaterThan(0);
    expect(sorted(named.filter((c) => !isDataCategory(c)))).toEqual([]);
  });
});
