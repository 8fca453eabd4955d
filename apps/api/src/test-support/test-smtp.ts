/**
 * A real SMTP server on loopback for tests (smtp-server): it accepts (or refuses) what the API
 * delivers and keeps each message, with its headers parsed just enough to read them.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  readonly to: readonly string[];
  readonly headers: ReadonlyMap<string, string>;
  readonly text: string;
}

export interface TestSmtp {
  readonly url: string;
  readonly messages: ReceivedMail[];
  /** Waits until `count` messages to `to` arrived (or fails after `ms`). */
  waitFor(to: string, count?: number, ms?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** Header lines, unfolded; names lower-cased. */
function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

export function parseMail(raw: string, to: readonly string[]): ReceivedMail {
  const split = raw.indexOf("\r\n\r\n");
  const headers = parseHeaders(raw.slice(0, split));
  let text = raw.slice(split + 4);
  if (headers.get("content-transfer-encoding")?.toLowerCase() === "quoted-printable") {
    text = decodeQuotedPrintable(text);
  }
  return { to, headers, text: text.replace(/\r\n/g, "\n") };
}

export async function startTestSmtp(
  options: { readonly refuseRecipients?: boolean } = {},
): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!options.refuseRecipients) return callback();
      // Like real servers, the refusal quotes the address: the API must not keep it.
      const error = new Error(`5.1.1 <${address.address}>: Recipient address rejected`);
      (error as Error & { responseCode: number }).responseCode = 550;
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
        messages.push(parseMail(Buffer.concat(chunks).toString("utf8"), to));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(to, count = 1, ms = 10_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = messages.filter((mail) => mail.to.includes(to.toLowerCase()));
        if (found.length >= count) return found;
        if (Date.now() > deadline)
          throw new Error(`expected ${count} message(s), got ${found.length}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
