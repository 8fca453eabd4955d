import { randomUUID } from "node:crypto";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  createPartner,
  type RegisteredCustomer,
  registerCustomer,
  signInStaff,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import type { PublishPolicyVersionInput } from "../../test-support/generated/graphql.js";

const PUBLISH = graphql(`
  mutation Publish($input: PublishPolicyVersionInput!) {
    publishPolicyVersion(input: $input) {
      noticesQueued
      policyVersion { id version title summary body effectiveAt material inForce scheduled }
    }
  }
`);
const POLICY = graphql(`
  query PolicyInForce {
    policy { id version title body summary effectiveAt material inForce scheduled }
  }
`);
const ARCHIVE = graphql(`
  query PolicyArchiveDates {
    policyVersions { id version effectiveAt inForce scheduled }
  }
`);
const ARCHIVE_BODIES = graphql(`
  query PolicyArchiveBodies {
    policyVersions { id body }
  }
`);
const ONE_VERSION = graphql(`
  query OnePolicyVersion($id: ID!) {
    policyVersion(id: $id) { id version title body effectiveAt }
  }
`);

const DAY = 24 * 60 * 60 * 1000;
const label = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const versionInput = (
  overrides: Partial<PublishPolicyVersionInput> = {},
): PublishPolicyVersionInput => ({
  version: label("v"),
  title: "Privacy Statement",
  body: "# Privacy Statement\n\nWe collect what we need and nothing more.",
  summary: "Clearer wording.",
  effectiveAt: new Date(Date.now() + 30 * DAY).toISOString(),
  material: false,
  ...overrides,
});

