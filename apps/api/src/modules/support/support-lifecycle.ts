/**
 * What staff may do with a support request in each state (P-19), as one table: the console
 * enables its buttons from it (through `SupportRequest.actions`) and every mutation checks it,
 * so the two cannot disagree.
 *
 *   OPEN ──reply──▶ ANSWERED ──reply──▶ ANSWERED
 *   OPEN, ANSWERED ──close──▶ CLOSED ──reopen──▶ OPEN
 *   assign: while not closed, the state stays.
 */
import { registerEnumType } from "type-graphql";
import { AppError } from "../../errors/app-error.js";
import type { SupportStatus } from "./support-status.enum.js";

export const SupportActionValues = {
  REPLY: "REPLY",
  ASSIGN: "ASSIGN",
  CLOSE: "CLOSE",
  REOPEN: "REOPEN",
} as const;
export type SupportAction = keyof typeof SupportActionValues;

registerEnumType(SupportActionValues, {
  name: "SupportAction",
  description: "What staff may do with a support request in its current state.",
});

interface Rule {
  /** The states the action starts from. */
  readonly from: readonly SupportStatus[];
  /** The state it leads to; null: the state stays. */
  readonly to: SupportStatus | null;
  /** Why it is refused in any other state, in words. */
  readonly refused: string;
}

export const SUPPORT_LIFECYCLE: Readonly<Record<SupportAction, Rule>> = {
  REPLY: {
    from: ["OPEN", "ANSWERED"],
    to: "ANSWERED",
    refused: "This request is closed: reopen it before replying.",
  },
  ASSIGN: {
    from: ["OPEN", "ANSWERED"],
    to: null,
    refused: "This request is closed: reopen it before assigning it.",
  },
  CLOSE: { from: ["OPEN", "ANSWERED"], to: "CLOSED", refused: "This request is already closed." },
  REOPEN: { from: ["CLOSED"], to: "OPEN", refused: "This request is not closed." },
};

export function allowedSupportActions(status: SupportStatus): SupportAction[] {
  return (Object.keys(SUPPORT_LIFECYCLE) as SupportAction[]).filter((action) =>
    SUPPORT_LIFECYCLE[action].from.includes(status),
  );
}

/** The refusal of `action` on a request in `status`: a typed error naming the state. */
export function refusedSupportAction(action: SupportAction, status: SupportStatus): AppError {
  return new AppError("BAD_USER_INPUT", SUPPORT_LIFECYCLE[action].refused, {
    field: "id",
    reason: "NOT_ALLOWED_IN_STATE",
    status,
  });
}
