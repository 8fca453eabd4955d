import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { createStaff, dumpDatabase, signInStaff } from "../../test-support/fixtures.js";
import {
  BEGIN_ENROLMENT,
  codeAt,
  outcome,
  RESET_SECOND_FACTOR,
  signInWith,
  WHO,
} from "../../test-support/staff-accounts.js";

describe.each(testDatabases)("the staff's second factor on $name", (kind) => {
  let api: TestApi;
  const now = new Date("2026-12-07T09:00:10Z");
  beforeAll(async () => {
    api = await startTestApi(kind, { clock: () => new Date(now) });
  });
  afterAll(() => api?.close());

  it("administrators and privacy officers need the code; a replayed code is refused", async () => {
    const admin = await createStaff(api.db.prisma, "ADMINISTRATOR");
    const secret = admin.totpSecret as string;
    expect(outcome(await signInWith(api.client(), admin.email, admin.password))).toBe(
      "TOTP_REQUIRED",
    );
    // A wrong password is refused as before, whatever the code.
    expect(
      outcome(await signInWith(api.client(), admin.email, "wrong-password", codeAt(secret, now))),
    ).toBe("INVALID_CREDENTIALS");
    // Two steps away is outside the window.
    expect(
      outcome(await signInWith(api.client(), admin.email, admin.password, codeAt(secret, now, 2))),
    ).toBe("TOTP_INVALID");
    const code = codeAt(secret, now);
    const first = api.client();
    expect(outcome(await signInWith(first, admin.email, admin.password, code))).toBe("OK");
    expect((await first.gql(WHO)).data?.viewer.role).toBe("ADMINISTRATOR");
    // The same code again, within its window: refused. So is the step before it.
    expect(outcome(await signInWith(api.client(), admin.email, admin.password, code))).toBe(
      "TOTP_INVALID",
    );
    expect(
      outcome(await signInWith(api.client(), admin.email, admin.password, codeAt(secret, now, -1))),
    ).toBe("TOTP_INVALID");
    // The next step's code is still good (the window reaches one step ahead).
    expect(
      outcome(await signInWith(api.client(), admin.email, admin.password, codeAt(secret, now, 1))),
    ).toBe("OK");
  });

  it("other roles sign in with a password alone", async () => {
    for (const role of ["SUPPORT_AGENT", "SECURITY_OFFICER", "AUDITOR"] as const) {
      const member = await createStaff(api.db.prisma, role);
      expect(outcome(await signInWith(api.client(), member.email, member.password)), role).toBe(
        "OK",
      );
    }
  });

  it("an enrolment's secret is stored sealed, never in clear; a reset sends the member back to enrol", async () => {
    const officer = await createStaff(api.db.prisma, "PRIVACY_OFFICER");
    const admin = api.client();
    await signInStaff(api.db.prisma, admin, "ADMINISTRATOR");
    const officerSession = api.client();
    const code = codeAt(officer.totpSecret as string, now);
    await signInWith(officerSession, officer.email, officer.password, code);

    const reset = await admin.gql(RESET_SECOND_FACTOR, { id: officer.id });
    expect(reset.data?.resetStaffSecondFactor.secondFactor).toBe(false);
    expect((await officerSession.gql(WHO)).data?.viewer.kind).toBe("anonymous");
    expect(outcome(await signInWith(api.client(), officer.email, officer.password))).toBe(
      "TOTP_ENROLMENT_REQUIRED",
    );
    const enrolment = await api
      .client()
      .gql(BEGIN_ENROLMENT, { email: officer.email, password: officer.password });
    const secret = enrolment.data?.beginStaffTotpEnrolment.secret as string;
    expect(await dumpDatabase(api.db.prisma)).not.toContain(secret);
    const wrong = await api
      .client()
      .gql(BEGIN_ENROLMENT, { email: officer.email, password: "nope" });
    expect(outcome(wrong)).toBe("INVALID_CREDENTIALS");
    const next = codeAt(secret, now, 1);
    expect(outcome(await signInWith(api.client(), officer.email, officer.password, next))).toBe(
      "OK",
    );
    expect(await dumpDatabase(api.db.prisma)).not.toContain(secret);
    const again = await api
      .client()
      .gql(BEGIN_ENROLMENT, { email: officer.email, password: officer.password });
    expect(outcome(again)).toBe("TOTP_ALREADY_ENROLLED");
  });
});
