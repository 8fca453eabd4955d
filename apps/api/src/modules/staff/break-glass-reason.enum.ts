/**
 * Why a break-glass grant was given (P-12). Registered here because only break-glass uses it;
 * it belongs with the other vocabularies in vocabulary/enums.ts if another module needs it.
 */
import { BREAK_GLASS_REASONS } from "@privet/domain/principals";
import { registerEnumType } from "type-graphql";

export const BreakGlassReasonValues = Object.fromEntries(
  BREAK_GLASS_REASONS.map((reason) => [reason, reason]),
) as { [K in (typeof BREAK_GLASS_REASONS)[number]]: K };

registerEnumType(BreakGlassReasonValues, {
  name: "BreakGlassReason",
  description:
    "MALFUNCTION opens MALFUNCTION_INVESTIGATION (cite an incident); LEGAL_REQUEST opens LEGAL_OBLIGATION (cite a recorded legal request).",
});
