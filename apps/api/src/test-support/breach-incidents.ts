/**
 * What the breach tests (modules/breaches/*.test.ts) share: the documents, customers written in
 * bulk as the seed writes them, and an incident recorded by a security officer.
 */
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@privet/db/client";
import { expect } from "vitest";
import { NOTICE_SECTIONS } from "../modules/breaches/breach-notice-text.js";
import type { ApiClient } from "./api.js";
import { graphql } from "./generated/gql.js";
import type { RecordBreachIncidentInput } from "./generated/graphql.js";

export const RECORD_INCIDENT = graphql(`
  mutation BreachRecordIncident($input: RecordBreachIncidentInput!) {
    recordBreachIncident(input: $input) {
      id status categories affectedCustomers californiaResidents attorneyGeneralNoticeRequired
      individualNoticeDue attorneyGeneralNoticeDue draftNotices approvedNotices sentNotices
    }
  }
`);

/** An incident's notices under a declared purpose (BREACH_RESPONSE may read the recipients). */
export const NOTICES = graphql(`
  query BreachNotices($id: ID!, $first: Int!, $purpose: Purpose!)
  @purpose(name: $purpose, ref: "INC-1") {
    breachIncident(id: $id) {
      id affectedCustomers californiaResidents attorneyGeneralNoticeRequired status
      notices(first: $first) {
        id customerId recipientEmail status emailId emailStatus headings text
        whatHappened whatInformationWasInvolved whatWeAreDoing whatYouCanDo forMoreInformation
      }
    }
  }
`);

export const NOTICE_IDS = graphql(`
  query BreachNoticeIds($id: ID!, $first: Int!) {
    breachIncident(id: $id) { notices(first: $first) { id customerId status emailId text } }
  }
`);

export const APPROVE = graphql(`
  mutation BreachApproveNotices($id: ID!, $noticeIds: [ID!]) {
    approveBreachNotices(incidentId: $id, noticeIds: $noticeIds) {
      draftNotices approvedNotices sentNotices
    }
  }
`);

export const SEND = graphql(`
  mutation BreachSendNotices($id: ID!) {
    sendBreachNotices(incidentId: $id) {
      queued unreachable incident { status approvedNotices sentNotices }
    }
  }
`);

export const at = (iso: string) => new Date(`${iso}T00:00:00Z`);

const HEADINGS = NOTICE_SECTIONS.map((section) => section.heading);

/** Every heading once, in the California order. */
export function expectFiveHeadingsInOrder(text: string): void {
  const positions = HEADINGS.map((heading) => text.indexOf(`\n${heading}\n`));
  for (const [i, heading] of HEADINGS.entries()) {
    expect(positions[i], heading).toBeGreaterThan(-1);
    expect(text.indexOf(`\n${heading}\n`, (positions[i] ?? 0) + 1), heading).toBe(-1);
  }
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
}

/**
 * Every test draws its own customers: those of earlier tests count as erased long before any
 * window, so they are affected by nothing. For a `beforeEach`.
 */
export async function eraseEarlierCustomers(prisma: PrismaClient): Promise<void> {
  await prisma.customer.updateMany({ data: { erasedAt: at("1971-01-01") } });
}

/** Customers written in bulk, as the seed would (one createMany). */
export async function createCustomers(
  prisma: PrismaClient,
  rows: Array<{
    createdAt: Date;
    erasedAt?: Date | null;
    country?: string;
    region?: string | null;
  }>,
): Promise<string[]> {
  const data = rows.map((row) => ({
    id: randomUUID(),
    name: "Bulk Person",
    email: `bulk.${randomUUID()}@example.com`,
    passwordHash: "not-a-real-hash",
    country: row.country ?? "US",
    region: row.region === undefined ? "CA" : row.region,
    jurisdiction: "CCPA" as const,
    createdAt: row.createdAt,
    erasedAt: row.erasedAt ?? null,
  }));
  await prisma.customer.createMany({ data });
  return data.map((row) => row.id);
}

/** Records an incident (an exposed backup, email and name, the first half of 2021) with `input`. */
export function recordIncident(client: ApiClient, input: Partial<RecordBreachIncidentInput>) {
  return client.gql(RECORD_INCIDENT, {
    input: {
      title: "Exposed backup",
      description: "A database backup was readable from the internet.",
      discoveredAt: "2021-07-05T00:00:00Z",
      categories: ["user.contact.email", "user.name"],
      windowStart: "2021-01-01T00:00:00Z",
      windowEnd: "2021-07-01T00:00:00Z",
      ...input,
    },
  });
}

/** recordIncident, which must succeed. */
export async function recordedIncident(
  client: ApiClient,
  input: Partial<RecordBreachIncidentInput>,
) {
  const result = await recordIncident(client, input);
  expect(result.errors).toEqual([]);
  const incident = result.data?.recordBreachIncident;
  if (!incident) throw new Error("no incident");
  return incident;
}

/** An incident's notices, read under BREACH_RESPONSE. */
export async function noticesOf(client: ApiClient, id: string) {
  const result = await client.gql(NOTICES, { id, first: 500, purpose: "BREACH_RESPONSE" });
  expect(result.errors).toEqual([]);
  return result.data?.breachIncident.notices ?? [];
}
