/**
 * "Download my data": the API's export (everything held about the customer, including the
 * consent history and the whole access log) saved as a JSON file. It comes from
 * GET /my-data-export (proxied like /graphql), which streams the document as it reads the
 * history, page by page, so even a long history never waits on one huge answer. The file's name
 * carries the date, never a name or email; the URL carries nothing about the customer.
 */
import { errorInWords } from "@privet/ui/errors";
import { ErrorNotice } from "@privet/ui/states";
import { useState } from "react";

export const DATA_EXPORT_URL = "/my-data-export";

/** The API's error code, from a JSON error body ({ errors: [{ extensions: { code } }] }). */
async function errorCodeOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    return body.errors?.[0]?.extensions?.code ?? "";
  } catch {
    return "";
  }
}

/** Fetches the export and hands it to the browser as a file; what went wrong, in words, or null. */
async function save(): Promise<string | null> {
  let response: Response;
  try {
    // The header Apollo's CSRF prevention asks of /graphql: the API asks it here too.
    response = await fetch(DATA_EXPORT_URL, {
      credentials: "same-origin",
      headers: { "apollo-require-preflight": "true" },
    });
  } catch {
    return "We could not reach Privet. Check your connection and try again.";
  }
  if (!response.ok) {
    return errorInWords(await errorCodeOf(response), "We could not prepare your data.");
  }
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch {
    // The API cuts the connection if it fails midway: the file would be incomplete.
    return "The download was interrupted. Please try again.";
  }
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `privet-my-data-${new Date().toISOString().slice(0, 10)}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
  return null;
}

export function ExportButton() {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  const download = async () => {
    setBusy(true);
    setFailed(null);
    try {
      setFailed(await save());
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="export">
      <button type="button" onClick={download} disabled={busy} aria-busy={busy}>
        {busy ? "Preparing your data…" : "Download my data (JSON)"}
      </button>
      {failed && <ErrorNotice>{failed}</ErrorNotice>}
    </div>
  );
}
