import type { ResultOf } from "@graphql-typed-document-node/core";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { registerCustomer, signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

const OVERVIEW = graphql(`
  query Overview {
    privacyOverview {
      consentRates { at purpose given customers rate }
      openRequestsByDueWeek { weekOf open overdue }
      accessesByPurpose { purpose allowed denied }
    }
  }
`);
const WITHDRAW_MARKETING = graphql(`
  mutation OverviewedCustomerWithdrawsMarketing {
    setConsent(purpose: MARKETING, state: WITHDRAWN) { state }
  }
`);
const REQUEST_ACCESS = graphql(`
  mutation OverviewedCustomerRequestsAccess {
    submitPrivacyRequest(input: { kind: ACCESS }) { id dueAt }
  }
`);
const ME = graphql(`
  query OverviewedCustomer {
    me { id }
  }
`);
const STAFF_READ = graphql(`
  query OverviewStaffRead($id: ID!) @purpose(name: SUPPORT, ref: "T-1") {
    customer(id: $id) { email }
  }
`);

type Overview = ResultOf<typeof OVERVIEW>["privacyOverview"];

describe.each(testDatabases)("the console overview on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  async function overview() {
    const officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
    const result = await officer.gql(OVERVIEW);
    expect(result.errors).toEqual([]);
    if (!result.data) throw new Error("no overview");
    return result.data.privacyOverview;
  }
  const now = (o: Overview, purpose: string) =>
    o.consentRates.filter((p) => p.purpose === purpose).at(-1);

  it("counts consent rates from the ledger, open requests by due week, and reads by purpose", async () => {
    const before = await overview();
    expect(new Set(before.consentRates.map((p) => p.at)).size).toBe(12);

    // Registering gives marketing consent; one customer withdraws it, one files a request.
    const stays = api.client();
    await registerCustomer(stays);
    const leaves = api.client();
    await registerCustomer(leaves);
    const withdrawn = await leaves.gql(WITHDRAW_MARKETING);
    expect(withdrawn.errors).toEqual([]);
    const filed = await stays.gql(REQUEST_ACCESS);
    expect(filed.errors).toEqual([]);

    // A staff read under SUPPORT shows in accesses by purpose.
    const agent = api.client();
    await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT");
    const me = await stays.gql(ME);
    const read = await agent.gql(STAFF_READ, { id: me.data?.me?.id ?? "" });
    expect(read.errors).toEqual([]);

    const after = await overview();
    const was = now(before, "MARKETING");
    const is = now(after, "MARKETING");
    expect(is?.customers).toBe((was?.customers ?? 0) + 2);
    expect(is?.given).toBe((was?.given ?? 0) + 1);
    expect(is?.rate).toBeCloseTo((is?.given ?? 0) / (is?.customers ?? 1));
    const open = (o: Overview) => o.openRequestsByDueWeek.reduce((n, b) => n + b.open, 0);
    expect(open(after)).toBe(open(before) + 1);
    const support = (o: Overview) =>
      o.accessesByPurpose.find((a) => a.purpose === "SUPPORT")?.allowed ?? 0;
    expect(support(after)).toBe(support(before) + 1);
  });

  it("is for the people who run the programme, not support agents", async () => {
    const agent = api.client();
    await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT");
    expect((await agent.gql(OVERVIEW)).errors.map((e) => e.extensions?.code)).toEqual([
      "FORBIDDEN",
    ]);
  });
});
