/**
 * "Download for Fides": the data map — every category, the purposes that use it and the
 * processors in force that receive it — as the fideslang YAML file Fides imports
 * (dataMapFidesExport). On the processors page, whose roles may ask for it.
 */
import { DataMapFidesExportDocument } from "@privet/client";
import { formErrorOf } from "@privet/ui/errors";
import { useState } from "react";
import { useClient } from "urql";

export function FidesDownload() {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setProblem(null);
    const result = await client
      .query(DataMapFidesExportDocument, {}, { requestPolicy: "network-only" })
      .toPromise();
    setBusy(false);
    if (!result.data) {
      setProblem(formErrorOf(result.error)?.message ?? "The download failed. Please try again.");
      return;
    }
    const { content, fileName } = result.data.dataMapFidesExport;
    const url = URL.createObjectURL(new Blob([content], { type: "application/yaml" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  };
  return (
    <section aria-labelledby="fides-title">
      <h2 id="fides-title">Data map for Fides</h2>
      <p>
        The data map in fideslang's published keys: one privacy declaration per purpose, with its
        data categories, whose data it is, its legal basis and the processors that receive it under
        an agreement in force. Import the file into Fides with <code>fides push</code>.
      </p>
      <button type="button" onClick={download} disabled={busy}>
        Download for Fides
      </button>
      {problem && <p role="alert">{problem}</p>}
    </section>
  );
}
