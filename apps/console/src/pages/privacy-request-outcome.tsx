/**
 * What fulfilling (or rejecting) a request did, from its recorded outcome (JSON text): for a
 * deletion, what was erased and what was kept and why — the record the law asks us to keep.
 */
import { inWords } from "@privet/domain/labels";

interface Outcome {
  readonly kind?: string;
  readonly reason?: string;
  readonly corrected?: string;
  readonly remarketing?: string;
  readonly export?: { readonly sha256?: string };
  readonly erased?: ReadonlyArray<{ data: string; count: number }>;
  readonly kept?: ReadonlyArray<{ data: string; count: number; why: string }>;
}

function parse(text: string): Outcome | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Outcome) : null;
  } catch {
    return null;
  }
}

export function RequestOutcome({ outcome }: { readonly outcome: string }) {
  const o = parse(outcome);
  if (!o) return <p>{outcome}</p>;
  switch (o.kind) {
    case "REJECTED":
      return <p>Rejected: {o.reason}</p>;
    case "CORRECTION":
      return <p>Corrected: {o.corrected}</p>;
    case "STOP_SHARING":
      return <p>Advertising consent: {inWords(o.remarketing ?? "")}.</p>;
    case "ACCESS":
      return <p>Export stored for the customer (sha256 {o.export?.sha256?.slice(0, 12)}…).</p>;
    case "DELETION":
      return (
        <div className="outcome">
          <p>
            Erased:{" "}
            {(o.erased ?? []).map((e) => `${e.data} (${e.count})`).join(", ") || "nothing held"}.
          </p>
          {(o.kept ?? []).length === 0 ? (
            <p>Nothing kept.</p>
          ) : (
            <ul aria-label="Kept, and why">
              {(o.kept ?? []).map((k) => (
                <li key={k.data}>
                  Kept {k.data} ({k.count}): {k.why}
                </li>
              ))}
            </ul>
          )}
        </div>
      );
    default:
      return <p>{outcome}</p>;
  }
}
