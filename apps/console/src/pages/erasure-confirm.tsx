/**
 * Fulfil on a deletion request, confirmed: the API's preview of what the erasure would remove
 * and keep (the erasure itself, rehearsed and rolled back, so the list is what will happen),
 * then the word "erase" typed before anything is erased.
 */
import { ErasurePreviewDocument, type Purpose } from "@privet/client";
import { inWords, purposeLabel } from "@privet/domain/labels";
import { ConfirmDialog } from "@privet/ui/confirm";
import { formErrorOf } from "@privet/ui/errors";
import { ErrorNotice, Loading } from "@privet/ui/states";
import { useQuery } from "urql";

export const ERASE_WORD = "erase";

export function ErasureConfirm({
  requestId,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  readonly requestId: string;
  readonly busy: boolean;
  readonly error: string | null;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  // Always asked afresh: what the erasure would touch changes as the customer acts.
  const [{ data, fetching, error: previewError }] = useQuery({
    query: ErasurePreviewDocument,
    variables: { id: requestId },
    requestPolicy: "network-only",
  });
  const preview = data?.erasurePreview;
  return (
    <ConfirmDialog
      title="Erase this customer's data?"
      confirmLabel="Erase and fulfil"
      typeToConfirm={ERASE_WORD}
      confirmDisabled={!preview}
      busy={busy}
      error={error}
      danger
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      {fetching && !preview && <Loading what="what the erasure would do" />}
      {previewError && (
        <ErrorNotice>
          {formErrorOf(previewError)?.message ?? "Could not load the preview."}
        </ErrorNotice>
      )}
      {preview && (
        <>
          <p>This cannot be undone. Fulfilling this deletion request will:</p>
          <h3>Erase</h3>
          {preview.erased.length === 0 ? (
            <p>Nothing: no data of theirs is left to erase.</p>
          ) : (
            <ul data-testid="erasure-erased">
              {preview.erased.map((item) => (
                <li key={item.what}>
                  {item.what}
                  {item.count > 1 && ` (${item.count} records)`}
                </li>
              ))}
            </ul>
          )}
          <p>
            {preview.sessionsRevoked > 0 &&
              `End ${preview.sessionsRevoked} signed-in session${preview.sessionsRevoked === 1 ? "" : "s"}; `}
            the customer can never sign in again.
            {preview.consentsWithdrawn.length > 0 &&
              ` Consents withdrawn: ${preview.consentsWithdrawn
                .map((purpose) => inWords(purposeLabel(purpose as Purpose)))
                .join(", ")}.`}
          </p>
          <h3>Keep</h3>
          {preview.kept.length === 0 ? (
            <p>Nothing is held back.</p>
          ) : (
            <ul data-testid="erasure-kept">
              {preview.kept.map((item) => (
                <li key={item.what}>
                  <strong>
                    {item.what}
                    {item.count > 1 && ` (${item.count} records)`}
                  </strong>
                  : {item.why}
                </li>
              ))}
            </ul>
          )}
          <p>
            The consent history and the audit log stay as they are: they hold only the customer's
            id, which no longer leads to a person.
          </p>
        </>
      )}
    </ConfirmDialog>
  );
}
