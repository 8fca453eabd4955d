/**
 * A staff action with the reason for it: `useMutation` whose calls carry the purpose and
 * reference declared in the purpose bar (as X-Privet-Purpose headers), so the staff action log
 * records why each action was taken, not only what it was. Reads declare theirs in the
 * operation (@purpose); actions have no personal fields to declare it for, so it rides along.
 */
import type { TypedDocumentNode } from "@urql/core";
import { useCallback } from "react";
import { type AnyVariables, type OperationContext, useMutation } from "urql";
import { underPurpose } from "./graphql-client.js";
import { useDeclaredPurpose } from "./purpose.js";

export function useActionMutation<Data, Variables extends AnyVariables>(
  document: TypedDocumentNode<Data, Variables>,
) {
  const declared = useDeclaredPurpose();
  const [state, execute] = useMutation(document);
  const purpose = declared?.purpose;
  const ref = declared?.ref ?? "";
  const run = useCallback(
    (variables: Variables, context?: Partial<OperationContext>) =>
      execute(variables, { ...(purpose ? underPurpose(purpose, ref) : {}), ...context }),
    [execute, purpose, ref],
  );
  return [state, run] as const;
}
