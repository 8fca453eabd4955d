/** The inputs of a policy version (P-18), and its preview as customers will see it. */
import { type FormError, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { Markdown } from "@privet/ui/markdown";

export interface PolicyVersionFieldValues {
  readonly version: string;
  readonly title: string;
  readonly summary: string;
  readonly body: string;
  /** The day it takes effect (YYYY-MM-DD, from midnight UTC), or "" while not chosen. */
  readonly effectiveAt: string;
  readonly material: boolean;
}

export const EMPTY_FIELDS: PolicyVersionFieldValues = {
  version: "",
  title: "",
  summary: "",
  body: "",
  effectiveAt: "",
  material: false,
};

interface PolicyVersionFieldsProps {
  readonly fields: PolicyVersionFieldValues;
  readonly onChange: (change: Partial<PolicyVersionFieldValues>) => void;
  /** The API's error: shown next to the field it names. */
  readonly error: FormError | null;
}

export function PolicyVersionFields({ fields, onChange: set, error }: PolicyVersionFieldsProps) {
  const bodyError = messageFor(error, "body");
  return (
    <>
      <Field
        label="Version"
        name="version"
        required
        value={fields.version}
        onChange={(event) => set({ version: event.target.value })}
        error={messageFor(error, "version")}
      />
      <Field
        label="Title"
        name="title"
        required
        value={fields.title}
        onChange={(event) => set({ title: event.target.value })}
        error={messageFor(error, "title")}
      />
      <Field
        label="Summary of changes"
        name="summary"
        value={fields.summary}
        onChange={(event) => set({ summary: event.target.value })}
        error={messageFor(error, "summary")}
      />
      <div className={bodyError ? "field field-invalid" : "field"}>
        <label htmlFor="policy-body">Text (Markdown)</label>
        <textarea
          id="policy-body"
          name="body"
          rows={10}
          required
          value={fields.body}
          onChange={(event) => set({ body: event.target.value })}
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={bodyError ? "policy-body-error" : undefined}
        />
        {bodyError && (
          <p className="field-error" id="policy-body-error">
            {bodyError}
          </p>
        )}
      </div>
      <Field
        label="Effective date"
        name="effectiveAt"
        type="date"
        required
        value={fields.effectiveAt}
        onChange={(event) => set({ effectiveAt: event.target.value })}
        error={messageFor(error, "effectiveAt")}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          name="material"
          checked={fields.material}
          onChange={(event) => set({ material: event.target.checked })}
        />{" "}
        <span>Material change: notify every customer</span>
      </label>
    </>
  );
}

export function PolicyPreview({ title, body }: { readonly title: string; readonly body: string }) {
  if (!body) return null;
  return (
    <section className="card preview" aria-labelledby="preview-title">
      <h3 id="preview-title">Preview, as customers will see it</h3>
      <h1>{title}</h1>
      <Markdown source={body} />
    </section>
  );
}
