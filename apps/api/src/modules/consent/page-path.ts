/**
 * What a navigation event may hold (P-05, P-02, P-03): a site path and where the visitor came
 * from, never personal data. Query strings and fragments are dropped whole (they carry search
 * terms, tokens and emails); a path that itself contains an email address or a card number,
 * even percent-encoded ("/pay/4242%204242%20…"), is refused; an external referrer is kept as
 * its origin only. (The input guard has already refused a card number written plainly.)
 */
import { containsCardNumber } from "@privet/domain/card-number";
import { AppError, badInput } from "../../errors/app-error.js";

export const MAX_PATH_LENGTH = 500;

const EMAIL_LIKE = /[^\s/@?#&=]+@[^\s/@?#&=]+\.[A-Za-z]{2,}/;

/** Whitespace or control characters: never part of a path a browser sends. */
function hasSpaceOrControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 32 || code === 127) return true;
  }
  return false;
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function withoutQuery(value: string): string {
  const cut = value.search(/[?#]/);
  return cut === -1 ? value : value.slice(0, cut);
}

/** A path on this site: "/pricing". Returns it without query string or fragment. */
export function pagePath(field: string, value: string): string {
  if (value.length > MAX_PATH_LENGTH) {
    throw badInput(field, `${field} must be at most ${MAX_PATH_LENGTH} characters.`);
  }
  // "//host/…" is a link to another site, not a path on this one.
  if (!value.startsWith("/") || value.startsWith("//")) {
    throw badInput(field, `${field} must be a path on this site, starting with "/".`);
  }
  if (hasSpaceOrControl(value) || value.includes("\\")) {
    throw badInput(field, `${field} contains characters that are not allowed.`);
  }
  const path = withoutQuery(value);
  const readable = decoded(path);
  if (containsCardNumber(readable)) {
    throw new AppError("CARD_NUMBER_REJECTED", "A page path must not contain a card number.", {
      field,
    });
  }
  if (EMAIL_LIKE.test(readable)) {
    throw badInput(field, `${field} must not contain personal data such as an email address.`);
  }
  return path;
}

/** A referrer: a path on this site (kept like pagePath), or another site's origin only. */
export function referrer(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === "") return null;
  if (value.startsWith("/") && !value.startsWith("//")) return pagePath(field, value);
  if (value.length > MAX_PATH_LENGTH) {
    throw badInput(field, `${field} must be at most ${MAX_PATH_LENGTH} characters.`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badInput(field, `${field} must be a path or an http(s) address.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw badInput(field, `${field} must be a path or an http(s) address.`);
  }
  return url.origin;
}
