/**
 * The one confirmation for anything that cannot be undone or reaches many people (an erasure,
 * a campaign, a material policy change, a key issued or revoked): a modal dialog that shows its
 * preview — what will happen, to whom, how many — and acts only on an explicit press of a button
 * that says what it does ("Send to 172 customers"). Where a slip would cost most, the member
 * types a word first ("type erase to confirm").
 *
 * Accessible by hand rather than by <dialog>.showModal(): role="dialog" with aria-modal, the
 * title as its name and the preview as its description; focus moves in on opening (to the
 * word field, else Cancel — never the destructive button) and back to where it was on closing;
 * Tab cycles inside; Escape cancels (not while the action runs). A press beside the dialog does
 * nothing: a stray click should neither act nor throw away a typed confirmation.
 */
import {
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from "react";

export interface ConfirmDialogProps {
  /** The dialog's name: what is being decided ("Erase this customer?"). */
  readonly title: string;
  /** The preview: what will happen, shown before anything does. */
  readonly children: ReactNode;
  /** The button that acts, in words that say what it does. */
  readonly confirmLabel: string;
  /** null: no cancel button (a dialog that only informs); Escape still closes it. */
  readonly cancelLabel?: string | null;
  /** A word the member must type before the button acts (compared ignoring case and spaces). */
  readonly typeToConfirm?: string;
  /** The preview is not ready (still loading, or failed): the button stays disabled. */
  readonly confirmDisabled?: boolean;
  /** The action is running: both buttons wait. */
  readonly busy?: boolean;
  /** Why the action failed, shown inside the dialog. */
  readonly error?: string | null;
  /** Destructive actions are styled as such. */
  readonly danger?: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel = "Cancel",
  typeToConfirm,
  confirmDisabled = false,
  busy = false,
  error = null,
  danger = false,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const id = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const [typed, setTyped] = useState("");
  const wordMatches =
    !typeToConfirm || typed.trim().toLowerCase() === typeToConfirm.trim().toLowerCase();
  const canConfirm = wordMatches && !confirmDisabled && !busy;

  // Focus goes in on opening and back to the opener on closing, before paint, so a keyboard
  // user never lands on the page behind the dialog.
  useLayoutEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const first =
      dialog.current?.querySelector<HTMLElement>("[data-autofocus]") ??
      dialog.current?.querySelector<HTMLElement>("[data-cancel]");
    first?.focus();
    return () => {
      if (opener && document.contains(opener)) opener.focus();
    };
  }, []);

  // The page behind does not scroll while the dialog is open.
  useEffect(() => {
    const { overflow } = document.body.style;
    document.body.style.overflow = "hidden";
    return () => {
      document.body.style.overflow = overflow;
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      if (!busy) onCancel();
      return;
    }
    if (event.key !== "Tab" || !dialog.current) return;
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="dialog-backdrop">
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        className={danger ? "dialog dialog-danger" : "dialog"}
        onKeyDown={onKeyDown}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-body`} className="dialog-body">
          {children}
        </div>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            // Not to a form the dialog is rendered inside of (React events bubble by tree).
            event.stopPropagation();
            if (canConfirm) onConfirm();
          }}
        >
          {typeToConfirm && (
            <div className="field">
              <label htmlFor={`${id}-word`}>
                Type <strong>{typeToConfirm}</strong> to confirm
              </label>
              <input
                id={`${id}-word`}
                data-autofocus
                autoComplete="off"
                spellCheck={false}
                value={typed}
                onChange={(event) => setTyped(event.target.value)}
              />
            </div>
          )}
          {error && (
            <p className="error-notice" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-actions">
            {cancelLabel !== null && (
              <button
                type="button"
                className="secondary"
                data-cancel
                disabled={busy}
                onClick={onCancel}
              >
                {cancelLabel}
              </button>
            )}
            <button
              type="submit"
              className={danger ? "danger" : undefined}
              disabled={!canConfirm}
              aria-busy={busy || undefined}
            >
              {confirmLabel}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
