/**
 * The purpose a staff member declares for what they are about to read, with its reference
 * (a ticket, an incident, a privacy request). Reads of personal data go out under it as the
 * operation's @purpose; actions carry it too (action-mutation.ts), so the staff action log says
 * why. Nothing is declared until the member declares; each area has its own declaration
 * (declarations.ts), proposed from the area's natural purpose, and the bar offers only what the
 * member's role may declare — the table decide() enforces.
 *
 * Declaring never re-reads what is open: a page reads under the declaration in force when it
 * opened (`usePurpose`); what the member opens next — a search, a request — reads under the
 * newest one (`useLatestDeclaration`).
 */
import type { Purpose, StaffRole } from "@privet/client";
import { inWords, purposeLabel } from "@privet/domain/labels";
import { type Operation, staffRolesFor } from "@privet/domain/permissions";
import { declarablePurposes } from "@privet/domain/principals";
import { Link } from "@privet/ui/router";
import { createContext, type ReactNode, useContext, useState } from "react";
import {
  type Declaration,
  type Declarations,
  loadDeclarations,
  MAX_REFERENCE,
  saveDeclarations,
} from "./declarations.js";

export type { Declaration } from "./declarations.js";

interface PurposeState {
  /** The signed-in member's role. */
  readonly role: StaffRole;
  /** What the member's role may declare, in the domain's order. */
  readonly offered: readonly Purpose[];
  /** The purpose the bar proposes here (the area's, if the role may declare it). */
  readonly proposed: Purpose | null;
  /** Where the member is: the area (its path) whose declaration is in force. */
  readonly scope: string;
  /** The declaration in force here now, or null. */
  readonly declared: Declaration | null;
  /**
   * With nothing declared here: the newest declaration made elsewhere for this area's purpose
   * (from the support queue to the customer it names), proposed — never applied — so the
   * member confirms the reference still fits.
   */
  readonly carried: Declaration | null;
  /** Declares here, or in another area (`scope`, its path) the member is about to open. */
  declare(declaration: Declaration, scope?: string): void;
}

const PurposeContext = createContext<PurposeState | null>(null);

export function PurposeProvider({
  staffRole: role,
  scope,
  natural,
  children,
}: {
  /** The signed-in member's role: what they may declare. */
  readonly staffRole: StaffRole;
  /** The area's path ("/" on the home page). */
  readonly scope: string;
  /** The area's natural purpose, which the bar proposes. */
  readonly natural?: Purpose;
  readonly children: ReactNode;
}) {
  const [declarations, setDeclarations] = useState<Declarations>(() => loadDeclarations(role));
  const offered = declarablePurposes(role) as readonly Purpose[];
  // Only the area's own purpose is proposed: guessing another would be the trap this avoids.
  const proposed = natural && offered.includes(natural) ? natural : null;
  const declare = (declaration: Declaration, where = scope) => {
    // Re-inserted last: the newest declaration is the last key.
    const { [where]: _replaced, ...others } = declarations;
    const next = { ...others, [where]: declaration };
    saveDeclarations(next);
    setDeclarations(next);
  };
  const declared = declarations[scope] ?? null;
  const carried =
    Object.values(declarations)
      .filter((d) => d.purpose === proposed)
      .at(-1) ?? null;
  return (
    <PurposeContext.Provider value={{ role, offered, proposed, scope, declared, carried, declare }}>
      {children}
    </PurposeContext.Provider>
  );
}

/** The declaration in force now (null when none, or outside the console's frame). */
export function useLatestDeclaration(): Declaration | null {
  return useContext(PurposeContext)?.declared ?? null;
}

/**
 * Declares for an area the member is about to open by a deliberate step (a ticket's "Open the
 * customer" declares support with the ticket as reference for the customers area).
 */
export function useDeclareFor(): (scope: string, declaration: Declaration) => void {
  const state = useContext(PurposeContext);
  return (scope, declaration) => state?.declare(declaration, scope);
}

/**
 * Whether the member's role may run an operation (the permission table the API enforces):
 * buttons for what the role may not do are not shown, rather than shown and refused.
 */
export function useMayRun(operation: Operation): boolean {
  const role = useContext(PurposeContext)?.role;
  return role !== undefined && (staffRolesFor(operation)?.includes(role) ?? false);
}

/** Alias kept for actions: an action carries the declaration in force when it is taken. */
export const useDeclaredPurpose = useLatestDeclaration;

/** The declaration this open page reads under (fixed when it opened). */
const ReadContext = createContext<Declaration | null>(null);

export function usePurpose(): Declaration {
  const declared = useContext(ReadContext);
  if (!declared) throw new Error("usePurpose outside a page that needs a declared purpose");
  return declared;
}

export const sayDeclaration = ({ purpose, ref }: Declaration) =>
  `${inWords(purposeLabel(purpose))} (ref. ${ref})`;

