import { createHash } from "node:crypto";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  createPartner,
  dumpDatabase,
  registerCustomer,
  signInStaff,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import type {
  Purpose,
  RecordProcessorAgreementInput,
} from "../../test-support/generated/graphql.js";
import { subjectPseudonym } from "./subject-pseudonym.js";

const ISSUE = graphql(`
  mutation IssueKey($processorId: ID!, $label: String!) {
    issuePartnerApiKey(processorId: $processorId, label: $label) {
      key apiKey { id processorId prefix label revokedAt }
    }
  }
`);
const REVOKE = graphql(`
  mutation RevokeKey($id: ID!) {
    revokePartnerApiKey(id: $id) { id revokedAt }
  }
`);
const VIEWER = graphql(`
  query KeyHolder {
    viewer { kind processorId }
  }
`);
const SUBJECTS = graphql(`
  query KeyHolderReadsSubjects @purpose(name: MARKETING) {
    partnerSubjects(first: 5) { edges { node { id email } } }
  }
`);
const RECORD = graphql(`
  mutation RecordAgreement($input: RecordProcessorAgreementInput!) {
    recordProcessorAgreement(input: $input) { id reference purposes categories }
  }
`);

describe.each(testDatabases)("partner keys and agreements on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("issues a key shown once and stored only as its hash; a revoked key is anonymous afterwards", async () => {
    const subject = await registerCustomer(api.client());
    const { processor } = await createPartner(api.db.prisma, {
      purposes: ["MARKETING"],
      categories: ["user.contact.email"],
    });
    const admin = api.client();
    await signInStaff(api.db.prisma, admin, "ADMINISTRATOR");
    const issued = await admin.gql(ISSUE, { processorId: processor.id, label: "Production" });
    expect(issued.errors).toEqual([]);
    if (!issued.data) throw new Error("no key issued");
    const { key, apiKey } = issued.data.issuePartnerApiKey;
    expect(key).toMatch(/^privet_pk_[0-9A-Za-z]{38}$/);
    expect(apiKey).toMatchObject({ processorId: processor.id, label: "Production" });
    expect(apiKey.prefix).toBe(key.slice(0, 17));
    const row = await api.db.prisma.partnerApiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.keyHash).toBe(createHash("sha256").update(key).digest("hex"));
    expect(await dumpDatabase(api.db.prisma)).not.toContain(key);

    const partner = api.client({ authorization: `Bearer ${key}` });
    expect((await partner.gql(VIEWER)).data).toEqual({
      viewer: { kind: "partner", processorId: processor.id },
    });
    const read = await partner.gql(SUBJECTS);
    expect(read.data?.partnerSubjects.edges.map((e) => e.node)).toContainEqual({
      id: subjectPseudonym(processor.id, subject.id, api.config.hashKey),
      email: subject.email,
    });

    const officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
    const revoked = await officer.gql(REVOKE, { id: apiKey.id });
    expect(revoked.errors).toEqual([]);
    expect(revoked.data?.revokePartnerApiKey.revokedAt).toEqual(expect.any(String));
    expect((await partner.gql(VIEWER)).data).toEqual({
      viewer: { kind: "anonymous", processorId: null },
    });
    const after = await partner.gql(SUBJECTS);
    expect(after.data).toBeNull();
    expect(after.errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    // Revoking again keeps the first revocation time.
    const again = await officer.gql(REVOKE, { id: apiKey.id });
    expect(again.data?.revokePartnerApiKey.revokedAt).toBe(
      revoked.data?.revokePartnerApiKey.revokedAt,
    );
  });

  it("only administrators and privacy officers manage keys; bad input changes nothing", async () => {
    const { processor } = await createPartner(api.db.prisma, null);
    const count = () => api.db.prisma.partnerApiKey.count({ where: { processorId: processor.id } });
    const before = await count();

    const anonymous = await api.client().gql(ISSUE, { processorId: processor.id, label: "x" });
    expect(anonymous.errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    for (const role of ["SUPPORT_AGENT", "SECURITY_OFFICER", "AUDITOR"] as const) {
      const staff = api.client();
      await signInStaff(api.db.prisma, staff, role);
      const r = await staff.gql(ISSUE, { processorId: processor.id, label: "x" });
      expect(r.errors[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const customer = api.client();
    await registerCustomer(customer);
    expect(
      (await customer.gql(ISSUE, { processorId: processor.id, label: "x" })).errors[0]?.extensions
        ?.code,
    ).toBe("FORBIDDEN");

    const admin = api.client();
    await signInStaff(api.db.prisma, admin, "ADMINISTRATOR");
    const cases: Array<[{ processorId: string; label: string }, string]> = [
      [{ processorId: processor.id, label: "   " }, "label"],
      [{ processorId: processor.id, label: "x".repeat(101) }, "label"],
      [{ processorId: "not-an-id", label: "ok" }, "processorId"],
      [{ processorId: "00000000-0000-7000-8000-000000000000", label: "ok" }, "processorId"],
    ];
    for (const [variables, field] of cases) {
      const r = await admin.gql(ISSUE, variables);
      expect(r.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    const missing = await admin.gql(REVOKE, { id: "00000000-0000-7000-8000-000000000000" });
    expect(missing.errors[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(await count()).toBe(before);
  });

  it("records an agreement only for a privacy officer, with categories its purposes may read", async () => {
    const { processor } = await createPartner(api.db.prisma, null);
    const agreements = () =>
      api.db.prisma.processorAgreement.count({ where: { processorId: processor.id } });
    const now = Date.now();
    const input: RecordProcessorAgreementInput = {
      processorId: processor.id,
      reference: "DPA-2026-01",
      purposes: ["MARKETING"],
      categories: ["user.name", "user.contact.email"],
      signedAt: new Date(now - 86_400_000).toISOString(),
      validFrom: new Date(now - 86_400_000).toISOString(),
      validUntil: new Date(now + 365 * 86_400_000).toISOString(),
    };

    const admin = api.client();
    await signInStaff(api.db.prisma, admin, "ADMINISTRATOR");
    expect((await admin.gql(RECORD, { input })).errors[0]?.extensions?.code).toBe("FORBIDDEN");

    const officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
    await refusesAgreementsThatBreakTheRules(officer, input, now);
    expect(await agreements()).toBe(0);

    const ok = await officer.gql(RECORD, { input });
    expect(ok.errors).toEqual([]);
    expect(ok.data?.recordProcessorAgreement).toMatchObject({
      reference: "DPA-2026-01",
      purposes: ["MARKETING"],
      categories: ["user.name", "user.contact.email"],
    });
    const duplicate = await officer.gql(RECORD, { input });
    expect(duplicate.errors[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "reference",
    });
    expect(await agreements()).toBe(1);
  });

  async function refusesAgreementsThatBreakTheRules(
    officer: ApiClient,
    input: RecordProcessorAgreementInput,
    now: number,
  ) {
    const bad: Array<[Partial<RecordProcessorAgreementInput>, string]> = [
      [{ categories: ["user.contact.phone"] }, "categories"],
      [{ categories: ["user.device.cookie_id"] }, "categories"], // MARKETING cannot read it
      [{ categories: ["user.credentials.password"] }, "categories"],
      [{ purposes: ["LEGAL_OBLIGATION"], categories: ["user.contact.email"] }, "purposes"],
      [
        { purposes: ["MALFUNCTION_INVESTIGATION"], categories: ["user.held.other_individuals"] },
        "categories",
      ],
      [{ categories: [] }, "categories"],
      [{ purposes: [] }, "purposes"],
      [{ validUntil: input.validFrom }, "validUntil"],
      [{ signedAt: new Date(now + 86_400_000).toISOString() }, "signedAt"],
      [{ reference: "" }, "reference"],
      [{ processorId: "00000000-0000-7000-8000-000000000000" }, "processorId"],
    ];
    for (const [change, field] of bad) {
      const r = await officer.gql(RECORD, { input: { ...input, ...change } });
      expect(r.errors[0]?.extensions, JSON.stringify(change)).toMatchObject({
        code: "BAD_USER_INPUT",
        field,
      });
    }
    // Not a purpose: sent as it is on purpose.
    const unknownPurpose = await officer.gql(RECORD, {
      input: { ...input, purposes: ["SELLING" as Purpose] },
    });
    expect(unknownPurpose.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  }
});
