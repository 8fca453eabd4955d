/**
 * Which field names a resolver's selection asks for anywhere below it (through fragments and
 * aliases, at any depth): the list resolver loads a detail in its own statement only when
 * the query selects it. Over-approximates on purpose — a name selected on any type counts.
 */
import type { GraphQLResolveInfo, SelectionSetNode } from "graphql";

export function selectedFieldNames(info: GraphQLResolveInfo): ReadonlySet<string> {
  const names = new Set<string>();
  const seenFragments = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === "Field") {
        names.add(selection.name.value);
        walk(selection.selectionSet);
      } else if (selection.kind === "InlineFragment") {
        walk(selection.selectionSet);
      } else if (!seenFragments.has(selection.name.value)) {
        seenFragments.add(selection.name.value);
        walk(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet);
  return names;
}
