/**
 * The purposes a staff member has declared in this browser tab, one per area (keyed by the
 * area's path). Kept in sessionStorage: a reload keeps them, another tab starts with none,
 * and signing out forgets them. Each area has its own, so a breach incident's reference is
 * never carried into issuing an API key: moving to another area proposes that area's purpose.
 */
import type { Purpose, StaffRole } from "@privet/client";
import { declarablePurposes } from "@privet/domain/principals";

export interface Declaration {
  readonly purpose: Purpose;
  readonly ref: string;
}

export type Declarations = Readonly<Record<string, Declaration>>;

const KEY = "privet.console.declarations";
/** As the API accepts a reference (declared-purpose.ts): at most 100 characters. */
export const MAX_REFERENCE = 100;

function storage(): Storage | null {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  } catch {
    return null; // storage refused (privacy settings): declarations last for the page only
  }
}

/** This tab's declarations that the role may still make (a stale or edited entry is dropped). */
export function loadDeclarations(role: StaffRole): Declarations {
  const text = storage()?.getItem(KEY);
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== "object") return {};
    const allowed = declarablePurposes(role) as readonly string[];
    return Object.fromEntries(
      Object.entries(parsed as Record<string, Partial<Declaration>>).filter(
        ([, d]) =>
          typeof d?.purpose === "string" &&
          allowed.includes(d.purpose) &&
          typeof d.ref === "string" &&
          d.ref.trim() !== "" &&
          d.ref.length <= MAX_REFERENCE,
      ),
    ) as Declarations;
  } catch {
    return {};
  }
}

export function saveDeclarations(declarations: Declarations): void {
  storage()?.setItem(KEY, JSON.stringify(declarations));
}

/** Signing out: the next person at this tab starts with nothing declared. */
export function forgetDeclarations(): void {
  storage()?.removeItem(KEY);
}
