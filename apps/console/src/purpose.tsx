/**
 * The purpose a staff member declares for what they are about to read, with its reference
 * (a ticket, an incident, a legal request). It is sent with every read of personal data as
 * the operation's @purpose, and lands in the audit log and the customer's access log.
 */
import type { Purpose } from "@privet/client";
import { inWords, purposeLabel } from "@privet/domain/labels";
import { STAFF_PURPOSES } from "@privet/domain/purposes";
import { createContext, type ReactNode, useContext, useState } from "react";

interface Declared {
  readonly purpose: Purpose;
  readonly ref: string;
  declare(purpose: Purpose, ref: string): void;
}

const PurposeContext = createContext<Declared | null>(null);

export function PurposeProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ purpose: Purpose; ref: string }>({
    purpose: "SUPPORT",
    ref: "",
  });
  return (
    <PurposeContext.Provider
      value={{ ...state, declare: (purpose, ref) => setState({ purpose, ref }) }}
    >
      {children}
    </PurposeContext.Provider>
  );
}

/** The declared purpose, or null outside the console's frame (a page rendered on its own). */
export function useDeclaredPurpose(): Declared | null {
  return useContext(PurposeContext);
}

export function usePurpose(): Declared {
  const declared = useContext(PurposeContext);
  if (!declared) throw new Error("usePurpose outside PurposeProvider");
  return declared;
}

/**
 * The bar where the purpose and reference are declared. Edits are a draft until "Declare":
 * every read under a purpose is audited, so typing a reference must not read anything.
 */
export function PurposeBar() {
  const { purpose, ref, declare } = usePurpose();
  const [draft, setDraft] = useState({ purpose, ref });
  const changed = draft.purpose !== purpose || draft.ref !== ref;
  return (
    <form
      className="purpose-bar"
      aria-label="Declared purpose"
      onSubmit={(event) => {
        event.preventDefault();
        declare(draft.purpose, draft.ref.trim());
      }}
    >
      <label>
        Purpose
        <select
          value={draft.purpose}
          onChange={(event) => setDraft({ ...draft, purpose: event.target.value as Purpose })}
        >
          {STAFF_PURPOSES.map((p) => (
            <option key={p} value={p}>
              {inWords(purposeLabel(p))}
            </option>
          ))}
        </select>
      </label>
      <label>
        Reference (ticket, incident, legal request)
        <input
          value={draft.ref}
          maxLength={100}
          onChange={(event) => setDraft({ ...draft, ref: event.target.value })}
        />
      </label>
      <button type="submit" disabled={!changed}>
        Declare
      </button>
      <p className="status" aria-live="polite">
        Reading under <strong>{inWords(purposeLabel(purpose))}</strong>
        {ref ? ` (ref. ${ref})` : " (no reference)"}
      </p>
    </form>
  );
}
