/**
 * The limits a sign-in passes before its password is checked, customers and staff alike
 * (OWASP's device-cookie scheme, with growing delays for unknown clients):
 *
 * - A request presenting a valid device cookie for this account (device-cookie.ts) is a known
 *   client: it is held only to that cookie's own failure budget (perDevice per 15 minutes;
 *   past it the cookie is locked out). It is not held to the account's delay or the IP's
 *   budget, so an attacker who has exhausted those cannot keep the owner out.
 * - Any other request is an unknown client: the IP's budget of failures (perIp per 15
 *   minutes) and the account's growing delay (free failures, then 1 s, 2 s, 4 s … up to 15
 *   minutes between attempts) both apply.
 *
 * Only failures count. Each attempt is counted before the password is checked — so parallel
 * guesses cannot slip past the count — and a success undoes that: an unknown client's success
 * gives the IP its attempt back and clears the account's failures (it passed the same gate an
 * attacker faces); a known client's success gives its cookie's attempt back and leaves the
 * unknown-client count alone, so an owner signing in does not hand an attacker fresh
 * attempts. Every success sets a new device cookie.
 */
import type { Context } from "../../context/context.js";
import { serializeCookie } from "../../http/cookies.js";
import {
  type AccountKind,
  DEVICE_COOKIE,
  DEVICE_COOKIE_LIFETIME_MS,
  issueDeviceCookie,
  verifyDeviceCookie,
} from "../../http/device-cookie.js";

/** Sets a new device cookie for this account: after a successful sign-in or a registration. */
export function setDeviceCookie(context: Context, kind: AccountKind, accountId: string): void {
  const { config, request } = context;
  const value = issueDeviceCookie(config.hashKey, kind, accountId, request.now.getTime());
  context.setCookie(
    serializeCookie(DEVICE_COOKIE[kind], value, {
      secure: config.production,
      maxAgeMs: DEVICE_COOKIE_LIFETIME_MS,
      // Only ever needed on the sign-in request, which the portal and console send themselves.
      sameSite: "Strict",
    }),
  );
}

export interface SignInAttempt {
  /** Whether the request presented this account's device cookie. */
  readonly knownDevice: boolean;
  /** The password was right: undo the count and set a new device cookie. */
  succeeded(accountId: string): Promise<void>;
}

/**
 * Counts this attempt against the limits that apply, or throws RATE_LIMITED (with
 * retryAfterSeconds) without counting it. `accountId` is the account the email names, if any.
 */
export async function beginSignIn(
  context: Context,
  kind: AccountKind,
  email: string,
  accountId: string | null,
): Promise<SignInAttempt> {
  const { limits, request, config } = context;
  const now = request.now.getTime();
  const nonce = accountId
    ? verifyDeviceCookie(
        config.hashKey,
        kind,
        accountId,
        request.cookies.get(DEVICE_COOKIE[kind]),
        now,
      )
    : null;
  const issueCookie = (id: string) => setDeviceCookie(context, kind, id);

  if (nonce) {
    const deviceKey = `device:${kind}:${nonce}`;
    await limits.signInPerDevice.take(deviceKey, now);
    return {
      knownDevice: true,
      async succeeded(id) {
        await limits.signInPerDevice.giveBack(deviceKey, now);
        issueCookie(id);
      },
    };
  }

  const ipKey = `sign-in-ip:${request.ip}`;
  // The account is keyed by the email asked for, known or not: an unknown address is limited
  // exactly like a known one, so the limits do not tell which emails have accounts.
  const accountKey = `account:${kind}:${email}`;
  await limits.signInPerIp.take(ipKey, now);
  try {
    await limits.signInPerAccount.take(accountKey, now);
  } catch (error) {
    // Refused before any guess was made: the IP is not charged for it.
    await limits.signInPerIp.giveBack(ipKey, now);
    throw error;
  }
  return {
    knownDevice: false,
    async succeeded(id) {
      await limits.signInPerIp.giveBack(ipKey, now);
      await limits.signInPerAccount.reset(accountKey);
      issueCookie(id);
    },
  };
}
