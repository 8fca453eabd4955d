/**
 * What the tests of the privacy officer's request queue share (modules/privacy-requests/): the
 * queue and its actions as documents, a request submitted by a customer or written as the seed
 * writes one, and the emails a request sends after its acknowledgement of receipt.
 */
import type { PrismaClient } from "@privet/db/client";
import type { TestDatabaseKind } from "@privet/db/testing";
import { privacyRequestDueDate } from "@privet/domain/clocks";
import { expect } from "vitest";
import { RECEIPT_SUBJECT } from "../modules/privacy-requests/receipt-acknowledgement.js";
import { type ApiClient, startTestApi, type TestApi } from "./api.js";
import { signInStaff } from "./fixtures.js";
import { graphql } from "./generated/gql.js";
import type { PrivacyRequestKind } from "./generated/graphql.js";

graphql(`
  fragment QueueItem on PrivacyRequestQueueItem {
    id customerId kind status jurisdiction receivedAt dueAt daysLeft overdue verifiedAt
    extendedAt fulfilledAt outcome
  }
`);

export const QUEUE = graphql(`
  query Queue($status: PrivacyRequestStatus, $kind: PrivacyRequestKind)
  @purpose(name: SUPPORT, ref: "PR-queue") {
    privacyRequestQueue(status: $status, kind: $kind, first: 500) {
      ...QueueItem
      customerName
      customerEmail
    }
  }
`);
export const VERIFY = graphql(`
  mutation QueueVerify($id: ID!) @purpose(name: SUPPORT, ref: "PR-verify") {
    verifyPrivacyRequest(id: $id) { ...QueueItem }
  }
`);
export const START = graphql(`
  mutation QueueStart($id: ID!) {
    startPrivacyRequest(id: $id) { id status }
  }
`);
export const EXTEND = graphql(`
  mutation QueueExtend($id: ID!, $reason: String!) @purpose(name: SUPPORT, ref: "PR-ext") {
    extendPrivacyRequest(id: $id, reason: $reason) { ...QueueItem extensionReason }
  }
`);
export const FULFIL = graphql(`
  mutation QueueFulfil($id: ID!, $note: String) @purpose(name: SUPPORT, ref: "PR-fulfil") {
    fulfilPrivacyRequest(id: $id, note: $note) { ...QueueItem }
  }
`);
export const REJECT = graphql(`
  mutation QueueReject($id: ID!, $reason: String!) @purpose(name: SUPPORT, ref: "PR-reject") {
    rejectPrivacyRequest(id: $id, reason: $reason) { ...QueueItem }
  }
`);
const SUBMIT = graphql(`
  mutation QueueSubmit($input: SubmitPrivacyRequestInput!) {
    submitPrivacyRequest(input: $input) { id receivedAt }
  }
`);

/** The API on `kind` with a privacy officer signed in. */
export async function startQueueApi(
  kind: TestDatabaseKind,
): Promise<{ api: TestApi; officer: ApiClient }> {
  const api = await startTestApi(kind);
  const officer = api.client();
  await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
  return { api, officer };
}

/** A request the signed-in customer files in the portal. */
export async function submitRequest(
  client: ApiClient,
  requestKind: PrivacyRequestKind,
  details = "",
): Promise<{ id: string; receivedAt: string }> {
  const result = await client.gql(SUBMIT, { input: { kind: requestKind, details } });
  expect(result.errors).toEqual([]);
  const submitted = result.data?.submitPrivacyRequest;
  if (!submitted) throw new Error("no request");
  return submitted;
}

/** The customer's request emails after the acknowledgement of receipt, oldest first. */
export function updatesTo(prisma: PrismaClient, customerId: string) {
  return prisma.outboxEmail.findMany({
    where: { customerId, subject: { not: RECEIPT_SUBJECT } },
    orderBy: { createdAt: "asc" },
  });
}

const DAY = 24 * 60 * 60 * 1000;

/** An ACCESS request received `daysAgo` days ago under the GDPR, written as the seed writes it. */
export function receivedDaysAgo(prisma: PrismaClient, customerId: string, daysAgo: number) {
  const receivedAt = new Date(Date.now() - daysAgo * DAY);
  return prisma.privacyRequest.create({
    data: {
      customerId,
      kind: "ACCESS",
      jurisdiction: "GDPR",
      receivedAt,
      dueAt: privacyRequestDueDate("GDPR", receivedAt),
    },
  });
}
