/**
 * The API's cookies. Each holds only a random identifier (P-02): the session token, the
 * anonymous visitor's cookie ID, and the device cookies (a random nonce and a signature:
 * device-cookie.ts). Never a name, an email or anything derived from them.
 */
export const SESSION_COOKIE = "privet_session";
export const VISITOR_COOKIE = "privet_visitor";

export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
export const VISITOR_LIFETIME_MS = 365 * 24 * 60 * 60 * 1000;

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    // Our cookies are base64url; anything else is not ours and is ignored.
    if (name && /^[A-Za-z0-9_-]{1,128}$/.test(value) && !cookies.has(name))
      cookies.set(name, value);
  }
  return cookies;
}

export interface CookieOptions {
  readonly secure: boolean;
  readonly maxAgeMs: number;
  /** Lax by default; Strict for a cookie only ever needed on the site's own requests. */
  readonly sameSite?: "Lax" | "Strict";
}

export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [
    `${name}=${value}`,
    "Path=/",
    "HttpOnly",
    `SameSite=${options.sameSite ?? "Lax"}`,
    `Max-Age=${Math.floor(options.maxAgeMs / 1000)}`,
  ];
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}

export function clearCookie(name: string, secure: boolean): string {
  return serializeCookie(name, "", { secure, maxAgeMs: 0 });
}
