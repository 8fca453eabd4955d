import type { Context } from "../../context/context.js";

/**
 * Honours Global Privacy Control and records Do Not Track for the request's visitor or
 * customer, before anything executes (P-15). (Filled in by the consent module.)
 */
export async function applyPrivacySignals(_context: Context): Promise<void> {}
