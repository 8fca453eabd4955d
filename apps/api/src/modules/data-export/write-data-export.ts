/**
 * The data export written as JSON text piece by piece: the sections loaded whole, then the
 * access log a page at a time, so the text never exists whole and memory stays bounded by a
 * page however long the history. The text is what JSON.stringify(document, null, 2) gives for
 * the same document (same keys, same order, same indentation).
 */
import type { DataExportHead } from "./collect-data-export.js";
import type { DataExportDocument } from "./data-export.format.js";

type Entry = DataExportDocument["accessLog"][number];

/** `value` as pretty JSON, its lines after the first indented to sit `depth` spaces in. */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replaceAll("\n", `\n${" ".repeat(depth)}`);
}

const member = (key: string, value: unknown) => `  ${JSON.stringify(key)}: ${nested(value, 2)}`;

/**
 * Writes the document through `write`, which may wait (backpressure) before taking more.
 * `accessLog` yields pages of entries, newest first.
 */
export async function writeDataExport(
  head: DataExportHead,
  accessLog: AsyncIterable<readonly Entry[]>,
  write: (text: string) => Promise<void>,
): Promise<void> {
  // The document's key order: the access log between the consent history and the requests.
  const { privacyRequests, supportRequests, ...before } = head;
  await write(
    `{\n${Object.entries(before)
      .map(([key, value]) => member(key, value))
      .join(",\n")},\n  "accessLog": [`,
  );
  let first = true;
  for await (const page of accessLog) {
    if (page.length === 0) continue;
    const items = page.map((entry) => `\n    ${nested(entry, 4)}`).join(",");
    await write(first ? items : `,${items}`);
    first = false;
  }
  await write(
    `${first ? "]" : "\n  ]"},\n${member("privacyRequests", privacyRequests)},\n${member("supportRequests", supportRequests)}\n}`,
  );
}
