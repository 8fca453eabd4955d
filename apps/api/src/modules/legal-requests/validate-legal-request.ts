/** Validation of a legal request's scope: the categories and the customers it names. */
import type { PrismaClient } from "@privet/db/client";
import { purposeMayRead } from "@privet/domain/purposes";
import { type DataCategory, isDataCategory } from "@privet/domain/taxonomy";
import { AppError, badInput } from "../../errors/app-error.js";
import { isUuid } from "../../validation/validate-id.js";

const MAX_SUBJECTS = 1000;

/**
 * Taxonomy keys that a legal disclosure may read (LEGAL_OBLIGATION's categories): anything
 * else (an unknown key, credentials) could never be disclosed, so naming it is refused.
 */
export function validateScopeCategories(values: readonly string[]): DataCategory[] {
  if (values.length === 0) throw badInput("categories", "Name at least one data category.");
  const unknown = values.filter((value) => !isDataCategory(value));
  if (unknown.length > 0) {
    // The keys come from the taxonomy's vocabulary, not from anyone's data: safe to name.
    throw new AppError(
      "BAD_USER_INPUT",
      "Some of these kinds of data are not known to Privet. Choose them from the list.",
      {
        field: "categories",
        unknown: unknown.slice(0, 20).map((value) => value.slice(0, 100)),
      },
    );
  }
  const categories = [...new Set(values as DataCategory[])];
  const undisclosable = categories.filter((c) => !purposeMayRead("LEGAL_OBLIGATION", c));
  if (undisclosable.length > 0) {
    throw new AppError("BAD_USER_INPUT", "A legal disclosure can never include these categories.", {
      field: "categories",
      undisclosable,
    });
  }
  return categories;
}

/** Customer ids, each a customer Privet holds (not erased). */
export async function validateSubjects(
  prisma: PrismaClient,
  values: readonly string[],
): Promise<string[]> {
  if (values.length === 0) throw badInput("subjectIds", "Name at least one customer.");
  if (values.length > MAX_SUBJECTS) {
    throw badInput("subjectIds", `A request names at most ${MAX_SUBJECTS} customers.`);
  }
  const ids = [...new Set(values.map((value) => value.trim().toLowerCase()))];
  const malformed = ids.filter((id) => !isUuid(id));
  if (malformed.length > 0)
    throw badInput(
      "subjectIds",
      "Choose the customers from the list: one of them is not a customer's id.",
    );
  const found = await prisma.customer.findMany({
    where: { id: { in: ids }, erasedAt: null },
    select: { id: true },
  });
  const known = new Set(found.map((row) => row.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    // Ids the caller sent, not anyone's data.
    throw new AppError(
      "BAD_USER_INPUT",
      "Some of the customers chosen could not be found (erased, or never registered). Choose them again.",
      {
        field: "subjectIds",
        unknown: unknown.slice(0, 20),
      },
    );
  }
  return ids.sort();
}
