/**
 * A credential shown once (a partner's API key, a webhook's signing secret): the value, a copy
 * button that takes focus, and whether copying worked, in words. Privet keeps only a hash or a
 * sealed copy, so this is the one moment staff can pass it on.
 */
import { useState } from "react";

export function OneTimeValue({
  value,
  what,
  testId,
}: {
  readonly value: string;
  /** "key" or "secret": the button's and the messages' word for it. */
  readonly what: string;
  readonly testId: string;
}) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <>
      <pre data-testid={testId}>{value}</pre>
      <button
        type="button"
        className="secondary"
        data-autofocus
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(value);
            setCopied(true);
          } catch {
            setCopied(false);
          }
        }}
      >
        Copy {what}
      </button>{" "}
      <span role="status" aria-live="polite">
        {copied === true && "Copied."}
        {copied === false && `Could not copy: select the ${what} above and copy it by hand.`}
      </span>
    </>
  );
}
