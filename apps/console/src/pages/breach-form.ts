/**
 * The "Record an incident" form's rules, checked in the browser before anything is sent (the
 * API checks the same and names the field it refuses): every field in words, so an empty form
 * says what is missing instead of failing on an invalid date.
 */
import { type DataCategory, isDataCategory } from "@privet/domain/taxonomy";

export interface IncidentForm {
  readonly title: string;
  readonly description: string;
  /** Calendar days as a date input gives them: "YYYY-MM-DD", or "" when left empty. */
  readonly discoveredAt: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly categories: readonly string[];
}

export type IncidentField = keyof IncidentForm;

export interface IncidentInput {
  readonly title: string;
  readonly description: string;
  readonly discoveredAt: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly categories: DataCategory[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(value: string): boolean {
  return DAY.test(value) && !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime());
}

/** Each field's problem in words; empty when the form may be sent. `today` is UTC "YYYY-MM-DD". */
export function incidentFormProblems(
  form: IncidentForm,
  today: string,
): Partial<Record<IncidentField, string>> {
  const problems: Partial<Record<IncidentField, string>> = {};
  if (!form.title.trim()) problems.title = "Give the incident a short title.";
  else if (form.title.trim().length > 200) problems.title = "Keep the title to 200 characters.";
  if (!form.description.trim()) {
    problems.description = "Say what happened: every affected person will read it.";
  }
  if (!isDay(form.discoveredAt)) {
    problems.discoveredAt = "Enter the day the incident was discovered.";
  } else if (form.discoveredAt > today) {
    problems.discoveredAt = "The discovery day cannot be in the future.";
  }
  if (!isDay(form.windowStart)) problems.windowStart = "Enter the first day of the exposure.";
  if (!isDay(form.windowEnd)) {
    problems.windowEnd = "Enter the last day of the exposure (today if it is still going on).";
  } else if (form.windowEnd > today) {
    problems.windowEnd = "The exposure cannot end in the future: if it still goes on, enter today.";
  } else if (isDay(form.windowStart) && form.windowEnd < form.windowStart) {
    problems.windowEnd = "The exposure cannot end before it began.";
  }
  if (!problems.discoveredAt && isDay(form.windowStart) && form.discoveredAt < form.windowStart) {
    problems.discoveredAt = "The incident cannot be discovered before the exposure began.";
  }
  if (form.categories.filter(isDataCategory).length === 0) {
    problems.categories = "Choose at least one kind of data that was exposed.";
  }
  return problems;
}

/**
 * The API's input from a valid form. "Exposed until" is inclusive: through the end of that
 * day, or until now for today (the API's window end is exclusive and never in the future).
 */
export function incidentInput(form: IncidentForm, now: Date): IncidentInput {
  const midnight = (day: string) => new Date(`${day}T00:00:00Z`);
  const end = midnight(form.windowEnd);
  end.setUTCDate(end.getUTCDate() + 1);
  return {
    title: form.title.trim(),
    description: form.description.trim(),
    discoveredAt: midnight(form.discoveredAt).toISOString(),
    windowStart: midnight(form.windowStart).toISOString(),
    windowEnd: new Date(Math.min(end.getTime(), now.getTime())).toISOString(),
    categories: form.categories.filter(isDataCategory),
  };
}
