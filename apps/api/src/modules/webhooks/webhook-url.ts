/**
 * Which URLs an endpoint may have: http or https only (no file:, javascript:, ftp:…), no
 * user name or password in it (a credential in a URL ends up in logs and the console), and
 * of a sane length. Answered in words for the registration form.
 */
export const MAX_URL_LENGTH = 2_000;

export function webhookUrlProblem(text: string): string | null {
  if (text.length === 0) return "Enter the endpoint's URL.";
  if (text.length > MAX_URL_LENGTH) {
    return `The URL is too long: at most ${MAX_URL_LENGTH} characters.`;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "Enter a full URL, such as https://partner.example/webhooks.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return "The URL must start with https:// (or http://).";
  }
  if (url.username || url.password) {
    return "The URL must not contain a user name or password: the signature authenticates each delivery.";
  }
  if (url.hash) return "The URL must not contain a #fragment.";
  return null;
}
