import { findAccessEvents } from "@privet/db/audit";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { createPartner, registerCustomer, signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import { partnerClient, readPage } from "../../test-support/partner-subjects.js";

const RECORD_AGREEMENT = graphql(`
  mutation RenewAgreement($input: RecordProcessorAgreementInput!) {
    recordProcessorAgreement(input: $input) {
      id processorId reference purposes categories validFrom validUntil
    }
  }
`);
const TERMINATE = graphql(`
  mutation EndAgreement($id: ID!) {
    terminateProcessorAgreement(id: $id) { id terminatedAt validUntil }
  }
`);

describe.each(testDatabases)("a partner's agreement ending on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("[P-10] an expired agreement is denied, a renewal restores access, and both reads are in the audit log", async () => {
    const subject = await registerCustomer(api.client()); // marketing consent from registration
    const { processor, apiKey } = await createPartner(api.db.prisma, {
      kind: "EMAIL_SERVICE",
      purposes: ["MARKETING"],
      categories: ["user.name", "user.contact.email"],
      validFrom: new Date("2023-01-01T00:00:00Z"),
      validUntil: new Date("2024-01-01T00:00:00Z"),
    });
    const partner = partnerClient(api, processor, apiKey);

    const lapsed = await readPage(partner, "MARKETING");
    const before = lapsed.bySubject.get(subject.id);
    expect(before?.node.email).toBeNull();
    expect(before?.denied.email).toBe("AGREEMENT_EXPIRED");
    expect(before?.denied.name).toBe("AGREEMENT_EXPIRED");
    expect(JSON.stringify(lapsed.result.data)).not.toContain(subject.email);

    const officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
    const now = Date.now();
    const renewal = await officer.gql(RECORD_AGREEMENT, {
      input: {
        processorId: processor.id,
        reference: `DPA-renewal-${now}`,
        purposes: ["MARKETING"],
        categories: ["user.name", "user.contact.email"],
        signedAt: new Date(now - 60_000).toISOString(),
        validFrom: new Date(now - 60_000).toISOString(),
        validUntil: new Date(now + 365 * 86_400_000).toISOString(),
      },
    });
    expect(renewal.errors).toEqual([]);
    expect(renewal.data?.recordProcessorAgreement.processorId).toBe(processor.id);

    const renewed = await readPage(partner, "MARKETING");
    const after = renewed.bySubject.get(subject.id);
    expect(after?.node).toMatchObject({ email: subject.email, name: subject.name });
    // Outside the agreement: country and card stay redacted.
    expect(after?.denied.country).toBe("PURPOSE_NOT_PERMITTED");

    const audit = await findAccessEvents(api.db.prisma, {
      subjectId: subject.id,
      principalId: processor.id,
      category: "user.contact.email",
    });
    expect(audit.map((e) => [e.outcome, e.denyReason, e.purpose, e.principalKind])).toEqual([
      ["DENIED", "AGREEMENT_EXPIRED", "MARKETING", "PARTNER"],
      ["ALLOWED", null, "MARKETING", "PARTNER"],
    ]);
  });

  it("[P-10] terminating an agreement ends the partner's access at once; the refusal is audited", async () => {
    const subject = await registerCustomer(api.client()); // marketing consent from registration
    const { processor, apiKey } = await createPartner(api.db.prisma, {
      kind: "EMAIL_SERVICE",
      purposes: ["MARKETING"],
      categories: ["user.name", "user.contact.email"],
    });
    const partner = partnerClient(api, processor, apiKey);
    const running = await readPage(partner, "MARKETING");
    expect(running.bySubject.get(subject.id)?.node.email).toBe(subject.email);

    const agreement = await api.db.prisma.processorAgreement.findFirstOrThrow({
      where: { processorId: processor.id },
    });
    const officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
    const ended = await officer.gql(TERMINATE, { id: agreement.id });
    expect(ended.errors).toEqual([]);
    const terminatedAt = ended.data?.terminateProcessorAgreement.terminatedAt ?? "";
    expect(new Date(terminatedAt) < new Date(agreement.validUntil)).toBe(true);
    // Ending it again changes nothing.
    const again = await officer.gql(TERMINATE, { id: agreement.id });
    expect(again.data?.terminateProcessorAgreement.terminatedAt).toBe(terminatedAt);

    const after = await readPage(partner, "MARKETING");
    const read = after.bySubject.get(subject.id);
    expect(read?.node.email).toBeNull();
    expect(read?.denied.email).toBe("AGREEMENT_EXPIRED");
    expect(read?.denied.name).toBe("AGREEMENT_EXPIRED");
    expect(JSON.stringify(after.result.data)).not.toContain(subject.email);

    const audit = await findAccessEvents(api.db.prisma, {
      subjectId: subject.id,
      principalId: processor.id,
      category: "user.contact.email",
    });
    expect(audit.map((e) => [e.outcome, e.denyReason])).toEqual([
      ["ALLOWED", null],
      ["DENIED", "AGREEMENT_EXPIRED"],
    ]);

    // Only privacy officers end agreements.
    const support = api.client();
    await signInStaff(api.db.prisma, support, "SUPPORT_AGENT");
    const refused = await support.gql(TERMINATE, { id: agreement.id });
    expect(refused.errors[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
