/**
 * The format of partner API keys, chosen so that secret scanners (GitHub's, gitleaks,
 * trufflehog) can recognise a leaked key and check it offline, as GitHub's own tokens allow:
 *
 *   privet_pk_<32 base62 characters><6 base62 characters>
 *
 * The last 6 characters are the CRC32 of the 32 random ones, in base62, left-padded with "0".
 * A scanner matches PARTNER_KEY_PATTERN and then checks the checksum, so a random string of
 * the right shape is not reported. Keys issued before this format (`pk_` + base64url) keep
 * working; they are simply not recognisable.
 */
import { randomInt } from "node:crypto";
import { crc32 } from "node:zlib";

export const PARTNER_KEY_PREFIX = "privet_pk_";
/** Keys issued before the scanner-friendly format: still accepted. */
export const LEGACY_PARTNER_KEY_PREFIX = "pk_";
/** The documented pattern (docs/partners.md), for scanners. */
export const PARTNER_KEY_PATTERN = /\bprivet_pk_[0-9A-Za-z]{38}\b/;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;

function base62(value: number, width: number): string {
  let text = "";
  for (let rest = value; rest > 0; rest = Math.floor(rest / 62)) text = BASE62[rest % 62] + text;
  return text.padStart(width, "0");
}

/** The 6-character checksum of a key's random part. */
export function partnerKeyChecksum(random: string): string {
  return base62(crc32(random), CHECKSUM_LENGTH);
}

/** A new key: 32 base62 characters from the CSPRNG (~190 bits), then their checksum. */
export function newPartnerKey(): string {
  let random = "";
  for (let i = 0; i < RANDOM_LENGTH; i++) random += BASE62[randomInt(62)];
  return `${PARTNER_KEY_PREFIX}${random}${partnerKeyChecksum(random)}`;
}

/**
 * Whether a bearer token may be a partner key worth looking up: a well-formed new key whose
 * checksum holds, or a legacy key. A typo or a forged string of the new shape costs no query.
 */
export function mayBePartnerKey(token: string): boolean {
  if (token.startsWith(LEGACY_PARTNER_KEY_PREFIX)) return true;
  if (token.length !== PARTNER_KEY_PREFIX.length + RANDOM_LENGTH + CHECKSUM_LENGTH) return false;
  if (!new RegExp(`^${PARTNER_KEY_PATTERN.source.replaceAll("\\b", "")}$`).test(token)) {
    return false;
  }
  const random = token.slice(PARTNER_KEY_PREFIX.length, -CHECKSUM_LENGTH);
  return partnerKeyChecksum(random) === token.slice(-CHECKSUM_LENGTH);
}
