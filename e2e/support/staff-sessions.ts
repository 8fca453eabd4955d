/**
 * Global set-up: signs each demo staff member in once per run, through the console's /graphql
 * proxy, and keeps the session cookie in .auth/<role>.json, so the console tests reuse these
 * sessions instead of signing in through the form every time (scrypt at OWASP's parameters
 * makes each sign-in cost a few hundred milliseconds); the form itself is tested in
 * console-roles.spec.ts. Only failed sign-ins count against the API's limits.
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { request } from "@playwright/test";
import { DEMO_PASSWORD, staffSignInOver } from "./graphql.js";
import { CONSOLE_URL } from "./urls.js";

export const STAFF = {
  support: "support.agent@privet.example",
  privacy: "privacy.officer@privet.example",
  security: "security.officer@privet.example",
  auditor: "auditor@privet.example",
  administrator: "administrator@privet.example",
} as const;

export type StaffKey = keyof typeof STAFF;

const folder = fileURLToPath(new URL("../.auth/", import.meta.url));

export const sessionFile = (who: StaffKey) => `${folder}${who}.json`;

export default async function signInStaff() {
  mkdirSync(folder, { recursive: true });
  for (const who of ["support", "privacy"] as const) {
    const http = await request.newContext({ baseURL: CONSOLE_URL });
    // The privacy officer gives the demo authenticator's code too (support/totp.ts).
    await staffSignInOver(http, STAFF[who], DEMO_PASSWORD, `${CONSOLE_URL}/graphql`);
    await http.storageState({ path: sessionFile(who) });
    await http.dispose();
  }
}
