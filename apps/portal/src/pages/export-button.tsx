/** Download all my data as JSON: filled once the API's export exists. */
export function ExportButton() {
  return null;
}
