/**
 * A customer's account emails as they arrive over SMTP: the one-time links of verification,
 * change of address and password reset (apps/api/src/modules/accounts/account-links.ts).
 */
import { type APIRequestContext, expect } from "@playwright/test";
import { staffClient } from "./console.js";
import { gql, gqlOk } from "./graphql.js";
import { headersOf, mailTo } from "./mailbox.js";
import { PORTAL_URL } from "./urls.js";

/** A text/plain body as sent: quoted-printable soft breaks and escapes undone. */
export function decodedBody(raw: string): string {
  return raw
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join("\n\n")
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** The body of the newest email to this address with `subject`, once it has arrived over SMTP. */
export async function mailWith(address: string, subject: string): Promise<string> {
  const officer = await staffClient("privacy");
  try {
    let body = "";
    await expect
      .poll(
        async () => {
          // "Deliver now" as a privacy officer may (the API's worker also delivers every 15 s).
          await gql(officer, "mutation DeliverNow { deliverOutbox { sent } }");
          const matching = (await mailTo(officer, address)).filter((m) =>
            headersOf(m.raw, "Subject").some((s) => s.includes(subject)),
          );
          const newest = matching.at(-1);
          body = newest ? decodedBody(newest.raw) : "";
          return body !== "";
        },
        { message: `the email "${subject}" arrived over SMTP`, timeout: 60_000 },
      )
      .toBe(true);
    return body;
  } finally {
    await officer.dispose();
  }
}

/** The portal link (`path`, e.g. "/verify-email") with its one-time token in an email's body. */
export function linkIn(body: string, path: string): string {
  const link = new RegExp(`https?://\\S+${path}\\?token=[A-Za-z0-9_-]+`).exec(body)?.[0];
  if (!link) throw new Error(`no ${path} link in the email`);
  expect(link.startsWith(PORTAL_URL)).toBe(true);
  return link;
}

/** Verifies a new customer's address as they would: the link of the sign-up email, over the API. */
export async function verifyAddress(http: APIRequestContext, address: string): Promise<void> {
  const link = linkIn(await mailWith(address, "Confirm your email address"), "/verify-email");
  const token = new URL(link).searchParams.get("token");
  await gqlOk(
    http,
    "mutation Confirm($token: String!) { confirmEmail(token: $token) { changed } }",
    {
      token,
    },
  );
}
