/**
 * The partner's side of the partner tests, through @privet/partner-client — the typed client a
 * partner's engineer uses — so the tests exercise what the guide (docs/partners.md) documents.
 */
import { createPartnerClient, type PartnerClient } from "@privet/partner-client";
import type { TestApi } from "./api.js";

export function partnerSdk(api: TestApi, apiKey: string, purpose?: string): PartnerClient {
  return createPartnerClient({
    url: api.url,
    apiKey,
    ...(purpose ? { purpose, purposeRef: "SYNC-1" } : {}),
  });
}
