/**
 * What a customer's rights do to each data category: whether their data export holds it, and
 * whether erasing them (a deletion request) removes it — with the reason wherever the answer is
 * no. One entry per category of the taxonomy: a category added without deciding both does not
 * compile, and the API's export and erasure are tested against this table
 * (apps/api/src/schema/data-categories.test.ts).
 *
 * "Erased" is what happens when nothing holds the data back: an open legal request naming the
 * customer keeps what it covers until it is closed, and the erasure's outcome says so case by
 * case. "Kept" here would mean kept whatever happens, and needs its reason.
 */
import { ALL_CATEGORIES, type DataCategory } from "./taxonomy.js";

/** In the customer's data export, or withheld from it, and why. */
export type ExportRule = "exported" | { readonly withheld: string };
/** Removed when the customer is erased, or kept, and why. */
export type ErasureRule = "erased" | { readonly kept: string };

export interface CategoryRights {
  readonly export: ExportRule;
  readonly erasure: ErasureRule;
}

const EXPORTED_AND_ERASED = { export: "exported", erasure: "erased" } as const;

export const CATEGORY_RIGHTS = {
  "user.device.ip_address": EXPORTED_AND_ERASED,
  "user.device.browser": EXPORTED_AND_ERASED,
  "user.device.os": EXPORTED_AND_ERASED,
  "user.device.cookie_id": EXPORTED_AND_ERASED,

  "user.name": EXPORTED_AND_ERASED,
  "user.contact.email": EXPORTED_AND_ERASED,
  "user.contact.country": EXPORTED_AND_ERASED,
  "user.financial.card.brand": EXPORTED_AND_ERASED,
  "user.financial.card.last4": EXPORTED_AND_ERASED,
  "user.financial.card.expiry": EXPORTED_AND_ERASED,
  "user.financial.card.token": {
    export: {
      withheld:
        "Not the customer's to use: it charges the card only through the company's processor account, and the brand, last four digits and expiry already identify the card.",
    },
    erasure: "erased",
  },
  "user.content.message": EXPORTED_AND_ERASED,

  "user.behavior.navigation": EXPORTED_AND_ERASED,

  "user.held.other_individuals": EXPORTED_AND_ERASED,

  "user.credentials.password": {
    export: { withheld: "Never readable, by anyone: it is held only as a one-way hash." },
    erasure: "erased",
  },
} as const satisfies Record<DataCategory, CategoryRights>;

type Rights = typeof CATEGORY_RIGHTS;

/** The categories the customer's data export holds. */
export type ExportedCategory = {
  [C in DataCategory]: Rights[C]["export"] extends "exported" ? C : never;
}[DataCategory];

/** The categories erasing a customer removes (unless an open legal request holds them back). */
export type ErasedCategory = {
  [C in DataCategory]: Rights[C]["erasure"] extends "erased" ? C : never;
}[DataCategory];

export function isExported(category: DataCategory): category is ExportedCategory {
  return CATEGORY_RIGHTS[category].export === "exported";
}

export function isErased(category: DataCategory): category is ErasedCategory {
  return CATEGORY_RIGHTS[category].erasure === "erased";
}

/** In the taxonomy's order. */
export const EXPORTED_CATEGORIES: readonly ExportedCategory[] = ALL_CATEGORIES.filter(isExported);

/** In the taxonomy's order. */
export const ERASED_CATEGORIES: readonly ErasedCategory[] = ALL_CATEGORIES.filter(isErased);

/** Why the export leaves a category out; null when it holds it. */
export function whyWithheld(category: DataCategory): string | null {
  const rule = CATEGORY_RIGHTS[category].export as ExportRule;
  return rule === "exported" ? null : rule.withheld;
}

/** Why erasure leaves a category in place; null when it removes it. */
export function whyKept(category: DataCategory): string | null {
  // Widened: today every category is erased, and a "kept" added later must still be read.
  const rule = CATEGORY_RIGHTS[category].erasure as ErasureRule;
  return rule === "erased" ? null : rule.kept;
}
