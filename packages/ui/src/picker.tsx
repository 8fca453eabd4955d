/**
 * Choose a person or a thing by typing part of its name: a search-as-you-type combobox (the
 * WAI-ARIA "combobox with listbox popup" pattern). The input has role=combobox and owns a
 * listbox of options; ↓/↑ move through them, Enter chooses, Escape closes the list. What was
 * typed is searched after a short pause (not on every key), an answer to an older query is
 * dropped, and "no match" and a refusal are said in the list's place and in a live region.
 *
 * The picker knows nothing of GraphQL: `search` answers with options or a problem in words.
 * The chosen option's id goes out in a hidden input named `name` (forms read with FormData),
 * and through `onChange`: people choose by name, the API still receives the id.
 */
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";

export interface PickerOption {
  readonly id: string;
  /** What the option is called: shown in the list and, once chosen, in the input. */
  readonly label: string;
  /** A second line to tell similar names apart (an email, a role, a reference). */
  readonly detail?: string;
}

export type PickerAnswer =
  | { readonly options: readonly PickerOption[] }
  | { readonly problem: string };

export interface PickerProps {
  readonly label: string;
  readonly search: (text: string) => Promise<PickerAnswer>;
  /** The hidden input carrying the chosen id. */
  readonly name?: string;
  readonly hint?: string;
  readonly error?: string | null;
  /** Characters to type before searching; 0 lists options as soon as the input has focus. */
  readonly minLength?: number;
  /** The pause after the last key before searching. */
  readonly delayMs?: number;
  /** Said when nothing matches, e.g. "No customer matches." */
  readonly noMatch?: string;
  readonly required?: boolean;
  readonly placeholder?: string;
  readonly onChange?: (option: PickerOption | null) => void;
}

type Listing =
  | { readonly state: "closed" }
  | { readonly state: "searching" }
  | { readonly state: "found"; readonly options: readonly PickerOption[] }
  | { readonly state: "problem"; readonly message: string };

export function Picker({
  label,
  search,
  name,
  hint,
  error,
  minLength = 0,
  delayMs = 250,
  noMatch = "No match.",
  required,
  placeholder,
  onChange,
}: PickerProps) {
  const id = useId();
  const listId = `${id}-list`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const [text, setText] = useState("");
  const [chosen, setChosen] = useState<PickerOption | null>(null);
  const [listing, setListing] = useState<Listing>({ state: "closed" });
  const [active, setActive] = useState(-1);
  // Each query gets a number; only the newest one's answer is shown.
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const query = (typed: string, delay: number) => {
    clearTimeout(timer.current);
    const asked = ++latest.current;
    if (typed.trim().length < minLength) {
      setListing({ state: "closed" });
      return;
    }
    setListing({ state: "searching" });
    timer.current = setTimeout(async () => {
      let answer: PickerAnswer;
      try {
        answer = await search(typed.trim());
      } catch {
        answer = { problem: "The search failed. Try again." };
      }
      if (asked !== latest.current) return;
      setActive(-1);
      setListing(
        "problem" in answer
          ? { state: "problem", message: answer.problem }
          : { state: "found", options: answer.options },
      );
    }, delay);
  };

  const choose = (option: PickerOption | null) => {
    clearTimeout(timer.current);
    latest.current++;
    setChosen(option);
    setText(option?.label ?? "");
    setListing({ state: "closed" });
    setActive(-1);
    onChange?.(option);
  };

  const options = listing.state === "found" ? listing.options : [];
  const open = listing.state !== "closed";
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) return query(text, 0);
      if (options.length === 0) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((active + step + options.length) % options.length);
    } else if (event.key === "Enter" && open) {
      // Enter chooses from an open list; it must not submit the form around it.
      event.preventDefault();
      const option = options[active] ?? (options.length === 1 ? options[0] : undefined);
      if (option) choose(option);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      clearTimeout(timer.current);
      latest.current++;
      setListing({ state: "closed" });
      setActive(-1);
    }
  };

  const status =
    listing.state === "searching"
      ? "Searching…"
      : listing.state === "problem"
        ? listing.message
        : listing.state === "found"
          ? options.length === 0
            ? noMatch
            : `${options.length} ${options.length === 1 ? "match" : "matches"}: use the up and down arrows to choose.`
          : "";

  return (
    <div className={error ? "field picker field-invalid" : "field picker"}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={open && options.length > 0}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${id}-option-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        aria-required={required || undefined}
        placeholder={placeholder}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          if (chosen) {
            setChosen(null);
            onChange?.(null);
          }
          query(event.target.value, delayMs);
        }}
        onFocus={() => {
          if (!chosen && minLength === 0 && listing.state === "closed") query(text, 0);
        }}
        onBlur={() => {
          clearTimeout(timer.current);
          latest.current++;
          setListing({ state: "closed" });
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
      />
      {name && <input type="hidden" name={name} value={chosen?.id ?? ""} />}
      <div
        id={listId}
        role="listbox"
        aria-label={label}
        className="picker-options"
        hidden={!open || options.length === 0}
      >
        {options.map((option, index) => (
          // Options are never focused (the input keeps focus, aria-activedescendant points
          // here); tabIndex -1 only makes them focusable by script, as the pattern allows.
          <div
            key={option.id}
            tabIndex={-1}
            id={`${id}-option-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? "active" : undefined}
            // Chosen on mouse down, before the input's blur closes the list.
            onMouseDown={(event) => {
              event.preventDefault();
              choose(option);
            }}
          >
            <span className="picker-label">{option.label}</span>
            {option.detail && <span className="picker-detail">{option.detail}</span>}
          </div>
        ))}
      </div>
      {open && options.length === 0 && status && (
        <p className="picker-status" aria-hidden="true">
          {status}
        </p>
      )}
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
