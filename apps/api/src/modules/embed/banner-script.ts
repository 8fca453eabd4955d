/**
 * GET /embed/privet-banner.js: the built banner (apps/embed, package @privet/embed), read once
 * from that package's dist. Public code, so any page may load it (Cross-Origin-Resource-Policy
 * cross-origin); cached a day, revalidated by its hash, so a new build reaches sites within a
 * day. Only the sites in PRIVET_EMBED_ORIGINS can then use it.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { RequestHandler } from "express";

function load(): { body: Buffer; etag: string } | null {
  try {
    const file = createRequire(import.meta.url).resolve("@privet/embed/privet-banner.js");
    const body = readFileSync(file);
    return { body, etag: `"${createHash("sha256").update(body).digest("base64url")}"` };
  } catch {
    return null;
  }
}

export function bannerScript(): RequestHandler {
  let script: ReturnType<typeof load> | undefined;
  return (req, res) => {
    script ??= load();
    if (!script) {
      res.status(404).json({
        errors: [
          {
            message: "The banner script has not been built: run npm run build.",
            extensions: { code: "NOT_FOUND" },
          },
        ],
      });
      return;
    }
    res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
    res.setHeader("Cache-Control", "public, max-age=86400");
    res.setHeader("ETag", script.etag);
    if (req.headers["if-none-match"] === script.etag) {
      res.status(304).end();
      return;
    }
    res.type("text/javascript; charset=utf-8").send(script.body);
  };
}
