import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { validateId } from "../../validation/validate-id.js";
import { enqueueWebhookEvents } from "../webhooks/public.js";
import { PartnerApiKey, toPartnerApiKey } from "./partner-api-key.type.js";

@Resolver()
export class RevokePartnerApiKeyResolver {
  @Authorized()
  @Mutation(() => PartnerApiKey, {
    description:
      "Administrator or privacy officer: revokes a partner key; from the next request it authenticates no one.",
  })
  async revokePartnerApiKey(
    @Arg("id", () => ID) idInput: string,
    @Ctx() context: Context,
  ): Promise<PartnerApiKey> {
    const id = validateId("id", idInput);
    // Only a live key is stamped, so a second revocation keeps the first time.
    // Only a first revocation tells the processor (api_key.revoked), in the same transaction.
    await context.prisma.$transaction(async (tx) => {
      const { count } = await tx.partnerApiKey.updateMany({
        where: { id, revokedAt: null },
        data: { revokedAt: context.request.now },
      });
      const key = count > 0 ? await tx.partnerApiKey.findUnique({ where: { id } }) : null;
      if (key) {
        await enqueueWebhookEvents(tx, [
          {
            type: "api_key.revoked",
            processorId: key.processorId,
            apiKeyId: key.id,
            keyPrefix: key.prefix,
            occurredAt: context.request.now,
          },
        ]);
      }
    });
    const row = await context.prisma.partnerApiKey.findUnique({ where: { id } });
    if (!row) throw new AppError("NOT_FOUND");
    return toPartnerApiKey(row);
  }
}
