/**
 * Records a breach incident and drafts its notices (P-17), in one transaction: the incident,
 * one DRAFT notice per affected customer (set-based, see affected-customers.ts), and the
 * California count with the Attorney General flag. The officer learns counts, never
 * addresses: reading the recipients is a separate, audited read of the notices.
 *
 * Who reads the customers' data here: the platform, server-side, for BREACH_RESPONSE (a legal
 * obligation, so no consent is needed).
 */
import { type DataCategory, isDataCategory } from "@privet/domain/taxonomy";
import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError, badInput } from "../../errors/app-error.js";
import * as validate from "../../validation/validate.js";
import { BreachIncident } from "./breach-incident.type.js";
import { BREACH_TRANSACTION } from "./breach-transaction.js";
import { draftBreachNotices } from "./draft-breach-notices.js";
import { loadBreachIncidents } from "./load-breach-incidents.js";
import { RecordBreachIncidentInput } from "./record-breach-incident.input.js";

/** Clocks differ a little between the console's machine and the server's. */
const CLOCK_SKEW_MS = 60_000;

/** Each date field in words, as the form names it. */
const DATE_WORDS: Readonly<Record<string, string>> = {
  discoveredAt: "the day the incident was discovered",
  windowStart: "the first day of the exposure",
  windowEnd: "the last day of the exposure",
};

function validDate(field: string, value: unknown): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw badInput(field, `Enter ${DATE_WORDS[field] ?? "the date"} as a date.`);
  }
  return value;
}

export function validateCategories(values: readonly string[]): DataCategory[] {
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
  return [...new Set(values as DataCategory[])];
}

@Resolver()
export class RecordBreachIncidentResolver {
  @Authorized()
  @Mutation(() => BreachIncident, {
    description:
      "Security or privacy officer: record a breach incident; Privet finds the affected customers, counts California residents, flags the Attorney General notice above 500 and drafts every notice (P-17).",
  })
  async recordBreachIncident(
    @Arg("input", () => RecordBreachIncidentInput) input: RecordBreachIncidentInput,
    @Ctx() context: Context,
  ): Promise<BreachIncident> {
    const { prisma, request } = context;
    const now = request.now;
    const title = validate.text("title", input.title, { max: 200 });
    const description = validate.text("description", input.description, { max: 5000 });
    const categories = validateCategories(input.categories);
    const discoveredAt = validDate("discoveredAt", input.discoveredAt);
    const windowStart = validDate("windowStart", input.windowStart);
    const windowEnd = validDate("windowEnd", input.windowEnd);
    const latest = now.getTime() + CLOCK_SKEW_MS;
    if (discoveredAt.getTime() > latest) {
      throw badInput(
        "discoveredAt",
        "The day the incident was discovered cannot be in the future.",
      );
    }
    if (windowEnd.getTime() <= windowStart.getTime()) {
      throw badInput("windowEnd", "The exposure must end after it began.");
    }
    if (windowEnd.getTime() > latest) {
      throw badInput(
        "windowEnd",
        "The exposure cannot end in the future: if it is still going on, give today as its last day.",
      );
    }
    if (discoveredAt.getTime() < windowStart.getTime()) {
      throw badInput(
        "discoveredAt",
        "The incident cannot have been discovered before the exposure began.",
      );
    }

    const id = await prisma.$transaction(async (tx) => {
      const incident = await tx.breachIncident.create({
        data: {
          title,
          description,
          discoveredAt,
          windowStart,
          windowEnd,
          categories,
          createdAt: now,
        },
      });
      await draftBreachNotices(tx, incident, categories, now, context.config.portalUrl);
      return incident.id;
    }, BREACH_TRANSACTION);
    const [incident] = await loadBreachIncidents(prisma, { id, first: 1 }, now);
    if (!incident) throw new Error("the recorded incident vanished");
    return incident;
  }
}
