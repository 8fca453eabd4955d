/**
 * A campaign's email to one customer: the campaign's text (the same for everyone: no name, no
 * account details) and a one-click unsubscribe (P-08), both as a link in the text and as the
 * List-Unsubscribe and List-Unsubscribe-Post headers (RFC 2369, RFC 8058) that mail clients
 * show as an "Unsubscribe" button.
 */
import { unsubscribeToken } from "./unsubscribe-token.js";

/** `apiUrl` is where the API is reached from outside: config.apiUrl (PRIVET_API_URL). */
export function unsubscribeLink(token: string, apiUrl: string): string {
  return `${apiUrl}/unsubscribe?token=${encodeURIComponent(token)}`;
}

export function campaignEmail(
  campaign: { readonly subject: string; readonly body: string },
  emailId: string,
  config: { readonly hashKey: string; readonly apiUrl: string },
): { subject: string; textBody: string; headers: Record<string, string> } {
  const link = unsubscribeLink(unsubscribeToken(emailId, config.hashKey), config.apiUrl);
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
