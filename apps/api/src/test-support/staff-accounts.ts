/**
 * Staff accounts over HTTP: the documents the staff-accounts tests share, and the steps a new
 * member takes (the emailed link, the password, the authenticator app).
 */
import type { PrismaClient } from "@privet/db/client";
import { totpCode, totpStep } from "@privet/db/totp";
import { expect } from "vitest";
import type { ApiClient } from "./api.js";
import { graphql } from "./generated/gql.js";

export const INVITE = graphql(`
  mutation InviteMember($input: InviteStaffMemberInput!) {
    inviteStaffMember(input: $input) { id name email role status secondFactor }
  }
`);
export const SET_PASSWORD = graphql(`
  mutation SetMemberPassword($token: String!, $password: String!) {
    setStaffPassword(token: $token, password: $password) { email secondFactorRequired }
  }
`);
export const MEMBER_SIGN_IN = graphql(`
  mutation MemberSignIn($email: String!, $password: String!, $code: String) {
    staffSignIn(email: $email, password: $password, totpCode: $code) { id role }
  }
`);
export const BEGIN_ENROLMENT = graphql(`
  mutation BeginEnrolment($email: String!, $password: String!) {
    beginStaffTotpEnrolment(email: $email, password: $password) { secret otpauthUri }
  }
`);
export const FORGOT = graphql(`
  mutation ForgotStaffPassword($email: String!) {
    requestStaffPasswordReset(email: $email)
  }
`);
export const DISABLE = graphql(`
  mutation DisableMember($id: ID!) {
    disableStaffMember(id: $id) { id status }
  }
`);
export const ENABLE = graphql(`
  mutation EnableMember($id: ID!) {
    enableStaffMember(id: $id) { id status }
  }
`);
export const CHANGE_ROLE = graphql(`
  mutation ChangeMemberRole($id: ID!, $role: StaffRole!) {
    changeStaffRole(id: $id, role: $role) { id role }
  }
`);
export const RESET_SECOND_FACTOR = graphql(`
  mutation ResetMemberSecondFactor($id: ID!) {
    resetStaffSecondFactor(id: $id) { id secondFactor }
  }
`);
export const RESEND_INVITATION = graphql(`
  mutation ResendMemberInvitation($id: ID!) {
    resendStaffInvitation(id: $id) { id status }
  }
`);
export const SEND_RESET = graphql(`
  mutation SendMemberPasswordReset($id: ID!) {
    sendStaffPasswordReset(id: $id) { id status }
  }
`);
export const ACCOUNT_PAGE = graphql(`
  query StaffAccountPageOf($order: StaffAccountOrder!, $search: String!, $first: Int!, $after: String) {
    staffAccountPage(order: $order, search: $search, first: $first, after: $after) {
      nodes { id name email status }
      pageInfo { endCursor hasNextPage }
    }
  }
`);
export const WHO = graphql(`
  query WhoAmIAsStaff {
    viewer { kind role }
  }
`);

export const NEW_PASSWORD = "a long new staff password";

/** The one-time link's token in the newest staff-account email to this address. */
export async function linkTokenSentTo(prisma: PrismaClient, address: string): Promise<string> {
  const email = await prisma.outboxEmail.findFirstOrThrow({
    where: { toAddress: address, kind: "STAFF_ACCOUNT" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  expect(email.customerId).toBeNull();
  const token = /\/set-password\?token=([A-Za-z0-9_-]+)/.exec(email.textBody)?.[1];
  if (!token) throw new Error("no set-password link in the email");
  return token;
}

/** The code an authenticator app shows for this secret at this time. */
export function codeAt(secret: string, at: Date, stepsAhead = 0): string {
  return totpCode(secret, totpStep(at) + stepsAhead);
}

/** The error code of a response's first error ("OK" when there is none). */
export function outcome(result: { errors: ReadonlyArray<{ extensions?: { code?: string } }> }) {
  return result.errors[0]?.extensions?.code ?? "OK";
}

/** The actions in one member's chain of the staff action log, oldest first. */
export async function actionsOf(prisma: PrismaClient, staffUserId: string) {
  const rows = await prisma.staffAction.findMany({
    where: { staffUserId },
    orderBy: { sequence: "asc" },
    select: { action: true, outcome: true },
  });
  return rows.map((row) => `${row.action} ${row.outcome}`);
}

/** Signs a fresh client in with a password and, when given, a code. */
export async function signInWith(
  client: ApiClient,
  email: string,
  password: string,
  code: string | null = null,
) {
  return client.gql(MEMBER_SIGN_IN, { email, password, code });
}
