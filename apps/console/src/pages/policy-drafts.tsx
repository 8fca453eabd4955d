/** The saved policy drafts (P-18), most recently saved first, each with when it was last saved. */
import type { PolicyDraftsQuery } from "@privet/client";
import { formatDateTime } from "@privet/ui/format";
import { Empty } from "@privet/ui/states";

type DraftSummary = PolicyDraftsQuery["policyDrafts"][number];

interface PolicyDraftListProps {
  readonly drafts: readonly DraftSummary[];
  /** The draft open in the form, if any. */
  readonly openId: string | null;
  readonly onOpen: (id: string) => void;
}

export function PolicyDraftList({ drafts, openId, onOpen }: PolicyDraftListProps) {
  return (
    <section aria-labelledby="policy-drafts-heading">
      <h2 id="policy-drafts-heading">Drafts</h2>
      {drafts.length === 0 ? (
        <Empty>No drafts saved.</Empty>
      ) : (
        <ul data-testid="policy-drafts">
          {drafts.map((draft) => (
            <li key={draft.id}>
              {/* Described by its own line, so each "Open" button says which draft it opens. */}
              <span id={`policy-draft-${draft.id}`}>
                {draft.title || "Untitled"} —{" "}
                {draft.version ? `version ${draft.version}` : "no version label yet"} — saved{" "}
                {formatDateTime(draft.updatedAt)}
              </span>{" "}
              {draft.id === openId ? (
                <span className="status">(open below)</span>
              ) : (
                <button
                  type="button"
                  className="link-button"
                  aria-describedby={`policy-draft-${draft.id}`}
                  onClick={() => onOpen(draft.id)}
                >
                  Open
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
