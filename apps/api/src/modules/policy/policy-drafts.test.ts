/**
 * Policy drafts (P-18) over HTTP, on PGlite and PostgreSQL: a privacy officer saves a draft,
 * comes back to it, edits and publishes it (with the checks and notices of publishing) or
 * discards it. Only privacy officers touch drafts.
 */
import { randomUUID } from "node:crypto";
import type { ResultOf } from "@graphql-typed-document-node/core";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  type GraphQLResponse,
  startTestApi,
  type TestApi,
} from "../../test-support/api.js";
import { createPartner, registerCustomer, signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import type { SavePolicyDraftInput } from "../../test-support/generated/graphql.js";

graphql(`
  fragment DraftFields on PolicyDraft {
    id version title summary body effectiveAt material createdAt updatedAt
  }
`);
const SAVE = graphql(`
  mutation Save($input: SavePolicyDraftInput!) {
    savePolicyDraft(input: $input) { ...DraftFields }
  }
`);
const DRAFTS = graphql(`
  query Drafts {
    policyDrafts { ...DraftFields }
  }
`);
const DRAFT = graphql(`
  query Draft($id: ID!) {
    policyDraft(id: $id) { ...DraftFields }
  }
`);
const DISCARD = graphql(`
  mutation Discard($id: ID!) {
    discardPolicyDraft(id: $id)
  }
`);
const PUBLISH_DRAFT = graphql(`
  mutation PublishDraft($id: ID!) {
    publishPolicyDraft(id: $id) {
      noticesQueued
      policyVersion { id version title summary body effectiveAt material inForce scheduled }
    }
  }
`);
const POLICY_IN_FORCE = graphql(`
  query PolicyInForceAfterADraft {
    policy { id }
  }
`);

type Draft = ResultOf<typeof DRAFT>["policyDraft"];
type Send = (client: ApiClient, id: string) => Promise<GraphQLResponse<unknown>>;

/** The operations that take a draft's id, by name. */
const BY_ID: Array<[string, Send]> = [
  ["policyDraft", (client, id) => client.gql(DRAFT, { id })],
  ["discardPolicyDraft", (client, id) => client.gql(DISCARD, { id })],
  ["publishPolicyDraft", (client, id) => client.gql(PUBLISH_DRAFT, { id })],
];

const DAY = 24 * 60 * 60 * 1000;
const label = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
/** A date of its own, days ahead: two versions may not take effect at the same instant. */
const futureDate = () =>
  new Date(
    Date.now() + (10 + Math.floor(Math.random() * 1000)) * DAY + Math.floor(Math.random() * DAY),
  ).toISOString();
/** A complete draft, with `overrides` (typed as given, so a field left alone stays a string). */
const draftInput = <O extends Partial<SavePolicyDraftInput> = Record<never, never>>(
  overrides: O = {} as O,
) => ({
  version: label("draft"),
  title: "Privacy Statement",
  summary: "Clearer wording.",
  body: "# Privacy Statement\n\nWe collect what we need and nothing more.\n",
  effectiveAt: futureDate(),
  material: false,
  ...overrides,
});

describe.each(testDatabases)("policy drafts on $name", (kind) => {
  let api: TestApi;
  let officer: ApiClient;
  beforeAll(async () => {
    api = await startTestApi(kind);
    await api.db.prisma.policyVersion.create({
      data: {
        version: "2018-11-02",
        title: "Privacy Statement",
        body: "# The original policy",
        effectiveAt: new Date("2018-11-02T00:00:00Z"),
        publishedAt: new Date("2018-11-02T00:00:00Z"),
        material: true,
      },
    });
    officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
  });
  afterAll(() => api?.close());

  async function save(input: SavePolicyDraftInput, client = officer): Promise<Draft> {
    const result = await client.gql(SAVE, { input });
    expect(result.errors).toEqual([]);
    if (!result.data) throw new Error("no draft saved");
    return result.data.savePolicyDraft;
  }

  async function listed(): Promise<Draft[]> {
    const result = await officer.gql(DRAFTS);
    expect(result.errors).toEqual([]);
    return result.data?.policyDrafts ?? [];
  }

  it("[P-18] saves a draft, lists it most recently saved first, reopens it, and updates it in place", async () => {
    const input = draftInput();
    const created = await save(input);
    expect(created).toMatchObject({ ...input, id: expect.any(String) });
    expect(Date.parse(created.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
    const row = await api.db.prisma.policyDraft.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.createdById).toBe(row.updatedById);

    // Saved with almost nothing: a draft may be unfinished.
    const sketch = await save({ title: "Sketch", material: false });
    expect(sketch).toMatchObject({
      version: "",
      title: "Sketch",
      summary: "",
      body: "",
      effectiveAt: null,
    });

    // Another officer comes back to the first draft later and edits it.
    const colleague = api.client();
    const staff = await signInStaff(api.db.prisma, colleague, "PRIVACY_OFFICER");
    const reopened = await colleague.gql(DRAFT, { id: created.id });
    expect(reopened.errors).toEqual([]);
    expect(reopened.data?.policyDraft).toEqual(created);
    const edits = {
      ...input,
      id: created.id,
      body: "# Privacy Statement\n\nRewritten.",
      material: true,
    };
    const updated = await save(edits, colleague);
    expect(updated).toMatchObject({ ...edits, createdAt: created.createdAt });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));
    const after = await api.db.prisma.policyDraft.findUniqueOrThrow({ where: { id: created.id } });
    expect(after.body).toBe(edits.body);
    expect(after.updatedById).toBe(staff.id);
    expect(after.createdById).toBe(row.createdById);

    // One row per draft, whatever the number of saves; the last saved comes first.
    const drafts = await listed();
    expect(drafts.filter((d) => d.id === created.id)).toHaveLength(1);
    expect(drafts.map((d) => d.id).indexOf(created.id)).toBeLessThan(
      drafts.map((d) => d.id).indexOf(sketch.id),
    );
    const times = drafts.map((d) => d.updatedAt);
    expect(times).toEqual([...times].sort().reverse());
    // Nothing is published by saving.
    expect(await api.db.prisma.policyVersion.count({ where: { version: input.version } })).toBe(0);
  });

  it("[P-18] discards a draft: gone from the list, and a second discard or a save to it → NOT_FOUND", async () => {
    const draft = await save(draftInput());
    const discarded = await officer.gql(DISCARD, { id: draft.id });
    expect(discarded.errors).toEqual([]);
    expect(discarded.data?.discardPolicyDraft).toBe(draft.id);
    expect((await listed()).some((d) => d.id === draft.id)).toBe(false);
    expect(await api.db.prisma.policyDraft.count({ where: { id: draft.id } })).toBe(0);

    const again = await officer.gql(DISCARD, { id: draft.id });
    expect(again.errors[0]?.extensions?.code).toBe("NOT_FOUND");
    const revived = await officer.gql(SAVE, { input: { ...draftInput(), id: draft.id } });
    expect(revived.errors[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(await api.db.prisma.policyDraft.count({ where: { id: draft.id } })).toBe(0);
  });

  it("[P-18] publishing a draft makes it a scheduled version, removes the draft, and a material one queues a notice per customer", async () => {
    const people = [await registerCustomer(api.client()), await registerCustomer(api.client())];
    const recipients = await api.db.prisma.customer.count({ where: { erasedAt: null } });
    expect(recipients).toBeGreaterThanOrEqual(people.length);
    const input = draftInput({ material: true, summary: "We now honour Global Privacy Control." });
    const draft = await save(input);

    const result = await officer.gql(PUBLISH_DRAFT, { id: draft.id });
    expect(result.errors).toEqual([]);
    const published = result.data?.publishPolicyDraft;
    expect(published?.policyVersion).toMatchObject({
      version: input.version,
      title: input.title,
      summary: input.summary,
      // Published as a version is: trimmed.
      body: input.body.trim(),
      effectiveAt: input.effectiveAt,
      material: true,
      inForce: false,
      scheduled: true,
    });
    expect(published?.noticesQueued).toBe(recipients);
    const versionId = published?.policyVersion.id ?? "";
    const notices = await api.db.prisma.outboxEmail.findMany({
      where: { kind: "POLICY_NOTICE", textBody: { contains: versionId } },
    });
    expect(notices).toHaveLength(recipients);
    for (const person of people) {
      expect(notices.filter((n) => n.customerId === person.id)).toHaveLength(1);
    }
    expect(notices[0]?.textBody).toContain(input.summary);

    await theDraftIsGoneAndCannotBePublishedTwice(draft.id, input.version);
    await aDraftDatedNowIsInForceAtOnceWithoutANotice();
  });

  async function theDraftIsGoneAndCannotBePublishedTwice(draftId: string, version: string) {
    const draft = { id: draftId };
    const input = { version };
    expect(await api.db.prisma.policyDraft.count({ where: { id: draft.id } })).toBe(0);
    expect((await listed()).some((d) => d.id === draft.id)).toBe(false);
    const twice = await officer.gql(PUBLISH_DRAFT, { id: draft.id });
    expect(twice.errors[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(await api.db.prisma.policyVersion.count({ where: { version: input.version } })).toBe(1);
  }

  /** A draft dated now, not material: in force at once, no notice. */
  async function aDraftDatedNowIsInForceAtOnceWithoutANotice() {
    const outboxBefore = await api.db.prisma.outboxEmail.count();
    const now = await save(draftInput({ effectiveAt: new Date().toISOString() }));
    const inForce = await officer.gql(PUBLISH_DRAFT, { id: now.id });
    expect(inForce.errors).toEqual([]);
    expect(inForce.data?.publishPolicyDraft).toMatchObject({
      noticesQueued: 0,
      policyVersion: { inForce: true, scheduled: false },
    });
    expect(await api.db.prisma.outboxEmail.count()).toBe(outboxBefore);
    const policy = await api.client().gql(POLICY_IN_FORCE);
    expect(policy.data?.policy?.id).toBe(inForce.data?.publishPolicyDraft.policyVersion.id);
  }

  it("two officers publishing the same draft at once publish it once", async () => {
    const input = draftInput();
    const draft = await save(input);
    const other = api.client();
    await signInStaff(api.db.prisma, other, "PRIVACY_OFFICER");
    const results = await Promise.all(
      [officer, other].map((client) => client.gql(PUBLISH_DRAFT, { id: draft.id })),
    );
    const codes = results.map((r) => r.errors[0]?.extensions?.code ?? "OK").sort();
    // The loser finds the draft gone, or the label taken: either way, one version.
    expect(codes[0]).toMatch(/^(BAD_USER_INPUT|NOT_FOUND)$/);
    expect(codes[1]).toBe("OK");
    expect(await api.db.prisma.policyVersion.count({ where: { version: input.version } })).toBe(1);
    expect(await api.db.prisma.policyDraft.count({ where: { id: draft.id } })).toBe(0);
  });

  it("publishing a draft that is not ready is refused naming the field, and keeps the draft as it was", async () => {
    const taken = await save(draftInput());
    expect((await officer.gql(PUBLISH_DRAFT, { id: taken.id })).errors).toEqual([]);
    const counts = async () => ({
      versions: await api.db.prisma.policyVersion.count(),
      drafts: await api.db.prisma.policyDraft.count(),
      outbox: await api.db.prisma.outboxEmail.count(),
    });

    const cases: Array<[Partial<SavePolicyDraftInput>, string]> = [
      [{ version: "" }, "version"],
      [{ version: "2026 07 01" }, "version"],
      [{ version: taken.version }, "version"],
      [{ title: "" }, "title"],
      [{ body: " \n " }, "body"],
      [{ effectiveAt: null }, "effectiveAt"],
      [{ effectiveAt: new Date(Date.now() - DAY).toISOString() }, "effectiveAt"],
      [{ effectiveAt: new Date(Date.now() + 6 * 366 * DAY).toISOString() }, "effectiveAt"],
      [{ effectiveAt: taken.effectiveAt }, "effectiveAt"],
    ];
    for (const [overrides, field] of cases) {
      const draft = await save(draftInput({ ...overrides, material: true }));
      const before = await counts();
      const result = await officer.gql(PUBLISH_DRAFT, { id: draft.id });
      expect(result.errors[0]?.extensions, JSON.stringify(overrides)).toMatchObject({
        code: "BAD_USER_INPUT",
        field,
      });
      // Said to the person at the form: never the input's name.
      expect(result.errors[0]?.message, JSON.stringify(overrides)).not.toMatch(
        /\b(version|body|effectiveAt) (is|must|may)\b|effectiveAt/,
      );
      expect(await counts()).toEqual(before);
      const kept = await officer.gql(DRAFT, { id: draft.id });
      expect(kept.data?.policyDraft).toEqual(draft);
    }
  });

  it("refuses a draft no version could hold, naming the field; malformed ids → BAD_USER_INPUT, unknown → NOT_FOUND", async () => {
    const before = await api.db.prisma.policyDraft.count();
    const cases: Array<[Partial<SavePolicyDraftInput>, string]> = [
      [{ version: "v".repeat(41) }, "version"],
      [{ title: "t".repeat(201) }, "title"],
      [{ title: "Privacy\u0000Statement" }, "title"],
      [{ summary: "s".repeat(2001) }, "summary"],
      [{ body: "text with a \u0000 NUL" }, "body"],
      [{ body: "€".repeat(70_000) }, "body"],
      [{ id: "not-an-id" }, "id"],
    ];
    for (const [overrides, field] of cases) {
      const result = await officer.gql(SAVE, { input: draftInput(overrides) });
      expect(result.errors[0]?.extensions, field).toMatchObject({ code: "BAD_USER_INPUT", field });
      expect(result.errors[0]?.message, field).not.toMatch(/^(version|body|id|title|summary) /);
    }
    // Not a date at all: refused by the DateTimeISO scalar before the resolver runs.
    const notADate = await officer.gql(SAVE, { input: draftInput({ effectiveAt: "2026-02-30" }) });
    expect(notADate.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await api.db.prisma.policyDraft.count()).toBe(before);

    const unknown = randomUUID();
    for (const [operation, send] of BY_ID) {
      const result = await send(officer, unknown);
      expect(result.errors[0]?.extensions?.code, operation).toBe("NOT_FOUND");
    }
    const save = await officer.gql(SAVE, { input: draftInput({ id: unknown }) });
    expect(save.errors[0]?.extensions?.code, "savePolicyDraft").toBe("NOT_FOUND");
    for (const [operation, send] of BY_ID) {
      const result = await send(officer, "1; DROP TABLE x");
      expect(result.errors[0]?.extensions, operation).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "id",
      });
    }
    expect(await api.db.prisma.policyDraft.count()).toBe(before);
  });

  it("[P-18] only a privacy officer reads, saves, discards or publishes drafts: other staff, customers and partners → FORBIDDEN, anonymous → UNAUTHENTICATED", async () => {
    const draft = await save(draftInput({ material: true }));
    const customer = api.client();
    await registerCustomer(customer);
    const counts = async () => ({
      versions: await api.db.prisma.policyVersion.count(),
      drafts: await api.db.prisma.policyDraft.count(),
      outbox: await api.db.prisma.outboxEmail.count(),
    });
    const before = await counts();
    const operations: Array<[string, Send]> = [
      ["policyDrafts", (client) => client.gql(DRAFTS)],
      ["policyDraft", (client, id) => client.gql(DRAFT, { id })],
      ["savePolicyDraft (new)", (client) => client.gql(SAVE, { input: draftInput() })],
      [
        "savePolicyDraft (edit)",
        (client, id) => client.gql(SAVE, { input: { ...draftInput(), id, title: "Changed" } }),
      ],
      ["discardPolicyDraft", (client, id) => client.gql(DISCARD, { id })],
      ["publishPolicyDraft", (client, id) => client.gql(PUBLISH_DRAFT, { id })],
    ];

    const { apiKey } = await createPartner(api.db.prisma, {
      purposes: ["SERVICE_ANNOUNCEMENTS"],
      categories: ["user.contact.email"],
    });
    const refused: Array<[string, ApiClient, string]> = [
      ["customer", customer, "FORBIDDEN"],
      ["partner", api.client({ authorization: `Bearer ${apiKey}` }), "FORBIDDEN"],
      ["anonymous", api.client(), "UNAUTHENTICATED"],
    ];
    for (const role of ["SUPPORT_AGENT", "SECURITY_OFFICER", "AUDITOR", "ADMINISTRATOR"] as const) {
      const client = api.client();
      await signInStaff(api.db.prisma, client, role);
      refused.push([role, client, "FORBIDDEN"]);
    }
    for (const [who, client, code] of refused) {
      for (const [operation, send] of operations) {
        const result = await send(client, draft.id);
        expect(result.errors[0]?.extensions?.code, `${who}: ${operation}`).toBe(code);
        expect(result.data).toBeNull();
      }
    }
    expect(await counts()).toEqual(before);
    const unchanged = await officer.gql(DRAFT, { id: draft.id });
    expect(unchanged.data?.policyDraft).toEqual(draft);
  });
});
