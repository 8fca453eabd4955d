/**
 * Password hashing with scrypt (Node's built-in, memory-hard). The stored form is
 * self-describing, `scrypt$N$r$p$salt$hash`, so parameters can be raised without breaking
 * existing hashes: a hash made with weaker parameters still verifies, and `needsRehash` tells
 * the sign-in to store a new one while it holds the password.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";

export interface ScryptParameters {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  /** Block size. */
  readonly r: number;
  /** Parallelisation. */
  readonly p: number;
}

/**
 * OWASP's Password Storage Cheat Sheet minimum for scrypt: N=2^17, r=8, p=1. One hash takes
 * 128 MiB of memory (128 · N · r bytes) and, on a two-core machine, a few hundred
 * milliseconds; Node runs it on libuv's pool of four threads, so at most four at once.
 */
export const PASSWORD_HASHING: ScryptParameters = { N: 2 ** 17, r: 8, p: 1 };

/**
 * Cheap parameters for databases that live only in memory and die with the process: the test
 * suites and the browser suite, which register hundreds of customers. Never for a database
 * that keeps anything (the API's configuration refuses that).
 */
export const THROWAWAY_PASSWORD_HASHING: ScryptParameters = { N: 2 ** 10, r: 8, p: 1 };

/** The parameters every hash was made with before OWASP's were adopted (kept for tests). */
export const LEGACY_PASSWORD_HASHING: ScryptParameters = { N: 2 ** 14, r: 8, p: 1 };

const KEY_LENGTH = 32;

/**
 * Parameters read from a stored hash are bounded: a row with absurd ones (N = 2^30 asks for
 * 128 GiB) must fail verification, not take the process down.
 */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

/** What OpenSSL allocates for scrypt: 128 · r · (N + 2 + p) bytes, plus some room. */
function memoryFor({ N, r, p }: ScryptParameters): number {
  return 128 * r * (N + 2 + p) + 1024 * 1024;
}

function scrypt(password: string, salt: Buffer, params: ScryptParameters): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(
      password,
      salt,
      KEY_LENGTH,
      { N: params.N, r: params.r, p: params.p, maxmem: memoryFor(params) },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

interface StoredHash {
  readonly params: ScryptParameters;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

function parse(stored: string): StoredHash | null {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash || rest.length > 0) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const powerOfTwo =
    Number.isInteger(params.N) && params.N > 1 && (params.N & (params.N - 1)) === 0;
  if (!powerOfTwo || params.N > MAX_N) return null;
  if (!Number.isInteger(params.r) || params.r < 1 || params.r > MAX_R) return null;
  if (!Number.isInteger(params.p) || params.p < 1 || params.p > MAX_P) return null;
  return { params, salt: Buffer.from(salt, "base64url"), hash: Buffer.from(hash, "base64url") };
}

export async function hashPassword(
  password: string,
  params: ScryptParameters = PASSWORD_HASHING,
): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, params);
  const { N, r, p } = params;
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const actual = await scrypt(password, parsed.salt, parsed.params);
  return actual.length === parsed.hash.length && timingSafeEqual(actual, parsed.hash);
}

/**
 * Whether a stored hash was made with weaker parameters than `target` (any of N, r, p lower):
 * after a successful sign-in, hash the password again and store that. A hash that is already
 * as strong or stronger is left alone; one this module cannot read is not ours to replace.
 */
export function needsRehash(stored: string, target: ScryptParameters = PASSWORD_HASHING): boolean {
  const parsed = parse(stored);
  if (!parsed) return false;
  const { N, r, p } = parsed.params;
  return N < target.N || r < target.r || p < target.p;
}
