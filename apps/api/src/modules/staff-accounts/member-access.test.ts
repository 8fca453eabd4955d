import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { createStaff, signInStaff } from "../../test-support/fixtures.js";
import {
  actionsOf,
  CHANGE_ROLE,
  DISABLE,
  ENABLE,
  outcome,
  signInWith,
  WHO,
} from "../../test-support/staff-accounts.js";

describe.each(testDatabases)("disabling staff and changing roles on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  it("a disabled member's session ends at once and they cannot sign in; enabled, they can", async () => {
    const admin = api.client();
    const adminRow = await signInStaff(api.db.prisma, admin, "ADMINISTRATOR");
    const agent = await createStaff(api.db.prisma, "SUPPORT_AGENT");
    const agentSession = api.client();
    expect(outcome(await signInWith(agentSession, agent.email, agent.password))).toBe("OK");

    const disabled = await admin.gql(DISABLE, { id: agent.id });
    expect(disabled.data?.disableStaffMember.status).toBe("DISABLED");
    expect((await agentSession.gql(WHO)).data?.viewer.kind).toBe("anonymous");
    expect(outcome(await signInWith(api.client(), agent.email, agent.password))).toBe(
      "INVALID_CREDENTIALS",
    );

    const enabled = await admin.gql(ENABLE, { id: agent.id });
    expect(enabled.data?.enableStaffMember.status).toBe("ACTIVE");
    expect(outcome(await signInWith(api.client(), agent.email, agent.password))).toBe("OK");
    expect(await actionsOf(api.db.prisma, adminRow.id)).toEqual(
      expect.arrayContaining(["disableStaffMember SUCCEEDED", "enableStaffMember SUCCEEDED"]),
    );
  });

  it("an administrator cannot disable themselves, nor demote or disable the last administrator", async () => {
    const admin = api.client();
    const me = await signInStaff(api.db.prisma, admin, "ADMINISTRATOR");
    // Only this administrator is left active (other tests' administrators are disabled here).
    await api.db.prisma.staffUser.updateMany({
      where: { role: "ADMINISTRATOR", id: { not: me.id } },
      data: { disabledAt: new Date() },
    });
    expect(outcome(await admin.gql(DISABLE, { id: me.id }))).toBe("CANNOT_CHANGE_OWN_ACCESS");
    expect(outcome(await admin.gql(CHANGE_ROLE, { id: me.id, role: "AUDITOR" }))).toBe(
      "LAST_ADMINISTRATOR",
    );
    expect((await admin.gql(WHO)).data?.viewer.role).toBe("ADMINISTRATOR");

    // With a second administrator, the first may step down (and the refusals are on record).
    const second = await createStaff(api.db.prisma, "ADMINISTRATOR");
    expect(outcome(await admin.gql(CHANGE_ROLE, { id: me.id, role: "AUDITOR" }))).toBe("OK");
    const audited = await actionsOf(api.db.prisma, me.id);
    expect(audited).toEqual(
      expect.arrayContaining(["disableStaffMember FAILED", "changeStaffRole FAILED"]),
    );
    // An auditor now, the first no longer runs accounts at all.
    expect(outcome(await admin.gql(DISABLE, { id: second.id }))).toBe("FORBIDDEN");
  });

  it("a support agent made a privacy officer is signed out until they set up an authenticator", async () => {
    const admin = api.client();
    await signInStaff(api.db.prisma, admin, "ADMINISTRATOR");
    const agent = await createStaff(api.db.prisma, "SUPPORT_AGENT");
    const session = api.client();
    await signInWith(session, agent.email, agent.password);
    const changed = await admin.gql(CHANGE_ROLE, { id: agent.id, role: "PRIVACY_OFFICER" });
    expect(changed.data?.changeStaffRole.role).toBe("PRIVACY_OFFICER");
    expect((await session.gql(WHO)).data?.viewer.kind).toBe("anonymous");
    expect(outcome(await signInWith(api.client(), agent.email, agent.password))).toBe(
      "TOTP_ENROLMENT_REQUIRED",
    );
  });
});