/**
 * A page that reads personal data. With nothing declared it says so and reads nothing; once
 * declared, it reads under that declaration and keeps what it shows when the member declares
 * another — until they ask to read it again under the new one.
 */
export function NeedsPurpose({ children }: { readonly children: ReactNode }) {
  const state = useContext(PurposeContext);
  const latest = state?.declared ?? null;
  const [opened, setOpened] = useState<{ under: Declaration; times: number } | null>(null);
  if (!latest) {
    return (
      <section className="needs-purpose" aria-label="No purpose declared">
        <h1>Declare a purpose first</h1>
        {state && state.offered.length > 0 ? (
          <p>
            This page shows personal data. Say why you need it in the purpose bar above, with the
            ticket, incident or request you are working on; nothing is read until you do, and every
            read is recorded in the customer's access log.
          </p>
        ) : (
          <p>
            This page shows personal data, and your role may not declare a purpose to read it, so
            nothing is read. Who accessed a customer's data, and why, is in the{" "}
            <Link href="/audit">audit log</Link>: choose “Only this customer” on one of their
            entries.
          </p>
        )}
      </section>
    );
  }
  // The first declaration opens the page; later ones wait until the member asks.
  const under = opened?.under ?? latest;
  if (!opened) setOpened({ under: latest, times: 0 });
  const stale = under.purpose !== latest.purpose || under.ref !== latest.ref;
  return (
    <ReadContext.Provider value={under}>
      {stale && (
        <p className="read-under" role="status">
          Shown as read under {sayDeclaration(under)}. What you open next is read under{" "}
          {sayDeclaration(latest)}.{" "}
          <button
            type="button"
            className="link-button"
            onClick={() => setOpened({ under: latest, times: (opened?.times ?? 0) + 1 })}
          >
            Read this page again under {sayDeclaration(latest)}
          </button>
        </p>
      )}
      <PageRead key={opened?.times ?? 0}>{children}</PageRead>
    </ReadContext.Provider>
  );
}

/** Remounted (by key) to read the page again under a newer declaration. */
function PageRead({ children }: { readonly children: ReactNode }) {
  return <>{children}</>;
}

/**
 * The bar where the purpose and reference are declared, on every page. Edits are a draft until
 * "Declare": typing must not read anything. A reference is required: it is what ties a read
 * to the work it was for.
 */
export function PurposeBar() {
  const state = useContext(PurposeContext);
  if (!state) return null;
  if (state.offered.length === 0) {
    return (
      <section className="purpose-bar" aria-label="Declared purpose">
        <p className="status">Your role reads no personal data: there is no purpose to declare.</p>
      </section>
    );
  }
  return <PurposeForm key={state.scope} state={state} />;
}

function PurposeForm({ state }: { readonly state: PurposeState }) {
  const { offered, proposed, declared, carried, declare } = state;
  const [draft, setDraft] = useState<{ purpose: Purpose | ""; ref: string }>({
    purpose: declared?.purpose ?? proposed ?? "",
    ref: declared?.ref ?? carried?.ref ?? "",
  });
  const [missing, setMissing] = useState<string | null>(null);
  const changed = !declared || draft.purpose !== declared.purpose || draft.ref !== declared.ref;
  return (
    <form
      className="purpose-bar"
      aria-label="Declared purpose"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const ref = draft.ref.trim();
        if (!draft.purpose) return setMissing("Choose the purpose you are working for.");
        if (ref === "") {
          return setMissing(
            "Give the reference of what you are working on: a ticket, an incident or a request.",
          );
        }
        setMissing(null);
        declare({ purpose: draft.purpose, ref });
      }}
    >
      <label>
        Purpose
        <select
          value={draft.purpose}
          onChange={(event) => setDraft({ ...draft, purpose: event.target.value as Purpose })}
        >
          {draft.purpose === "" && <option value="">Choose a purpose</option>}
          {offered.map((p) => (
            <option key={p} value={p}>
              {purposeLabel(p)}
              {p === proposed ? " (this area's purpose)" : ""}
            </option>
          ))}
        </select>
      </label>
      <label>
        Reference (ticket, incident, legal request)
        <input
          value={draft.ref}
          maxLength={MAX_REFERENCE}
          required
          aria-invalid={missing ? true : undefined}
          aria-describedby={missing ? "purpose-missing" : undefined}
          onChange={(event) => setDraft({ ...draft, ref: event.target.value })}
        />
      </label>
      {missing && (
        <p className="field-error" id="purpose-missing" role="alert">
          {missing}
        </p>
      )}
      <button type="submit" disabled={!changed}>
        Declare
      </button>
      <p className="status" aria-live="polite">
        {declared ? (
          <>
            Reading under <strong>{purposeLabel(declared.purpose)}</strong> (ref. {declared.ref})
          </>
        ) : (
          <>
            Nothing declared here: nothing personal is read until you declare why.
            {carried &&
              " The reference is the one you last declared this purpose with: check it fits."}
          </>
        )}
      </p>
    </form>
  );
}