describe.each(testDatabases)("policy versions on $name", (kind) => {
  let api: TestApi;
  let original: { id: string; version: string };
  beforeAll(async () => {
    api = await startTestApi(kind);
    original = await api.db.prisma.policyVersion.create({
      data: {
        version: "2018-11-02",
        title: "SafeSoft Solutions Privacy Statement",
        body: "# The original policy\n\nWe collect your name and email.",
        summary: "The original policy.",
        effectiveAt: new Date("2018-11-02T00:00:00Z"),
        publishedAt: new Date("2018-11-02T00:00:00Z"),
        material: true,
      },
    });
  });
  afterAll(() => api?.close());

  async function officer() {
    const client = api.client();
    await signInStaff(api.db.prisma, client, "PRIVACY_OFFICER");
    return client;
  }

  async function inForceNow() {
    const result = await api.client().gql(POLICY);
    expect(result.errors).toEqual([]);
    if (!result.data?.policy) throw new Error("no policy in force");
    return result.data.policy;
  }

  async function registrationConsentVersion(): Promise<string | undefined> {
    const customer = await registerCustomer(api.client());
    const event = await api.db.prisma.consentEvent.findFirst({
      where: { subjectKind: "CUSTOMER", subjectId: customer.id, source: "REGISTRATION" },
      include: { policyVersion: true },
    });
    return event?.policyVersion?.version;
  }

  it("[P-18] a version published with a future date leaves the old one in force until then; the archive lists both; consents name the version in force", async () => {
    const client = await officer();
    const before = await inForceNow();
    expect(before.version).toBe(original.version);

    const future = versionInput({ version: label("future") });
    const published = await client.gql(PUBLISH, { input: future });
    expect(published.errors).toEqual([]);
    expect(published.data?.publishPolicyVersion.policyVersion).toMatchObject({
      version: future.version,
      inForce: false,
      scheduled: true,
      effectiveAt: future.effectiveAt,
    });
    const futureId = published.data?.publishPolicyVersion.policyVersion.id;
    const row = await api.db.prisma.policyVersion.findUniqueOrThrow({ where: { id: futureId } });
    expect(row.publishedById).toBeTruthy();
    expect(row.body).toBe(future.body);

    // The old version still governs, and a consent given now names it.
    expect((await inForceNow()).version).toBe(original.version);
    expect(await registrationConsentVersion()).toBe(original.version);

    await theArchiveMarksWhichGovernsAndWhichIsToCome(futureId ?? "");
    await aVersionDueInThreeSecondsGovernsAfterThem(client, futureId ?? "");
  });

  /** The archive: newest effective date first, marking which governs and which is to come. */
  async function theArchiveMarksWhichGovernsAndWhichIsToCome(futureId: string) {
    const archive = await api.client().gql(ARCHIVE);
    const versions = archive.data?.policyVersions ?? [];
    expect(versions.find((v) => v.id === futureId)).toMatchObject({
      inForce: false,
      scheduled: true,
    });
    expect(versions.find((v) => v.id === original.id)).toMatchObject({
      inForce: true,
      scheduled: false,
    });
    const dates = versions.map((v) => v.effectiveAt);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(versions.filter((v) => v.inForce)).toHaveLength(1);
  }

  /** A version due in three seconds: the old one governs until then, the new one after. */
  async function aVersionDueInThreeSecondsGovernsAfterThem(client: ApiClient, futureId: string) {
    const soon = versionInput({
      version: label("soon"),
      effectiveAt: new Date(Date.now() + 3000).toISOString(),
    });
    const soonResult = await client.gql(PUBLISH, { input: soon });
    expect(soonResult.errors).toEqual([]);
    expect((await inForceNow()).version).toBe(original.version);
    await new Promise((resolve) =>
      setTimeout(resolve, Date.parse(soon.effectiveAt) - Date.now() + 50),
    );
    const now = await inForceNow();
    expect(now).toMatchObject({ version: soon.version, inForce: true, scheduled: false });
    expect(now.body).toBe(soon.body);
    expect(await registrationConsentVersion()).toBe(soon.version);

    const later = await api.client().gql(ARCHIVE);
    const byId = new Map(later.data?.policyVersions.map((v) => [v.id, v]));
    expect(byId.get(original.id)).toMatchObject({ inForce: false, scheduled: false });
    expect(byId.get(futureId)).toMatchObject({ inForce: false, scheduled: true });
  }

  it("[P-18] a material change queues one notice per customer not erased, naming the date and linking to the policy", async () => {
    const people = [];
    for (let i = 0; i < 3; i++) people.push(await registerCustomer(api.client()));
    const erased = people[2];
    await api.db.prisma.customer.update({
      where: { id: erased?.id },
      data: { erasedAt: new Date() },
    });
    const recipients = await api.db.prisma.customer.findMany({
      where: { erasedAt: null },
      select: { id: true, email: true },
    });
    const outboxBefore = await api.db.prisma.outboxEmail.count();

    const input = versionInput({
      version: label("material"),
      effectiveAt: "2031-03-01T00:00:00.000Z",
      material: true,
      summary: "We now honour Global Privacy Control.",
    });
    const result = await (await officer()).gql(PUBLISH, { input });
    expect(result.errors).toEqual([]);
    const id = result.data?.publishPolicyVersion.policyVersion.id ?? "";
    expect(result.data?.publishPolicyVersion.noticesQueued).toBe(recipients.length);

    await expectOneNoticePerCustomerNotErased(id, input, { recipients, people, erased });
    expect(await api.db.prisma.outboxEmail.count()).toBe(outboxBefore + recipients.length);

    // A change that is not material queues nothing.
    const minor = await (await officer()).gql(PUBLISH, {
      input: versionInput({ version: label("minor"), effectiveAt: "2031-04-01T00:00:00Z" }),
    });
    expect(minor.data?.publishPolicyVersion.noticesQueued).toBe(0);
    expect(await api.db.prisma.outboxEmail.count()).toBe(outboxBefore + recipients.length);

    // Someone who registers before the material change takes effect is told of it too.
    const newcomer = await registerCustomer(api.client());
    const theirs = await api.db.prisma.outboxEmail.findMany({
      where: { kind: "POLICY_NOTICE", customerId: newcomer.id, textBody: { contains: id } },
    });
    expect(theirs.map((n) => [n.toAddress, n.subject])).toEqual([
      [newcomer.email, expect.stringContaining("1 March 2031")],
    ]);
  });

  /** One per customer, at their address, naming the date and linking to the policy. */
  async function expectOneNoticePerCustomerNotErased(
    id: string,
    input: PublishPolicyVersionInput,
    {
      recipients,
      people,
      erased,
    }: {
      recipients: Array<{ id: string; email: string }>;
      people: RegisteredCustomer[];
      erased: RegisteredCustomer | undefined;
    },
  ) {
    const notices = await api.db.prisma.outboxEmail.findMany({
      where: { kind: "POLICY_NOTICE", textBody: { contains: id } },
    });
    expect(notices).toHaveLength(recipients.length);
    // None to the erased customer.
    expect(notices.map((n) => n.customerId).sort()).toEqual(recipients.map((r) => r.id).sort());
    expect(new Set(notices.map((n) => n.customerId)).size).toBe(notices.length);
    expect(notices.some((n) => n.customerId === erased?.id)).toBe(false);
    const emailOf = new Map(recipients.map((r) => [r.id, r.email]));
    for (const notice of notices) {
      expect(notice.toAddress).toBe(emailOf.get(notice.customerId ?? ""));
      expect(notice.status).toBe("PENDING");
      expect(notice.subject).toContain("1 March 2031");
      expect(notice.textBody).toContain("1 March 2031 at 00:00 UTC");
      expect(notice.textBody).toMatch(new RegExp(`https?://\\S+/policy/${id}`));
      expect(notice.textBody).toContain(input.summary ?? "");
      // No personal data beyond the address it is sent to.
      for (const person of people) {
        expect(notice.textBody).not.toContain(person.name);
        expect(`${notice.subject}\n${notice.textBody}`).not.toContain(person.email);
      }
    }
  }

  it("[P-18] only a privacy officer publishes: other staff, customers and partners → FORBIDDEN, anonymous → UNAUTHENTICATED, nothing written", async () => {
    await registerCustomer(api.client());
    // Registered up front: a registration queues notices of scheduled material changes.
    const customer = api.client();
    await registerCustomer(customer);
    const counts = async () => ({
      versions: await api.db.prisma.policyVersion.count(),
      outbox: await api.db.prisma.outboxEmail.count(),
    });
    const before = await counts();
    const input = versionInput({ material: true });

    for (const role of ["SUPPORT_AGENT", "SECURITY_OFFICER", "AUDITOR", "ADMINISTRATOR"] as const) {
      const client = api.client();
      await signInStaff(api.db.prisma, client, role);
      const result = await client.gql(PUBLISH, { input });
      expect(result.errors[0]?.extensions?.code, role).toBe("FORBIDDEN");
      expect(result.data).toBeNull();
    }
    expect((await customer.gql(PUBLISH, { input })).errors[0]?.extensions?.code).toBe("FORBIDDEN");
    const { apiKey } = await createPartner(api.db.prisma, {
      purposes: ["SERVICE_ANNOUNCEMENTS"],
      categories: ["user.contact.email"],
    });
    const partner = api.client({ authorization: `Bearer ${apiKey}` });
    expect((await partner.gql(PUBLISH, { input })).errors[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await api.client().gql(PUBLISH, { input })).errors[0]?.extensions?.code).toBe(
      "UNAUTHENTICATED",
    );

    const after = await counts();
    expect(after.versions).toBe(before.versions);
    expect(after.outbox).toBe(before.outbox);
    expect(await api.db.prisma.policyVersion.count({ where: { version: input.version } })).toBe(0);
  });

  it("refuses bad input with a clear error naming the field, and writes nothing", async () => {
    const client = await officer();
    const taken = versionInput({ version: label("taken") });
    expect((await client.gql(PUBLISH, { input: taken })).errors).toEqual([]);
    const counts = async () => ({
      versions: await api.db.prisma.policyVersion.count(),
      outbox: await api.db.prisma.outboxEmail.count(),
    });
    const before = await counts();

    await refusesEachBadField(client, taken);
    const duplicate = await client.gql(PUBLISH, {
      input: versionInput({ version: taken.version }),
    });
    expect(duplicate.errors[0]?.message).toMatch(/already exists/);

    // Not a date at all: refused by the DateTimeISO scalar before the resolver runs.
    for (const effectiveAt of ["not-a-date", "2026-02-30T00:00:00Z", ""]) {
      const result = await client.gql(PUBLISH, { input: versionInput({ effectiveAt }) });
      expect(result.errors[0]?.extensions?.code, effectiveAt).toBe("BAD_USER_INPUT");
    }
    // Over the 200 kB policy limit but within the HTTP body limit: refused naming the body.
    const long = await client.gql(PUBLISH, {
      input: versionInput({ body: "x".repeat(210 * 1024) }),
    });
    expect(long.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "body" });
    // Over the HTTP body limit: refused before GraphQL runs.
    const huge = await client.gql(PUBLISH, {
      input: versionInput({ body: "x".repeat(300 * 1024) }),
    });
    expect(huge.errors[0]?.extensions?.code).toBe("PAYLOAD_TOO_LARGE");

    expect(await counts()).toEqual(before);
  });

  async function refusesEachBadField(client: ApiClient, taken: PublishPolicyVersionInput) {
    const now = Date.now();
    const cases: Array<[Partial<PublishPolicyVersionInput>, string]> = [
      [{ version: taken.version }, "version"],
      [{ version: "" }, "version"],
      [{ version: "2026 07 01" }, "version"],
      [{ version: "v".repeat(41) }, "version"],
      [{ title: "   " }, "title"],
      [{ title: "t".repeat(201) }, "title"],
      [{ title: "Privacy\u0000Statement" }, "title"],
      [{ summary: "s".repeat(2001) }, "summary"],
      [{ body: "" }, "body"],
      [{ body: " \n\t " }, "body"],
      [{ body: "text with a \u0000 NUL" }, "body"],
      [{ effectiveAt: new Date(now - DAY).toISOString() }, "effectiveAt"],
      [{ effectiveAt: new Date(now + 6 * 366 * DAY).toISOString() }, "effectiveAt"],
      // Another version already governs from that instant.
      [{ effectiveAt: taken.effectiveAt }, "effectiveAt"],
    ];
    for (const [overrides, field] of cases) {
      const result = await client.gql(PUBLISH, {
        input: versionInput({ ...overrides, material: true }),
      });
      expect(result.errors[0]?.extensions, JSON.stringify(overrides).slice(0, 80)).toMatchObject({
        code: "BAD_USER_INPUT",
        field,
      });
    }
  }

  it("policyVersion(id) returns one version with its body; an unknown or malformed id → NOT_FOUND", async () => {
    const client = api.client();
    const found = await client.gql(ONE_VERSION, { id: original.id });
    expect(found.errors).toEqual([]);
    expect(found.data?.policyVersion).toMatchObject({
      id: original.id,
      version: "2018-11-02",
      title: "SafeSoft Solutions Privacy Statement",
      body: "# The original policy\n\nWe collect your name and email.",
      effectiveAt: "2018-11-02T00:00:00.000Z",
    });
    for (const id of [randomUUID(), "not-an-id", "", "1; DROP TABLE x"]) {
      const missing = await client.gql(ONE_VERSION, { id });
      expect(missing.errors[0]?.extensions?.code, id).toBe("NOT_FOUND");
    }
  });

  it("the archive returns every version's body when asked", async () => {
    const archive = await api.client().gql(ARCHIVE_BODIES);
    expect(archive.errors).toEqual([]);
    const rows = await api.db.prisma.policyVersion.findMany({ select: { id: true, body: true } });
    const bodies = new Map(rows.map((row) => [row.id, row.body]));
    expect(archive.data?.policyVersions.length).toBe(rows.length);
    for (const version of archive.data?.policyVersions ?? []) {
      expect(version.body).toBe(bodies.get(version.id));
    }
  });
});
