/**
 * An id shown whole, where it matters (a grant to cite, a request to quote to an authority),
 * with a button that copies it: nobody retypes or cuts a UUID by hand. Where no clipboard is
 * available the id is selected instead, ready to copy with the keyboard.
 */
import { useRef, useState } from "react";

export interface CopyableIdProps {
  readonly id: string;
  /** What the id names, for the button's accessible name: "Copy <what>". */
  readonly what?: string;
}

export function CopyableId({ id, what = "id" }: CopyableIdProps) {
  const code = useRef<HTMLElement>(null);
  const [said, setSaid] = useState("");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(id);
      setSaid("Copied");
    } catch {
      const range = document.createRange();
      if (code.current) range.selectNodeContents(code.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      setSaid("Selected: press Ctrl+C to copy");
    }
  };
  return (
    <span className="copyable-id">
      <code ref={code}>{id}</code>
      <button type="button" className="secondary" aria-label={`Copy ${what}`} onClick={copy}>
        Copy
      </button>
      <span role="status" className="hint">
        {said}
      </span>
    </span>
  );
}
