import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeSubjectCursor } from "../../pagination/subject-cursor.js";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import {
  accessEventsOf,
  createPartner,
  type RegisteredCustomer,
  registerCustomer,
  signInStaff,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import {
  type Partner,
  PERSONAL_FIELDS,
  partnerClient,
  readPage,
  SET_CONSENT,
  SUBJECTS,
} from "../../test-support/partner-subjects.js";

const ONE_SUBJECT = graphql(`
  query OneSubjectId {
    partnerSubjects(first: 1) { edges { node { id } } }
  }
`);

describe.each(testDatabases)("partner subjects on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("[P-09] a partner key with no agreement gets every personal field redacted (NO_AGREEMENT) across a page", async () => {
    for (let i = 0; i < 3; i++) await registerCustomer(api.client());
    const { processor, apiKey } = await createPartner(api.db.prisma, null);
    const page = await readPage(partnerClient(api, processor, apiKey), "MARKETING", 20);

    expect(page.edges.length).toBeGreaterThanOrEqual(3);
    for (const { node, denied } of page.subjects) {
      for (const field of PERSONAL_FIELDS) {
        expect(node[field]).toBeNull();
        expect(denied[field]).toBe("NO_AGREEMENT");
      }
    }
    expect(page.reasons.size).toBe(page.edges.length * PERSONAL_FIELDS.length);
    // Every refused read is evidence: one DENIED event per redacted field, none allowed.
    const events = await accessEventsOf(api.db.prisma, page.result);
    expect(events).toHaveLength(page.reasons.size);
    expect(new Set(events.map((e) => `${e.outcome}:${e.denyReason}:${e.principalId}`))).toEqual(
      new Set([`DENIED:NO_AGREEMENT:${processor.id}`]),
    );
  });

  it("the email service sees emails only of subjects whose marketing consent is given", async () => {
    const { processor, apiKey } = await createPartner(api.db.prisma, {
      kind: "EMAIL_SERVICE",
      purposes: ["MARKETING"],
      categories: ["user.name", "user.contact.email"],
    });
    const keeps = await registerCustomer(api.client());
    const leaverClient = api.client();
    const leaves = await registerCustomer(leaverClient);
    const withdrawn = await leaverClient.gql(SET_CONSENT, {
      purpose: "MARKETING",
      state: "WITHDRAWN",
    });
    expect(withdrawn.errors).toEqual([]);

    const page = await readPage(partnerClient(api, processor, apiKey), "MARKETING");
    expect(page.bySubject.get(keeps.id)?.node.email).toBe(keeps.email);
    expect(page.bySubject.get(leaves.id)?.node.email).toBeNull();
    expect(page.bySubject.get(leaves.id)?.denied.email).toBe("CONSENT_WITHDRAWN");
    expect(JSON.stringify(page.result.data)).not.toContain(leaves.email);
    // A purpose outside the agreement opens nothing, even for a consenting subject.
    const other = await readPage(partnerClient(api, processor, apiKey), "SERVICE_ANNOUNCEMENTS");
    expect(other.bySubject.get(keeps.id)?.denied.email).toBe("PURPOSE_NOT_PERMITTED");
  });

  it("pages do not overlap and cover every customer not erased; a bad cursor or size is BAD_USER_INPUT", async () => {
    const made: RegisteredCustomer[] = [];
    for (let i = 0; i < 4; i++) made.push(await registerCustomer(api.client()));
    const erased = made[1] as RegisteredCustomer;
    await api.db.prisma.customer.update({
      where: { id: erased.id },
      data: { erasedAt: new Date() },
    });
    const { processor, apiKey } = await createPartner(api.db.prisma, emailAgreement());
    const partner = partnerClient(api, processor, apiKey);

    const { seen, pages } = await walkEveryPageOfThree(partner);
    const expected = await api.db.prisma.customer.findMany({
      where: { erasedAt: null },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    expect(new Set(seen).size).toBe(seen.length);
    // Still in customer id order, each shown as this processor's pseudonym.
    expect(seen).toEqual(expected.map((row) => partner.idOf(row.id)));
    expect(seen).not.toContain(partner.idOf(erased.id));
    expect(pages).toBe(Math.ceil(expected.length / 3));

    await refusesABadCursorOrSize(partner, made[0]?.id ?? "");
  });

  const emailAgreement = () => ({
    purposes: ["MARKETING" as const],
    categories: ["user.contact.email" as const],
  });

  async function walkEveryPageOfThree(partner: Partner) {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await readPage(partner, "MARKETING", 3, after);
      expect(page.result.errors.filter((e) => e.extensions?.code !== "PRIVACY_REDACTED")).toEqual(
        [],
      );
      const info = page.result.data?.partnerSubjects.pageInfo;
      seen.push(...page.edges.map((edge) => edge.node.id));
      expect(info?.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      pages++;
      if (!info?.hasNextPage) break;
      after = info.endCursor ?? undefined;
      expect(pages).toBeLessThan(500);
    }
    return { seen, pages };
  }

  /** A cursor issued to another processor opens nothing here, though it is valid there. */
  async function refusesABadCursorOrSize(partner: Partner, aCustomerId: string) {
    const other = await createPartner(api.db.prisma, emailAgreement());
    const foreign = (
      await readPage(partnerClient(api, other.processor, other.apiKey), "MARKETING", 1)
    ).result.data?.partnerSubjects.pageInfo.endCursor;
    const mine = (await readPage(partner, "MARKETING", 1)).result.data?.partnerSubjects.pageInfo
      .endCursor;
    expect(foreign).toEqual(expect.any(String));
    expect(mine).toEqual(expect.any(String));
    const mineBytes = Buffer.from(mine ?? "", "base64url");
    const tampered = Buffer.from(mineBytes);
    tampered[tampered.length - 1] = (tampered.at(-1) ?? 0) ^ 1;
    expect((await readPage(partner, "MARKETING", 1, mine ?? "")).result.errors).not.toContainEqual(
      expect.objectContaining({ message: "bad cursor" }),
    );

    for (const bad of [
      "not a cursor",
      "bm9wZQ",
      Buffer.from("subject:not-a-uuid").toString("base64url"),
      // The old, plain form, even of a real customer's id.
      encodeSubjectCursor(aCustomerId),
      `${mine}=`,
      mineBytes.subarray(0, mineBytes.length - 1).toString("base64url"),
      tampered.toString("base64url"),
      foreign ?? "",
    ]) {
      const r = await partner.client.gql(SUBJECTS, {
        first: 2,
        after: bad,
        purpose: "MARKETING",
      });
      expect(r.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
      expect(r.errors[0]?.message).toBe("bad cursor");
      expect(r.data).toBeNull();
    }
    for (const first of [0, -1, 501]) {
      const r = await partner.client.gql(SUBJECTS, { first, purpose: "MARKETING" });
      expect(r.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    }
  }

  it("only a partner may list subjects: anonymous is UNAUTHENTICATED, customers and staff FORBIDDEN", async () => {
    expect((await api.client().gql(ONE_SUBJECT)).errors[0]?.extensions?.code).toBe(
      "UNAUTHENTICATED",
    );
    const customer = api.client();
    await registerCustomer(customer);
    expect((await customer.gql(ONE_SUBJECT)).errors[0]?.extensions?.code).toBe("FORBIDDEN");
    const staff = api.client();
    await signInStaff(api.db.prisma, staff, "PRIVACY_OFFICER");
    expect((await staff.gql(ONE_SUBJECT)).errors[0]?.extensions?.code).toBe("FORBIDDEN");
    const forged = api.client({ authorization: "Bearer pk_not-a-real-key" });
    expect((await forged.gql(ONE_SUBJECT)).errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
