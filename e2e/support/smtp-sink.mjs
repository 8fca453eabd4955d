/**
 * A real SMTP server on loopback for the browser tests (run as a webServer by
 * playwright.config.ts): the API delivers its outbox here (SMTP_URL), and the tests read what
 * arrived over HTTP: GET /messages?to=<address> answers [{ to, from, raw }], GET /health "ok".
 * Plain SMTP without STARTTLS or authentication: it listens on 127.0.0.1 only, for tests only.
 */
import { createServer } from "node:http";
import { SMTPServer } from "smtp-server";

const SMTP_PORT = Number(process.env.PRIVET_E2E_SMTP_PORT ?? 4313);
const HTTP_PORT = Number(process.env.PRIVET_E2E_SMTP_HTTP_PORT ?? 4314);

/** @type {Array<{ to: string[]; from: string; raw: string }>} */
const messages = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  size: 1024 * 1024,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on("data", (chunk) => chunks.push(chunk));
    stream.on("end", () => {
      messages.push({
        to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        raw: Buffer.concat(chunks).toString("utf8"),
      });
      callback();
    });
  },
});
smtp.listen(SMTP_PORT, "127.0.0.1");

createServer((req, res) => {
  const url = new URL(req.url ?? "/", `http://127.0.0.1:${HTTP_PORT}`);
  if (url.pathname === "/health") {
    res.end("ok");
    return;
  }
  if (url.pathname === "/messages") {
    const to = url.searchParams.get("to")?.toLowerCase();
    const found = to ? messages.filter((m) => m.to.includes(to)) : messages;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(found));
    return;
  }
  res.statusCode = 404;
  res.end();
}).listen(HTTP_PORT, "127.0.0.1");
