/** Where the stack under test listens: ports of its own, so a running `npm start` (4000) or dev server (5173) does not clash. */
export const API_PORT = Number(process.env.PRIVET_E2E_API_PORT ?? 4310);
export const PORTAL_PORT = Number(process.env.PRIVET_E2E_PORTAL_PORT ?? 4311);
export const CONSOLE_PORT = Number(process.env.PRIVET_E2E_CONSOLE_PORT ?? 4312);
export const API_URL = `http://127.0.0.1:${API_PORT}`;
export const PORTAL_URL = `http://127.0.0.1:${PORTAL_PORT}`;
export const CONSOLE_URL = `http://127.0.0.1:${CONSOLE_PORT}`;
/** The loopback SMTP server the API delivers to (support/smtp-sink.mjs), and where tests read what arrived. */
export const SMTP_PORT = Number(process.env.PRIVET_E2E_SMTP_PORT ?? 4313);
export const SMTP_HTTP_PORT = Number(process.env.PRIVET_E2E_SMTP_HTTP_PORT ?? 4314);
export const MAILBOX_URL = `http://127.0.0.1:${SMTP_HTTP_PORT}`;
/**
 * Another of the company's sites, embedding the banner (support/embed-site.mjs): served as
 * `localhost`, a different origin — and site — from the API's 127.0.0.1, as a real embedding is.
 */
export const SITE_PORT = Number(process.env.PRIVET_E2E_SITE_PORT ?? 4315);
export const SITE_URL = `http://localhost:${SITE_PORT}`;

/** The demo seed's policy versions (packages/db/src/seed/policies.ts): the one in force and the original. */
export const POLICY_IN_FORCE = { version: "2026-01-15", effective: "15 January 2026" } as const;
export const EARLIER_POLICY = { version: "2018-11-02", effective: "2 November 2018" } as const;
