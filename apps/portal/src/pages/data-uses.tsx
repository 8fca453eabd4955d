/** What a group of categories is used for and who receives it: filled from the data map. */
export function DataUses(_props: { categories: readonly string[] }) {
  return null;
}
