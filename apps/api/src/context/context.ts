import type { PrismaClient, SqlReader } from "@privet/db/client";
import type { Principal } from "@privet/domain/principals";
import type { ApiConfig } from "../config.js";
import type { GrowingDelay, RateLimiter } from "../http/rate-limit.js";
import type { PrivacyContext } from "../privacy/privacy-context.js";
import type { Loaders } from "./loaders.js";
import type { RequestOperation } from "./request-operation.js";

/** The server's attempt counters (http/rate-limit.ts), each with its own budget. */
export interface AttemptLimiters {
  /** Failed sign-ins per IP, for clients without the account's device cookie. */
  readonly signInPerIp: RateLimiter;
  /** An account's failed sign-ins from such clients: free at first, then growing delays. */
  readonly signInPerAccount: GrowingDelay;
  /** Failed sign-ins per device cookie. */
  readonly signInPerDevice: RateLimiter;
  /** Registrations per IP: a budget of its own, not shared with sign-in. */
  readonly registrationPerIp: RateLimiter;
  /** Anonymous support questions and newsletter sign-ups per IP (each its own key). */
  readonly formsPerIp: RateLimiter;
}

/** What the server knows about the request itself: device data and privacy signals. */
export interface RequestFacts {
  readonly requestId: string;
  readonly ip: string;
  readonly userAgent: string;
  readonly browser: string;
  readonly os: string;
  /** Sec-GPC: 1 — honoured as an advertising opt-out (P-15). */
  readonly gpc: boolean;
  /** DNT: 1 — recorded, not acted on, as the policy says (P-15). */
  readonly dnt: boolean;
  readonly cookies: ReadonlyMap<string, string>;
  readonly now: Date;
}

/**
 * The per-request GraphQL context. What privacy needs of it (the audit writer, the gate, the
 * access-read recorder, whether privacy is enforced) is declared in privacy/privacy-context.ts.
 */
export interface Context extends PrivacyContext {
  readonly prisma: PrismaClient;
  /** Hand-written SQL for the hottest reads, past the ORM (@privet/db's sql-reader.ts). */
  readonly reader: SqlReader;
  readonly config: ApiConfig;
  readonly request: RequestFacts;
  /**
   * Who is asking, and their session. A mutable holder rather than fields on the context:
   * Apollo hands resolvers a shallow copy of the context, and signing in mid-request must be
   * seen by the privacy gate too.
   */
  readonly viewer: { principal: Principal; session: { readonly id: string } | null };
  /** The operation: its name, and the purpose it declares (directive, else headers). */
  readonly operation: RequestOperation;
  /** Per-request DataLoaders: list field resolvers batch through these. */
  readonly loaders: Loaders;
  /** The server's attempt counters (sign-in, registration, anonymous forms). */
  readonly limits: AttemptLimiters;
  /** Queue a Set-Cookie header on the response. */
  setCookie(header: string): void;
}
