/**
 * What arrived at the loopback SMTP server (support/smtp-sink.mjs), read over its HTTP side:
 * the raw messages to one address, and their headers.
 */
import type { APIRequestContext } from "@playwright/test";
import { MAILBOX_URL } from "./urls.js";

export interface ReceivedMail {
  readonly to: string[];
  readonly raw: string;
}

/** Every message delivered to this address so far. */
export async function mailTo(http: APIRequestContext, address: string): Promise<ReceivedMail[]> {
  const response = await http.get(`${MAILBOX_URL}/messages?to=${encodeURIComponent(address)}`);
  return (await response.json()) as ReceivedMail[];
}

/** Every message delivered so far, to anyone. */
export async function allMail(http: APIRequestContext): Promise<ReceivedMail[]> {
  const response = await http.get(`${MAILBOX_URL}/messages`);
  return (await response.json()) as ReceivedMail[];
}

/** The values of one header in a raw message (unfolded), case-insensitively. */
export function headersOf(raw: string, name: string): string[] {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? "";
  return head
    .replace(/\r?\n[ \t]+/g, " ")
    .split(/\r?\n/)
    .filter((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
    .map((line) => line.slice(name.length + 1).trim());
}
