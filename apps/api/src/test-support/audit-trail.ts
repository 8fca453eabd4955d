/**
 * The audit trail the audit tests read (modules/audit/*.test.ts): four customers; a support
 * agent reads A's email for a ticket and is refused B's name under a purpose their role may not
 * declare; then (after `midpoint`) a privacy officer reads B's email and a partner every email
 * it may. Returns an auditor's client to read it with.
 */
import type { ResultOf } from "@graphql-typed-document-node/core";
import { expect } from "vitest";
import type { ApiClient, TestApi } from "./api.js";
import {
  createPartner,
  type RegisteredCustomer,
  registerCustomer,
  signInStaff,
} from "./fixtures.js";
import { graphql } from "./generated/gql.js";
import type { AuditEventFilter } from "./generated/graphql.js";

export const AUDIT_EVENTS = graphql(`
  query AuditTrailEvents($filter: AuditEventFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      nodes {
        id recordId principalKind principalId staffRole processorName purpose reference subjectId
        category fieldPath outcome denyReason operationName requestId occurredAt breakGlassId
        legalRequestId
      }
      pageInfo { endCursor hasNextPage }
    }
  }
`);

export type AuditEvent = ResultOf<typeof AUDIT_EVENTS>["auditEvents"]["nodes"][number];

const AGENT_READ = graphql(`
  query AgentRead($id: ID!) @purpose(name: SUPPORT, ref: "T-1") {
    customer(id: $id) { email }
  }
`);
const AGENT_DENIED = graphql(`
  query AgentDenied($id: ID!) @purpose(name: MARKETING) {
    customer(id: $id) { name }
  }
`);
const OFFICER_READ = graphql(`
  query OfficerRead($id: ID!) @purpose(name: SUPPORT, ref: "T-2") {
    customer(id: $id) { email }
  }
`);
const PARTNER_READ = graphql(`
  query PartnerRead @purpose(name: MARKETING, ref: "NEWS-1") {
    partnerSubjects(first: 500) { edges { node { email } } }
  }
`);

export interface AuditTrail {
  readonly auditor: ApiClient;
  readonly customers: readonly [
    RegisteredCustomer,
    RegisteredCustomer,
    RegisteredCustomer,
    RegisteredCustomer,
  ];
  readonly agentId: string;
  readonly officerId: string;
  readonly processorId: string;
  readonly processorName: string;
  /** Between the agent's reads and the others'. */
  readonly midpoint: Date;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

export async function recordAuditTrail(api: TestApi): Promise<AuditTrail> {
  const customers: RegisteredCustomer[] = [];
  for (let i = 0; i < 4; i++) customers.push(await registerCustomer(api.client()));
  const [a, b, c, d] = customers as [
    RegisteredCustomer,
    RegisteredCustomer,
    RegisteredCustomer,
    RegisteredCustomer,
  ];

  // A support agent reads A's email for a ticket (allowed) and B's name under a purpose
  // their role may not declare (refused).
  const agent = api.client();
  const agentId = (await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT")).id;
  const read = await agent.gql(AGENT_READ, { id: a.id });
  expect(read.errors).toEqual([]);
  await agent.gql(AGENT_DENIED, { id: b.id });
  await pause();
  const midpoint = new Date();
  await pause();

  // A privacy officer reads B's email for a ticket; a partner reads every email it may.
  const officer = api.client();
  const officerId = (await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER")).id;
  const officerRead = await officer.gql(OFFICER_READ, { id: b.id });
  expect(officerRead.errors).toEqual([]);
  const partner = await createPartner(api.db.prisma, {
    kind: "EMAIL_SERVICE",
    purposes: ["MARKETING"],
    categories: ["user.contact.email"],
  });
  const partnerClient = api.client({ authorization: `Bearer ${partner.apiKey}` });
  const partnerRead = await partnerClient.gql(PARTNER_READ);
  expect(partnerRead.errors).toEqual([]);

  const auditor = api.client();
  await signInStaff(api.db.prisma, auditor, "AUDITOR");
  return {
    auditor,
    customers: [a, b, c, d],
    agentId,
    officerId,
    processorId: partner.processor.id,
    processorName: partner.processor.name,
    midpoint,
  };
}

/** One page of the audit events as `client` sees them; fails the test on any error. */
export async function auditEventsPage(
  client: ApiClient,
  filter: AuditEventFilter | null,
  first = 200,
  after?: string,
) {
  const result = await client.gql(AUDIT_EVENTS, { filter, first, after });
  expect(result.errors).toEqual([]);
  const page = result.data?.auditEvents;
  if (!page) throw new Error("no audit events page");
  return page;
}
