/**
 * What the marketing tests share (modules/marketing/*.test.ts): sending a campaign, running
 * the outbox, a customer's marketing consent as the ledger's projection holds it, and the
 * unsubscribe link in an email.
 */
import { expect } from "vitest";
import type { ApiClient, TestApi } from "./api.js";
import { graphql } from "./generated/gql.js";

export const SEND = graphql(`
  mutation Send($input: SendCampaignInput!) {
    sendCampaign(input: $input) {
      emailsQueued
      campaign { id name subject text recipients sentAt }
    }
  }
`);

export const DELIVER = graphql(`
  mutation DeliverCampaigns {
    deliverOutbox { configured attempted sent retrying failed }
  }
`);

export async function sendCampaign(staff: ApiClient, subject: string, text = "Our spring offers.") {
  const result = await staff.gql(SEND, { input: { subject, text } });
  expect(result.errors).toEqual([]);
  const sent = result.data?.sendCampaign;
  if (!sent) throw new Error("no campaign sent");
  return sent;
}

export async function marketingOf(api: TestApi, customerId: string) {
  return api.db.prisma.consentCurrent.findUnique({
    where: {
      subjectKind_subjectId_purpose: {
        subjectKind: "CUSTOMER",
        subjectId: customerId,
        purpose: "MARKETING",
      },
    },
    select: { state: true, source: true },
  });
}

export function linkIn(text: string): string {
  const match = /(https?:\/\/\S+\/unsubscribe\?token=[A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error("no unsubscribe link in the email");
  return match[1];
}
