/**
 * The processor registry for the console (P-10): every processor with its agreements and
 * keys, flagged when no agreement is in force or the one in force ends within 30 days. Two
 * statements whatever the number of processors.
 */
import { Authorized, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { toPartnerApiKey, toProcessorAgreement } from "../partners/public.js";
import { ProcessorEntry } from "./processor-entry.type.js";

export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

/** When an agreement stops: terminated early, or at the end of its term. */
function endOf(agreement: { validUntil: Date; terminatedAt: Date | null }): Date {
  return agreement.terminatedAt && agreement.terminatedAt < agreement.validUntil
    ? agreement.terminatedAt
    : agreement.validUntil;
}

@Resolver()
export class ProcessorsResolver {
  @Authorized()
  @Query(() => [ProcessorEntry], {
    description:
      "Administrator or privacy officer: the processor registry with agreements (signed, valid from, until), API keys, and an expiry flag (P-10).",
  })
  async processors(@Ctx() context: Context): Promise<ProcessorEntry[]> {
    const now = context.request.now;
    const [processors, keys] = await Promise.all([
      context.prisma.processor.findMany({
        orderBy: { name: "asc" },
        include: { agreements: { orderBy: { validUntil: "desc" } } },
      }),
      context.prisma.partnerApiKey.findMany({ orderBy: { createdAt: "desc" } }),
    ]);
    return processors.map((processor) => {
      const inForce = processor.agreements
        .filter((a) => a.validFrom <= now && now < endOf(a))
        .sort((a, b) => endOf(b).getTime() - endOf(a).getTime())[0];
      const daysUntilExpiry = inForce
        ? Math.ceil((endOf(inForce).getTime() - now.getTime()) / DAY_MS)
        : null;
      return Object.assign(new ProcessorEntry(), {
        id: processor.id,
        name: processor.name,
        kind: processor.kind,
        region: processor.region,
        country: processor.country,
        description: processor.description,
        agreements: processor.agreements.map(toProcessorAgreement),
        apiKeys: keys.filter((key) => key.processorId === processor.id).map(toPartnerApiKey),
        agreementInForce: inForce !== undefined,
        daysUntilExpiry,
        expiringSoon: daysUntilExpiry !== null && daysUntilExpiry <= EXPIRY_WARNING_DAYS,
      });
    });
  }
}
