/** "Record an incident": checked field by field before it is sent, then recorded (P-17). */
import { RecordBreachIncidentDocument } from "@privet/client";
import {
  CATEGORY_GROUP_LABELS,
  CATEGORY_GROUPS,
  categoriesInGroup,
  categoryLabel,
} from "@privet/domain/taxonomy";
import { formErrorOf, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { ErrorNotice } from "@privet/ui/states";
import { type FormEvent, useState } from "react";
import { useActionMutation } from "../action-mutation.js";
import {
  type IncidentField,
  type IncidentForm,
  incidentFormProblems,
  incidentInput,
} from "./breach-form.js";

const FIELDS: readonly IncidentField[] = [
  "title",
  "description",
  "discoveredAt",
  "windowStart",
  "windowEnd",
  "categories",
];

export function BreachIncidentForm({ onRecorded }: { onRecorded(): void }) {
  const [recorded, record] = useActionMutation(RecordBreachIncidentDocument);
  const [problems, setProblems] = useState<Partial<Record<IncidentField, string>>>({});
  const apiError = formErrorOf(recorded.error);
  const problemOf = (field: IncidentField) =>
    problems[field] ?? (messageFor(apiError, field) || null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? "");
    const form: IncidentForm = {
      title: text("title"),
      description: text("description"),
      discoveredAt: text("discoveredAt"),
      windowStart: text("windowStart"),
      windowEnd: text("windowEnd"),
      categories: data.getAll("categories").map(String),
    };
    const now = new Date();
    const found = incidentFormProblems(form, now.toISOString().slice(0, 10));
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const result = await record({ input: incidentInput(form, now) });
    if (!result.error) {
      (event.target as HTMLFormElement).reset();
      onRecorded();
    }
  };

  const count = FIELDS.filter((field) => problems[field]).length;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="record-title">
      <h2 id="record-title">Record an incident</h2>
      {count > 0 && (
        <ErrorNotice>
          {count === 1 ? "One field needs attention." : `${count} fields need attention.`}
        </ErrorNotice>
      )}
      <Field label="Title" name="title" maxLength={200} required error={problemOf("title")} />
      <div className={problemOf("description") ? "field field-invalid" : "field"}>
        <label htmlFor="breach-description">What happened (every affected person reads this)</label>
        <textarea
          id="breach-description"
          name="description"
          rows={4}
          maxLength={5000}
          aria-invalid={problemOf("description") ? true : undefined}
          aria-describedby={problemOf("description") ? "breach-description-error" : undefined}
        />
        {problemOf("description") && (
          <p className="field-error" id="breach-description-error">
            {problemOf("description")}
          </p>
        )}
      </div>
      <Field
        label="Discovered on"
        name="discoveredAt"
        type="date"
        required
        error={problemOf("discoveredAt")}
      />
      <Field
        label="Exposed from"
        name="windowStart"
        type="date"
        required
        error={problemOf("windowStart")}
      />
      <Field
        label="Exposed until (inclusive)"
        name="windowEnd"
        type="date"
        required
        error={problemOf("windowEnd")}
      />
      <fieldset
        className={problemOf("categories") ? "field field-invalid" : "field"}
        aria-describedby={problemOf("categories") ? "breach-categories-error" : undefined}
      >
        <legend>Data exposed</legend>
        {CATEGORY_GROUPS.map((group) => (
          <div key={group} className="category-group">
            <p className="hint">{CATEGORY_GROUP_LABELS[group]}</p>
            {categoriesInGroup(group).map((category) => (
              <label key={category} className="checkbox">
                <input type="checkbox" name="categories" value={category} />
                {categoryLabel(category)}
              </label>
            ))}
          </div>
        ))}
        {problemOf("categories") && (
          <p className="field-error" id="breach-categories-error">
            {problemOf("categories")}
          </p>
        )}
      </fieldset>
      {apiError && !apiError.field && <ErrorNotice>{apiError.message}</ErrorNotice>}
      <button type="submit" disabled={recorded.fetching}>
        Record incident
      </button>
    </form>
  );
}
