import { testDatabases } from "@privet/db/testing";
import type { StaffRole } from "@privet/domain/principals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { createStaff, registerCustomer, signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

const GRANT = graphql(`
  mutation ListedGrant($input: GrantBreakGlassInput!) {
    grantBreakGlass(input: $input) { id active }
  }
`);
const REVOKE = graphql(`
  mutation ListedRevoke($id: ID!) {
    revokeBreakGlass(id: $id) { id }
  }
`);
const GRANTS = graphql(`
  query Grants($activeOnly: Boolean, $first: Int) {
    breakGlassGrants(activeOnly: $activeOnly, first: $first) {
      id customerId staffUserId staffName legalRequestName reason expiresAt revokedAt active
    }
  }
`);

describe.each(testDatabases)("the list of break-glass grants on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("[P-12] lists grants newest first with whether each opens records now: active, revoked, expired", async () => {
    const officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
    const grantee = await createStaff(api.db.prisma, "SECURITY_OFFICER");
    const customer = await registerCustomer(api.client());
    const grant = async (expiresAt: Date) => {
      const result = await officer.gql(GRANT, {
        input: {
          staffUserId: grantee.id,
          customerId: customer.id,
          reason: "MALFUNCTION",
          incidentRef: "INC-5",
          justification: "The sync job corrupted this customer's records.",
          expiresAt: expiresAt.toISOString(),
        },
      });
      expect(result.errors).toEqual([]);
      return result.data?.grantBreakGlass.id ?? "";
    };
    const revoked = await grant(new Date(Date.now() + 3_600_000));
    expect((await officer.gql(REVOKE, { id: revoked })).errors).toEqual([]);
    const expiring = await grant(new Date(Date.now() + 1_500));
    const active = await grant(new Date(Date.now() + 3_600_000));
    // Let the short one run out.
    await new Promise((resolve) => setTimeout(resolve, 1_600));

    const all = await officer.gql(GRANTS);
    expect(all.errors).toEqual([]);
    const mine = (all.data?.breakGlassGrants ?? []).filter((g) => g.customerId === customer.id);
    expect(mine.map((g) => [g.id, g.active])).toEqual([
      [active, true],
      [expiring, false],
      [revoked, false],
    ]);
    expect(mine[2]?.revokedAt).not.toBeNull();
    // The grantee by name, so the console shows people, not ids; no legal request cited.
    expect(mine.map((g) => [g.staffName, g.legalRequestName])).toEqual([
      ["Test SECURITY_OFFICER", null],
      ["Test SECURITY_OFFICER", null],
      ["Test SECURITY_OFFICER", null],
    ]);
    expect(mine[1]?.revokedAt).toBeNull();

    const open = await officer.gql(GRANTS, { activeOnly: true });
    const openIds = (open.data?.breakGlassGrants ?? []).map((g) => g.id);
    expect(openIds).toContain(active);
    expect(openIds).not.toContain(expiring);
    expect(openIds).not.toContain(revoked);
  });

  it("only officers who grant and auditors may list them; bad page sizes are refused", async () => {
    for (const [role, allowed] of [
      ["AUDITOR", true],
      ["SECURITY_OFFICER", true],
      ["SUPPORT_AGENT", false],
      ["ADMINISTRATOR", false],
    ] as Array<[StaffRole, boolean]>) {
      const staff = api.client();
      await signInStaff(api.db.prisma, staff, role);
      const result = await staff.gql(GRANTS);
      if (allowed) expect(result.errors, role).toEqual([]);
      else expect(result.errors[0]?.extensions?.code, role).toBe("FORBIDDEN");
    }
    expect((await api.client().gql(GRANTS)).errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const auditor = api.client();
    await signInStaff(api.db.prisma, auditor, "AUDITOR");
    const bad = await auditor.gql(GRANTS, { first: 0 });
    expect(bad.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });
});
