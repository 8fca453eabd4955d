/**
 * The partner key format (docs/partners.md, "Authentication"), for checking a candidate
 * offline, as a secret scanner does: `privet_pk_`, 32 base62 characters, then the CRC32 of
 * those 32 in base62, left-padded with "0" to 6 characters.
 */
export const PARTNER_KEY_PATTERN = /\bprivet_pk_[0-9A-Za-z]{38}\b/;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function base62(value: number): string {
  let text = "";
  for (let rest = value; rest > 0; rest = Math.floor(rest / 62)) text = BASE62[rest % 62] + text;
  return text.padStart(6, "0");
}

/** Whether `candidate` is a well-formed partner key whose checksum holds. */
export function isPartnerKey(candidate: string): boolean {
  const match = /^privet_pk_([0-9A-Za-z]{32})([0-9A-Za-z]{6})$/.exec(candidate);
  return match !== null && base62(crc32(match[1] as string)) === match[2];
}
