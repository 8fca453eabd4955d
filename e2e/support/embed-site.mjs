/**
 * Another of the company's sites for the browser tests (a webServer of playwright.config.ts):
 * one page that embeds the Privet banner exactly as the README tells a site to — one script
 * tag pointing at the API — and a "Cookie settings" button that reopens it. GET /health "ok".
 */
import { createServer } from "node:http";

const PORT = Number(process.env.PRIVET_E2E_SITE_PORT ?? 4315);
const API_URL = process.env.PRIVET_E2E_API_URL ?? "http://127.0.0.1:4310";

const PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Privet Shop</title></head>
  <body>
    <main>
      <h1>Privet Shop</h1>
      <p>Another site of the company's.</p>
      <button type="button" data-privet-cookie-settings>Cookie settings</button>
    </main>
    <script src="${API_URL}/embed/privet-banner.js" data-api="${API_URL}" defer></script>
  </body>
</html>`;

createServer((req, res) => {
  if (req.url === "/health") {
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    return;
  }
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
}).listen(PORT, "127.0.0.1");
