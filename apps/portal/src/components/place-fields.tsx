/**
 * Where the customer lives: every ISO 3166-1 country, named in the browser's language by its
 * own Intl.DisplayNames (no country data ships with the portal), and for the United States a
 * required state from the list — the same lists the API accepts (@privet/domain/places).
 * Errors sit next to the control, tied to it with aria-describedby and marked aria-invalid.
 */
import { countriesIn, US_STATES } from "@privet/domain/places";
import { type SelectHTMLAttributes, useId, useMemo } from "react";

interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  readonly label: string;
  readonly placeholder: string;
  readonly options: ReadonlyArray<readonly [value: string, label: string]>;
  readonly error?: string | null;
}

export function SelectField({ label, placeholder, options, error, ...select }: SelectFieldProps) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={select.id ?? id}>{label}</label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
        {...select}
      >
        <option value="">{placeholder}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The browser's languages, for names read as the customer reads them. */
function browserLanguages(): readonly string[] {
  return typeof navigator !== "undefined" && navigator.languages?.length
    ? navigator.languages
    : ["en"];
}

type PlaceProps = Omit<SelectFieldProps, "label" | "placeholder" | "options">;

export function CountryField(props: PlaceProps) {
  const countries = useMemo(() => countriesIn(browserLanguages()), []);
  return (
    <SelectField
      label="Country you live in"
      placeholder="Choose a country"
      options={countries}
      autoComplete="country"
      {...props}
    />
  );
}

export function StateField(props: PlaceProps) {
  return (
    <SelectField
      label="State"
      placeholder="Choose a state"
      options={US_STATES}
      autoComplete="address-level1"
      {...props}
    />
  );
}
