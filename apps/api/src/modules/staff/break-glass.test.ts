import type { ResultOf } from "@graphql-typed-document-node/core";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  type GraphQLResponse,
  startTestApi,
  type TestApi,
} from "../../test-support/api.js";
import { customerWithRecords, GRANT, inHours, REVOKE } from "../../test-support/break-glass.js";
import {
  accessEventsOf,
  createStaff,
  type RegisteredCustomer,
  redactions,
  signInStaff,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

const HELD = graphql(`
  query Held($id: ID!, $purpose: Purpose!, $ref: String!) @purpose(name: $purpose, ref: $ref) {
    customer(id: $id) { heldRecords { id label content } }
  }
`);
const ACCESS_LOG = graphql(`
  query BreakGlassAccessLog {
    me {
      accessLog {
        accessorKind staffRole processorName purpose reference category categoryLabel fieldPath
        occurredAt breakGlassReason underLegalRequest
      }
    }
  }
`);
const MY_HELD_RECORDS = graphql(`
  query MyHeldRecords {
    me { heldRecords { content } }
  }
`);

type Grant = NonNullable<ResultOf<typeof GRANT>["grantBreakGlass"]>;
type Staff = Awaited<ReturnType<typeof signInStaff>>;

const HOUR = 3_600_000;

describe.each(testDatabases)("break-glass access to customer-held records on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("[P-12] staff read → redacted; with a grant → visible and audited with the grant; revoked → redacted; the customer's access log shows the read and its reason", async () => {
    const { client: own, customer } = await customerWithRecords(api);
    const investigator = api.client();
    const security = await signInStaff(api.db.prisma, investigator, "SECURITY_OFFICER");
    const approverClient = api.client();
    const approver = await signInStaff(api.db.prisma, approverClient, "PRIVACY_OFFICER");
    const read = () =>
      investigator.gql(HELD, {
        id: customer.id,
        purpose: "MALFUNCTION_INVESTIGATION",
        ref: "INC-77",
      });

    await withoutAGrantOnlyTheRecordsExistenceShows(read);
    const grant = await aPrivacyOfficerGrantsItForAMalfunction(approverClient, customer, {
      security,
      approver,
    });
    await withTheGrantTheRecordsOpenEachReadAuditedWithIt(read, customer, security, grant);
    await theGrantOpensOnePurposeAndOneStaffMemberOnly(investigator, customer);
    await theCustomerSeesWhoReadThemWhyAndThatItWasBreakGlass(own, security);
    await theCustomersOwnReadNeedsNoPurposeAndIsNotAudited(own);

    // Revoked → closed again.
    const revoked = await approverClient.gql(REVOKE, { id: grant.id });
    expect(revoked.data?.revokeBreakGlass.active).toBe(false);
    expect([...redactions(await read()).values()][0]?.reason).toBe("BREAK_GLASS_REQUIRED");
  });

  type HeldRead = () => Promise<GraphQLResponse<ResultOf<typeof HELD>>>;

  /** No grant: the records' existence shows, their label and content do not. */
  async function withoutAGrantOnlyTheRecordsExistenceShows(read: HeldRead) {
    const closed = await read();
    expect(closed.data?.customer?.heldRecords).toHaveLength(2);
    for (const record of closed.data?.customer?.heldRecords ?? []) {
      expect(record).toMatchObject({ label: null, content: null });
    }
    const reasons = [...redactions(closed).values()];
    expect(reasons).toHaveLength(4);
    expect(new Set(reasons.map((r) => `${r.reason}:${r.category}`))).toEqual(
      new Set(["BREAK_GLASS_REQUIRED:user.held.other_individuals"]),
    );
    expect(JSON.stringify(closed)).not.toContain("Lovelace");
  }

  async function aPrivacyOfficerGrantsItForAMalfunction(
    approverClient: ApiClient,
    customer: RegisteredCustomer,
    { security, approver }: { security: Staff; approver: Staff },
  ): Promise<Grant> {
    const granted = await approverClient.gql(GRANT, {
      input: {
        staffUserId: security.id,
        customerId: customer.id,
        reason: "MALFUNCTION",
        incidentRef: "INC-77",
        justification: "Sync corrupted this customer's contact list; need to inspect it.",
        expiresAt: inHours(2),
      },
    });
    expect(granted.errors).toEqual([]);
    const grant = granted.data?.grantBreakGlass;
    expect(grant).toMatchObject({
      active: true,
      approvedById: approver.id,
      staffUserId: security.id,
    });
    if (!grant) throw new Error("no grant");
    return grant;
  }

  async function withTheGrantTheRecordsOpenEachReadAuditedWithIt(
    read: HeldRead,
    customer: RegisteredCustomer,
    security: Staff,
    grant: Grant,
  ) {
    const open = await read();
    expect(open.errors).toEqual([]);
    expect(open.data?.customer?.heldRecords.map((r) => r.content).sort()).toEqual([
      "Ada Lovelace, flat 3",
      "Dr Hopper, Tuesdays",
    ]);
    const events = await accessEventsOf(api.db.prisma, open);
    expect(events).toHaveLength(4);
    for (const event of events) {
      expect(event).toMatchObject({
        outcome: "ALLOWED",
        subjectId: customer.id,
        principalId: security.id,
        staffRole: "SECURITY_OFFICER",
        purpose: "MALFUNCTION_INVESTIGATION",
        reference: "INC-77",
        category: "user.held.other_individuals",
        breakGlassId: grant.id,
      });
    }
  }

  async function theGrantOpensOnePurposeAndOneStaffMemberOnly(
    investigator: ApiClient,
    customer: RegisteredCustomer,
  ) {
    // Under another purpose the records stay closed…
    const wrongPurpose = await investigator.gql(HELD, {
      id: customer.id,
      purpose: "BREACH_RESPONSE",
      ref: "B-1",
    });
    expect([...redactions(wrongPurpose).values()][0]?.reason).toBe("PURPOSE_NOT_PERMITTED");
    // …and to another staff member.
    const colleague = api.client();
    await signInStaff(api.db.prisma, colleague, "SECURITY_OFFICER");
    const other = await colleague.gql(HELD, {
      id: customer.id,
      purpose: "MALFUNCTION_INVESTIGATION",
      ref: "INC-77",
    });
    expect([...redactions(other).values()][0]?.reason).toBe("BREAK_GLASS_REQUIRED");
  }

  async function theCustomerSeesWhoReadThemWhyAndThatItWasBreakGlass(
    own: ApiClient,
    security: Staff,
  ) {
    const log = await own.gql(ACCESS_LOG);
    expect(log.errors).toEqual([]);
    const held = log.data?.me?.accessLog?.filter(
      (e) => e.category === "user.held.other_individuals",
    );
    expect(held).toHaveLength(4);
    for (const entry of held ?? []) {
      expect(entry).toMatchObject({
        accessorKind: "STAFF",
        staffRole: "SECURITY_OFFICER",
        processorName: null,
        purpose: "MALFUNCTION_INVESTIGATION",
        reference: "INC-77",
        breakGlassReason: "MALFUNCTION",
        underLegalRequest: false,
      });
      expect(entry.fieldPath).toMatch(/^customer\.heldRecords\.\d\.(label|content)$/);
    }
    // Who read it is a role, never a person: no staff name or email reaches the customer.
    expect(JSON.stringify(log.data)).not.toContain(security.email);
    expect(JSON.stringify(log.data)).not.toContain(security.name);
  }

  async function theCustomersOwnReadNeedsNoPurposeAndIsNotAudited(own: ApiClient) {
    const mine = await own.gql(MY_HELD_RECORDS);
    expect(mine.data?.me?.heldRecords.map((r) => r.content).sort()).toEqual([
      "Ada Lovelace, flat 3",
      "Dr Hopper, Tuesdays",
    ]);
    expect(await accessEventsOf(api.db.prisma, mine)).toEqual([]);
  }

  it("[P-12] a grant that has expired opens nothing", async () => {
    const { customer } = await customerWithRecords(api);
    const investigator = api.client();
    const security = await signInStaff(api.db.prisma, investigator, "SECURITY_OFFICER");
    const approver = await createStaff(api.db.prisma, "PRIVACY_OFFICER");
    // Written directly: the API only makes grants that end in the future.
    await api.db.prisma.breakGlassGrant.create({
      data: {
        staffUserId: security.id,
        customerId: customer.id,
        reason: "MALFUNCTION",
        incidentRef: "INC-OLD",
        justification: "An investigation that is over.",
        startsAt: new Date(Date.now() - 5 * HOUR),
        expiresAt: new Date(Date.now() - HOUR),
        approvedById: approver.id,
      },
    });
    const result = await investigator.gql(HELD, {
      id: customer.id,
      purpose: "MALFUNCTION_INVESTIGATION",
      ref: "INC-OLD",
    });
    expect(result.data?.customer?.heldRecords.every((r) => r.content === null)).toBe(true);
    expect(new Set([...redactions(result).values()].map((r) => r.reason))).toEqual(
      new Set(["BREAK_GLASS_REQUIRED"]),
    );
    const events = await accessEventsOf(api.db.prisma, result);
    expect(events.every((e) => e.outcome === "DENIED" && e.breakGlassId === null)).toBe(true);
  });

  it("[P-12] a grant citing a recorded legal request opens the records to a legal disclosure", async () => {
    const { client: own, customer } = await customerWithRecords(api);
    const officerClient = api.client();
    const officer = await signInStaff(api.db.prisma, officerClient, "PRIVACY_OFFICER");
    const approverClient = api.client();
    await signInStaff(api.db.prisma, approverClient, "SECURITY_OFFICER");
    const legal = await api.db.prisma.legalRequest.create({
      data: {
        kind: "COURT_ORDER",
        authority: "Superior Court of California",
        reference: `CO-${customer.id.slice(0, 8)}`,
        receivedAt: new Date(),
        categories: ["user.held.other_individuals"],
        createdById: officer.id,
        subjects: { create: [{ customerId: customer.id }] },
      },
    });
    const granted = await approverClient.gql(GRANT, {
      input: {
        staffUserId: officer.id,
        customerId: customer.id,
        reason: "LEGAL_REQUEST",
        legalRequestId: legal.id,
        justification: "Court order names this customer's contact records.",
        expiresAt: inHours(24),
      },
    });
    expect(granted.errors).toEqual([]);
    const result = await officerClient.gql(HELD, {
      id: customer.id,
      purpose: "LEGAL_OBLIGATION",
      ref: legal.reference,
    });
    expect(result.errors).toEqual([]);
    expect(result.data?.customer?.heldRecords.map((r) => r.label).sort()).toEqual([
      "Dentist",
      "Neighbour",
    ]);
    const events = await accessEventsOf(api.db.prisma, result);
    expect(events).toHaveLength(4);
    expect(
      events.every(
        (e) => e.breakGlassId === granted.data?.grantBreakGlass.id && e.legalRequestId === legal.id,
      ),
    ).toBe(true);
    const log = await own.gql(ACCESS_LOG);
    expect(log.data?.me?.accessLog?.[0]).toMatchObject({
      purpose: "LEGAL_OBLIGATION",
      reference: legal.reference,
      breakGlassReason: "LEGAL_REQUEST",
      underLegalRequest: true,
      staffRole: "PRIVACY_OFFICER",
    });
  });
});
