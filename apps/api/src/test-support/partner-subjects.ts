/**
 * What the tests of the partners' subject list share (modules/partners/partner-*.test.ts): the
 * list as a partner reads it, each subject's fields with the reason each one was refused, by
 * the customer's id in Privet (which the partner never sees: it is mapped through `idOf`).
 */
import type { Purpose } from "@privet/domain/purposes";
import { subjectPseudonym } from "../modules/partners/subject-pseudonym.js";
import type { ApiClient, TestApi } from "./api.js";
import { redactions } from "./fixtures.js";
import { graphql } from "./generated/gql.js";

export const PERSONAL_FIELDS = [
  "pseudonymousId",
  "name",
  "email",
  "country",
  "cardLast4",
  "navigationEvents",
] as const;

export const SUBJECTS = graphql(`
  query Subjects($first: Int!, $after: String, $purpose: Purpose!)
  @purpose(name: $purpose, ref: "CAMPAIGN-7") {
    partnerSubjects(first: $first, after: $after) {
      edges {
        cursor
        node {
          id pseudonymousId name email country cardLast4 navigationEvents { path occurredAt }
        }
      }
      pageInfo { endCursor hasNextPage }
    }
  }
`);

export const SET_CONSENT = graphql(`
  mutation PartnerSubjectSetsConsent($purpose: ConsentPurpose!, $state: ConsentState!) {
    setConsent(purpose: $purpose, state: $state) { purpose state }
  }
`);

/** A partner's client, and the id it is shown for a customer (its pseudonym of the customer). */
export interface Partner {
  readonly client: ApiClient;
  readonly apiKey: string;
  readonly idOf: (customerId: string) => string;
}

export function partnerClient(api: TestApi, processor: { id: string }, apiKey: string): Partner {
  return {
    client: api.client({ authorization: `Bearer ${apiKey}` }),
    apiKey,
    idOf: (customerId) => subjectPseudonym(processor.id, customerId, api.config.hashKey),
  };
}

/** One page as a partner sees it under `purpose`, each subject with its redaction reasons. */
export async function readPage(partner: Partner, purpose: Purpose, first = 500, after?: string) {
  const result = await partner.client.gql(SUBJECTS, { first, after, purpose });
  const reasons = redactions(result);
  const edges = result.data?.partnerSubjects.edges ?? [];
  const byNodeId = new Map(
    edges.map((edge, i) => {
      const denied = Object.fromEntries(
        PERSONAL_FIELDS.flatMap((field) => {
          const r = reasons.get(`partnerSubjects.edges.${i}.node.${field}`);
          return r ? [[field, r.reason]] : [];
        }),
      ) as Partial<Record<(typeof PERSONAL_FIELDS)[number], string>>;
      return [edge.node.id, { node: edge.node, denied }];
    }),
  );
  return {
    result,
    edges,
    reasons,
    subjects: [...byNodeId.values()],
    bySubject: { get: (customerId: string) => byNodeId.get(partner.idOf(customerId)) },
  };
}
