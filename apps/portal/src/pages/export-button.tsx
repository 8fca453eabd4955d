/**
 * "Download my data": the API's export (everything held about the customer, including the
 * consent history and the access log) saved as a JSON file. The file is built in the browser
 * from the response; its name carries the date, never a name or email.
 */
import { MyDataExportDocument } from "@privet/client";
import { formErrorOf } from "@privet/ui/errors";
import { ErrorNotice } from "@privet/ui/states";
import { useState } from "react";
import { useClient } from "urql";

export function ExportButton() {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  const download = async () => {
    setBusy(true);
    setFailed(null);
    const result = await client
      .query(MyDataExportDocument, {}, { requestPolicy: "network-only" })
      .toPromise();
    setBusy(false);
    if (!result.data) {
      setFailed(formErrorOf(result.error)?.message ?? "We could not prepare your data.");
      return;
    }
    const blob = new Blob([result.data.myDataExport], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = `privet-my-data-${new Date().toISOString().slice(0, 10)}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  };

  return (
    <div className="export">
      <button type="button" onClick={download} disabled={busy}>
        {busy ? "Preparing your data…" : "Download my data (JSON)"}
      </button>
      {failed && <ErrorNotice>{failed}</ErrorNotice>}
    </div>
  );
}
