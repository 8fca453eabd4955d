/**
 * Privacy officer: before Fulfil on a DELETION request, what it would erase and keep
 * (preview-erasure.ts). Refused as Fulfil itself would be refused, and for any other kind.
 */
import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { ERASURE_PIECES } from "./erase-customer.js";
import { ErasurePreview } from "./erasure-preview.type.js";
import { stepOf } from "./lifecycle.js";
import { previewErasure } from "./preview-erasure.js";
import { loadPrivacyRequest, refuse } from "./transition.js";

/** The words for each piece's data, and for the one record kept that is not a piece. */
const WORDS = new Map<string, string>([
  ...ERASURE_PIECES.map((piece) => [piece.data, piece.label] as const),
  ["BreachNotice", "Records of breach notices given to them"],
]);
const inWords = (data: string) => WORDS.get(data) ?? data;

@Resolver()
export class ErasurePreviewResolver {
  @Authorized()
  @Query(() => ErasurePreview, {
    description:
      "Privacy officer: what fulfilling this DELETION request would erase and keep now, and why — nothing is changed.",
  })
  async erasurePreview(
    @Arg("id", () => ID, { description: "The deletion request, as fulfilPrivacyRequest takes it." })
    id: string,
    @Ctx() context: Context,
  ): Promise<ErasurePreview> {
    const request = await loadPrivacyRequest(context, id);
    if (request.kind !== "DELETION") {
      throw new AppError("BAD_USER_INPUT", "Only a deletion request erases anything.", {
        field: "id",
        reason: "NOT_DELETION",
      });
    }
    const step = stepOf("fulfil", request);
    if ("refused" in step) throw refuse(step.refused);
    const { erasure, consentsWithdrawn } = await previewErasure(
      context,
      request.customerId,
      context.request.now,
    );
    return Object.assign(new ErasurePreview(), {
      requestId: request.id,
      erased: erasure.erased.map((item) => ({ what: inWords(item.data), count: item.count })),
      kept: erasure.kept.map((item) => ({
        what: inWords(item.data),
        count: item.count,
        reason: item.reason,
        why: item.why,
      })),
      sessionsRevoked: erasure.sessionsRevoked,
      consentsWithdrawn,
      untouched: erasure.untouched,
    });
  }
}
