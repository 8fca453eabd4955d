/**
 * Issues a partner API key bound to one processor. The key is `pk_` and 32 random bytes; the
 * response shows it once, the database keeps only its SHA-256 (context/resolve-principal.ts
 * looks keys up by that hash) and its first characters for display.
 */
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { PARTNER_KEY_PREFIX } from "../../context/resolve-principal.js";
import { badInput } from "../../errors/app-error.js";
import { hashToken, randomToken } from "../../http/tokens.js";
import * as validate from "../../validation/validate.js";
import { validateId } from "../../validation/validate-id.js";
import { IssuedPartnerApiKey, toPartnerApiKey } from "./partner-api-key.type.js";

/** `pk_` and 7 characters: enough to tell keys apart, far too few to guess the rest. */
const DISPLAY_PREFIX_LENGTH = 10;

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
  ): Promise<IssuedPartnerApiKey> {
    const processorId = validateId("processorId", processorIdInput);
    const label = validate.text("label", labelInput, { max: 100 });
    const processor = await context.prisma.processor.findUnique({
      where: { id: processorId },
      select: { id: true },
    });
    if (!processor) throw badInput("processorId", "No processor has this id.");

    const key = `${PARTNER_KEY_PREFIX}${randomToken()}`;
    const row = await context.prisma.partnerApiKey.create({
      data: {
        processorId,
        label,
        prefix: key.slice(0, DISPLAY_PREFIX_LENGTH),
        keyHash: hashToken(key),
        createdAt: context.request.now,
      },
    });
    return Object.assign(new IssuedPartnerApiKey(), { key, apiKey: toPartnerApiKey(row) });
  }
}
