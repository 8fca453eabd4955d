/**
 * A campaign's email to one customer: the campaign's text (the same for everyone: no name, no
 * account details) and a one-click unsubscribe (P-08), both as a link in the text and as the
 * List-Unsubscribe and List-Unsubscribe-Post headers (RFC 2369, RFC 8058) that mail clients
 * show as an "Unsubscribe" button.
 */
import { unsubscribeToken } from "./unsubscribe-token.js";

const DEFAULT_API_URL = "http://localhost:4000";

/** Where the API is reached from outside (PRIVET_API_URL), for links in emails. */
export function publicApiUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.PRIVET_API_URL?.trim() || DEFAULT_API_URL).replace(/\/+$/, "");
}

export function unsubscribeLink(token: string, base = publicApiUrl()): string {
  return `${base}/unsubscribe?token=${encodeURIComponent(token)}`;
}

export function campaignEmail(
  campaign: { readonly subject: string; readonly body: string },
  emailId: string,
  hashKey: string,
  base = publicApiUrl(),
): { subject: string; textBody: string; headers: Record<string, string> } {
  const link = unsubscribeLink(unsubscribeToken(emailId, hashKey), base);
  const textBody = [
    campaign.body,
    "",
    "--",
    "You receive this because you agreed to marketing emails from Privet.",
    `Unsubscribe with one click, no sign-in needed: ${link}`,
  ].join("\n");
  return {
    subject: campaign.subject,
    textBody,
    headers: {
      "List-Unsubscribe": `<${link}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}
