/**
 * Issues a partner API key bound to one processor. The key is in the scanner-recognisable
 * format of http/partner-key-format.ts; the response shows it once, the database keeps only
 * its SHA-256 (context/resolve-principal.ts looks keys up by that hash) and its first
 * characters for display. Optionally it expires, and is scoped to some of the agreement's
 * purposes (partner-key-terms.ts).
 */
import type { Purpose } from "@privet/domain/purposes";
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { badInput } from "../../errors/app-error.js";
import { newPartnerKey } from "../../http/partner-key-format.js";
import { hashToken } from "../../http/tokens.js";
import * as validate from "../../validation/validate.js";
import { validateId } from "../../validation/validate-id.js";
import { PurposeValues } from "../../vocabulary/enums.js";
import { IssuedPartnerApiKey, toPartnerApiKey } from "./partner-api-key.type.js";
import { checkedExpiry, checkedScope } from "./partner-key-terms.js";

/** `privet_pk_` and 7 characters: enough to tell keys apart, far too few to guess the rest. */
export const DISPLAY_PREFIX_LENGTH = 17;

@Resolver()
export class IssuePartnerApiKeyResolver {
  @Authorized()
  @Mutation(() => IssuedPartnerApiKey, {
    description: "Administrator or privacy officer: a new API key for a processor, shown once.",
  })
  async issuePartnerApiKey(
    @Arg("processorId", () => ID) processorIdInput: string,
    @Arg("label", () => String) labelInput: string,
    @Ctx() context: Context,
    @Arg("expiresAt", () => Date, {
      nullable: true,
      description: "From this time the key is refused with API_KEY_EXPIRED; omit for no expiry.",
    })
    expiresAtInput?: Date | null,
    @Arg("purposes", () => [PurposeValues], {
      nullable: true,
      description:
        "The purposes the key may read under, among the agreement's; omit for all of them.",
    })
    purposesInput?: Purpose[] | null,
  ): Promise<IssuedPartnerApiKey> {
    const { prisma, request } = context;
    const processorId = validateId("processorId", processorIdInput);
    const label = validate.text("label", labelInput, { max: 100 });
    const expiresAt = checkedExpiry(expiresAtInput, request.now);
    const processor = await prisma.processor.findUnique({
      where: { id: processorId },
      select: { id: true },
    });
    if (!processor) throw badInput("processorId", "No processor has this id.");
    const purposes = await checkedScope(prisma, processorId, purposesInput, request.now);

    const key = newPartnerKey();
    const row = await prisma.partnerApiKey.create({
      data: {
        processorId,
        label,
        prefix: key.slice(0, DISPLAY_PREFIX_LENGTH),
        keyHash: hashToken(key),
        createdAt: request.now,
        expiresAt,
        purposes,
      },
    });
    return Object.assign(new IssuedPartnerApiKey(), { key, apiKey: toPartnerApiKey(row) });
  }
}
