import { appendConsentEventIn, keyedHash } from "@privet/db/ledger";
import {
  hashPassword,
  needsRehash,
  type ScryptParameters,
  verifyPassword,
} from "@privet/db/passwords";
import { jurisdictionForCountry } from "@privet/domain/clocks";
import { normalEmail, registrationProblems } from "@privet/domain/form-rules";
import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { clearCookie, SESSION_COOKIE } from "../../http/cookies.js";
import * as validate from "../../validation/validate.js";
import { mergeVisitorIntoCustomer } from "../consent/public.js";
import { policyInForce, queueScheduledNoticesFor } from "../policy/public.js";
import { sendCustomerLink } from "./account-links.js";
import {
  AuthPayload,
  OUTSIDE_US_NOTICE,
  RegisterInput,
  StaffMember,
  Viewer,
} from "./auth.types.js";
import { Customer, toCustomer } from "./customer.type.js";
import { beginSignIn, type SignInAttempt, setDeviceCookie } from "./sign-in-limits.js";
import { checkSecondFactor } from "./staff-second-factor.js";
import { startSession } from "./start-session.js";

// A hash to compare against when the email is unknown, so both paths take the same time: made
// once per set of parameters (the server's; tests use cheaper ones).
const decoyHashes = new Map<ScryptParameters, Promise<string>>();
function decoyHash(params: ScryptParameters): Promise<string> {
  let hash = decoyHashes.get(params);
  if (!hash) {
    hash = hashPassword("privet-decoy-password", params);
    decoyHashes.set(params, hash);
  }
  return hash;
}

/**
 * Checks a password against an account's stored hash (or a decoy's when there is no account,
 * or no password yet), after the attempt limits (sign-in-limits.ts) have counted it. A hash
 * made with weaker parameters than the server's is replaced while the password is at hand.
 * Returns whether the password was right, and the attempt, which the caller marks succeeded
 * once everything the sign-in needs (a staff member's second factor too) is right.
 */
export async function verifyAccountPassword(
  context: Context,
  kind: "customer" | "staff",
  email: string,
  account: { readonly id: string; readonly passwordHash: string | null } | null,
  password: string,
): Promise<{ ok: boolean; attempt: SignInAttempt }> {
  const attempt = await beginSignIn(context, kind, email, account?.id ?? null);
  const params = context.config.passwordHashing;
  const stored = account?.passwordHash ?? null;
  const ok = await verifyPassword(password, stored ?? (await decoyHash(params)));
  if (!account || !stored || !ok) return { ok: false, attempt };
  if (needsRehash(stored, params)) {
    const passwordHash = await hashPassword(password, params);
    // Only if the hash is still the one just verified: a concurrent change wins.
    const where = { id: account.id, passwordHash: stored };
    if (kind === "customer") {
      await context.prisma.customer.updateMany({ where, data: { passwordHash } });
    } else {
      await context.prisma.staffUser.updateMany({ where, data: { passwordHash } });
    }
  }
  return { ok: true, attempt };
}

/** verifyAccountPassword for a sign-in that needs nothing more: the limits are told at once. */
async function checkPassword(
  context: Context,
  kind: "customer" | "staff",
  email: string,
  account: { readonly id: string; readonly passwordHash: string } | null,
  password: string,
): Promise<boolean> {
  const { ok, attempt } = await verifyAccountPassword(context, kind, email, account, password);
  if (ok && account) await attempt.succeeded(account.id);
  return ok;
}

function jurisdictionNotice(country: string): string | null {
  return country === "US" ? null : OUTSIDE_US_NOTICE;
}

@Resolver()
export class AccountResolver {
  @Query(() => Customer, { nullable: true, description: "The signed-in customer, or null." })
  async me(@Ctx() context: Context): Promise<Customer | null> {
    if (context.viewer.principal.kind !== "customer") return null;
    const row = await context.prisma.customer.findUnique({
      where: { id: context.viewer.principal.subjectId },
    });
    return row ? toCustomer(row) : null;
  }

  @Query(() => Viewer, { description: "Who is asking: anonymous, a customer, staff or a partner." })
  viewer(@Ctx() { viewer: { principal } }: Context): Viewer {
    return Object.assign(new Viewer(), {
      kind: principal.kind,
      role: principal.kind === "staff" ? principal.role : null,
      processorId: principal.kind === "partner" ? principal.processorId : null,
    });
  }

