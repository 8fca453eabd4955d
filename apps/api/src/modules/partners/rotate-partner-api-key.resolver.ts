/**
 * Rotates a partner key: a new key with the same processor, label, scope and expiry, shown
 * once, while the old one keeps working for the overlap (so the partner can deploy the new
 * key without an outage) and is then refused with API_KEY_EXPIRED. The old key's expiry is
 * brought forward to the end of the overlap and it records which key replaced it, in one
 * transaction with the new key's creation, so a key is rotated once.
 */
import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError, badInput } from "../../errors/app-error.js";
import { newPartnerKey } from "../../http/partner-key-format.js";
import { hashToken } from "../../http/tokens.js";
import { validateId } from "../../validation/validate-id.js";
import { DISPLAY_PREFIX_LENGTH } from "./issue-partner-api-key.resolver.js";
import { IssuedPartnerApiKey, toPartnerApiKey } from "./partner-api-key.type.js";

/** A month: long enough for a partner's slowest deploy, short enough not to forget. */
export const MAX_OVERLAP_HOURS = 720;
const HOUR_MS = 60 * 60 * 1000;

@Resolver()
export class RotatePartnerApiKeyResolver {
  @Authorized()
  @Mutation(() => IssuedPartnerApiKey, {
    description:
      "Administrator or privacy officer: a new key replacing this one, shown once; the old key keeps working for overlapHours (0 to 720), then is refused.",
  })
  async rotatePartnerApiKey(
    @Arg("keyId", () => ID) keyIdInput: string,
    @Arg("overlapHours", () => Int) overlapHours: number,
    @Ctx() context: Context,
  ): Promise<IssuedPartnerApiKey> {
    const keyId = validateId("keyId", keyIdInput);
    if (!Number.isInteger(overlapHours) || overlapHours < 0 || overlapHours > MAX_OVERLAP_HOURS) {
      throw badInput("overlapHours", "The overlap must be a whole number of hours from 0 to 720.");
    }
    const { now } = context.request;
    const overlapEnds = new Date(now.getTime() + overlapHours * HOUR_MS);
    const key = newPartnerKey();
    const row = await context.prisma.$transaction(async (tx) => {
      const old = await tx.partnerApiKey.findUnique({ where: { id: keyId } });
      if (!old) throw new AppError("NOT_FOUND", "There is no such key.");
      if (old.revokedAt) throw badInput("keyId", "This key is revoked: issue a new key instead.");
      if (old.replacedById) throw badInput("keyId", "This key was already rotated.");
      if (old.expiresAt && old.expiresAt <= now) {
        throw badInput("keyId", "This key has expired: issue a new key instead.");
      }
      const created = await tx.partnerApiKey.create({
        data: {
          processorId: old.processorId,
          label: old.label,
          prefix: key.slice(0, DISPLAY_PREFIX_LENGTH),
          keyHash: hashToken(key),
          createdAt: now,
          expiresAt: old.expiresAt,
          purposes: old.purposes,
        },
      });
      // Conditional, so two concurrent rotations cannot both replace the same key.
      const { count } = await tx.partnerApiKey.updateMany({
        where: { id: old.id, replacedById: null, revokedAt: null },
        data: {
          replacedById: created.id,
          expiresAt: old.expiresAt && old.expiresAt < overlapEnds ? old.expiresAt : overlapEnds,
        },
      });
      if (count !== 1) throw badInput("keyId", "This key was already rotated.");
      return created;
    });
    return Object.assign(new IssuedPartnerApiKey(), { key, apiKey: toPartnerApiKey(row) });
  }
}
