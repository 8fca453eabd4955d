/**
 * A partner's webhook receiver for tests: a real HTTP server on 127.0.0.1 (port 0, so the
 * system picks a free one) that checks every request's Standard Webhooks signature with
 * `@privet/partner-client`'s `verifyWebhook` — the code partners are told to use, written from
 * the specification and sharing none with the API's signer, so a signer that drifted from the
 * standard (or from the guide) fails here — and keeps what it received.
 *
 * It can answer with another status (an endpoint in trouble), be stopped (killed mid-way:
 * connections refused) and started again on the same port.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhook, WebhookVerificationError } from "@privet/partner-client";

export interface ReceivedWebhook {
  readonly id: string;
  readonly timestamp: number;
  readonly body: string;
  readonly payload: { type: string; timestamp: string; data: Record<string, unknown> };
  /** The signature checked out with the endpoint's secret, and the timestamp is recent. */
  readonly verified: boolean;
  /** The status the receiver answered. */
  readonly answered: number;
}

export interface WebhookReceiver {
  readonly url: string;
  /** Every request received, in order of arrival. */
  readonly received: ReceivedWebhook[];
  /** The endpoint's secret, once registration has shown it. */
  trust(secret: string): void;
  /** The status to answer from now on (200 by default). */
  answerWith(status: number): void;
  /** Stops listening: deliveries meet a refused connection. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

/** Verified as a partner does, with the partner client's `verifyWebhook` (docs/partners.md). */
function verifiedByPartnerClient(secret: string, request: IncomingMessage, body: string): boolean {
  if (!secret) return false;
  try {
    verifyWebhook(secret, request.headers, body);
    return true;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return false;
    throw error;
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  let secret = "";
  let status = 200;
  const received: ReceivedWebhook[] = [];
  let server: Server | null = null;
  let port = 0;
  const listen = async () => {
    const next = createServer(async (request, response) => {
      const body = await readBody(request);
      const header = (name: string) => String(request.headers[name] ?? "");
      const headers = {
        id: header("webhook-id"),
        timestamp: header("webhook-timestamp"),
        signature: header("webhook-signature"),
      };
      let payload: ReceivedWebhook["payload"] = { type: "", timestamp: "", data: {} };
      try {
        payload = JSON.parse(body);
      } catch {
        // Kept as received: the test sees an empty payload.
      }
      received.push({
        id: headers.id,
        timestamp: Number(headers.timestamp),
        body,
        payload,
        verified: verifiedByPartnerClient(secret, request, body),
        answered: status,
      });
      response.statusCode = status;
      response.end();
    });
    await new Promise<void>((resolve) => next.listen(port, "127.0.0.1", resolve));
    port = (next.address() as AddressInfo).port;
    server = next;
  };
  await listen();
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    trust: (value) => {
      secret = value;
    },
    answerWith: (value) => {
      status = value;
    },
    async stop() {
      const current = server;
      server = null;
      if (!current) return;
      current.closeAllConnections();
      await new Promise<void>((resolve) => current.close(() => resolve()));
    },
    start: listen,
  };
}