  @Mutation(() => AuthPayload, {
    description:
      "Registers a customer and signs them in. Registering records a marketing consent with the policy version in force (P-08).",
  })
  async register(
    @Arg("input", () => RegisterInput) input: RegisterInput,
    @Ctx() context: Context,
  ): Promise<AuthPayload> {
    // Every problem at once, by the one rule the sign-up form checks first.
    validate.noProblems(registrationProblems(input));
    const name = input.name.trim();
    const email = normalEmail(input.email);
    const password = input.password;
    const country = input.country.trim().toUpperCase();
    const region = validate.region("region", country, input.region);
    // A budget of its own per IP, apart from sign-in's: every registration counts, and the
    // budget also bounds how many addresses one client can test for an account.
    await context.limits.registrationPerIp.take(
      `register-ip:${context.request.ip}`,
      context.request.now.getTime(),
    );

    const jurisdiction = jurisdictionForCountry(country, region ?? undefined);
    const passwordHash = await hashPassword(password, context.config.passwordHashing);
    const { prisma, request } = context;
    const policy = await policyInForce(prisma, request.now);

    const customer = await prisma
      .$transaction(async (tx) => {
        const created = await tx.customer.create({
          data: {
            name,
            email,
            passwordHash,
            country,
            region,
            jurisdiction,
            createdAt: request.now,
          },
        });
        await appendConsentEventIn(tx, {
          subjectKind: "CUSTOMER",
          subjectId: created.id,
          purpose: "MARKETING",
          state: "GIVEN",
          source: "REGISTRATION",
          policyVersionId: policy?.id ?? null,
          jurisdiction,
          ipHash: keyedHash(request.ip, context.config.hashKey),
          evidence: { form: "registration", gpc: request.gpc, dnt: request.dnt },
          occurredAt: request.now,
        });
        await queueScheduledNoticesFor(tx, created, request.now, context.config.portalUrl);
        // The address is unverified until the emailed link is followed (account-links.ts).
        await sendCustomerLink(context, tx, created, "VERIFY_EMAIL", created.email);
        await startSession(context, { customerId: created.id }, tx);
        return created;
      })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === "P2002") throw new AppError("EMAIL_UNAVAILABLE");
        throw error;
      });
    context.viewer.principal = { kind: "customer", subjectId: customer.id };
    // Choosing the password signs this browser in: it is the account's device from now on.
    setDeviceCookie(context, "customer", customer.id);
    await mergeVisitorIntoCustomer(context, customer.id);
    return Object.assign(new AuthPayload(), {
      customer: toCustomer(customer),
      jurisdictionNotice: jurisdictionNotice(country),
      policyVersion: policy?.version ?? null,
      policyEffectiveAt: policy?.effectiveAt ?? null,
    });
  }

  @Mutation(() => AuthPayload, { description: "Signs a customer in (generic error on failure)." })
  async signIn(
    @Arg("email", () => String) emailInput: string,
    @Arg("password", () => String) password: string,
    @Ctx() context: Context,
  ): Promise<AuthPayload> {
    const email = validate.email("email", emailInput);
    // Never held to the password rule: passwords chosen under an older rule keep working.
    const found = await context.prisma.customer.findUnique({ where: { email } });
    const row = found && !found.erasedAt ? found : null;
    const ok = await checkPassword(context, "customer", email, row, password);
    if (!ok || !row) throw new AppError("INVALID_CREDENTIALS");
    await startSession(context, { customerId: row.id });
    context.viewer.principal = { kind: "customer", subjectId: row.id };
    await mergeVisitorIntoCustomer(context, row.id);
    const policy = await policyInForce(context.prisma, context.request.now);
    return Object.assign(new AuthPayload(), {
      customer: toCustomer(row),
      jurisdictionNotice: jurisdictionNotice(row.country),
      policyVersion: policy?.version ?? null,
      policyEffectiveAt: policy?.effectiveAt ?? null,
    });
  }

  @Mutation(() => StaffMember, {
    description:
      "Signs a staff member in (generic error on failure). Administrators and privacy officers (and anyone who set one up) also give the 6-digit code of their authenticator app: without it, after a right password, TOTP_REQUIRED, or TOTP_ENROLMENT_REQUIRED when none is set up yet (beginStaffTotpEnrolment).",
  })
  async staffSignIn(
    @Arg("email", () => String) emailInput: string,
    @Arg("password", () => String) password: string,
    @Arg("totpCode", () => String, { nullable: true }) totpCode: string | null | undefined,
    @Ctx() context: Context,
  ): Promise<StaffMember> {
    const email = validate.email("email", emailInput);
    const found = await context.prisma.staffUser.findUnique({ where: { email } });
    const row = found && !found.disabledAt ? found : null;
    const { ok, attempt } = await verifyAccountPassword(context, "staff", email, row, password);
    if (!ok || !row) throw new AppError("INVALID_CREDENTIALS");
    // Refused here the attempt stays counted: a right password alone is not a sign-in.
    await checkSecondFactor(context, row, totpCode?.trim() || null);
    await attempt.succeeded(row.id);
    await startSession(context, { staffUserId: row.id });
    context.viewer.principal = { kind: "staff", staffId: row.id, role: row.role };
    return Object.assign(new StaffMember(), { id: row.id, name: row.name, role: row.role });
  }

  @Mutation(() => Boolean, { description: "Ends the current session." })
  async signOut(@Ctx() context: Context): Promise<boolean> {
    if (context.viewer.session) {
      await context.prisma.session.update({
        where: { id: context.viewer.session.id },
        data: { revokedAt: context.request.now },
      });
    }
    context.setCookie(clearCookie(SESSION_COOKIE, context.config.production));
    return context.viewer.session !== null;
  }
}
