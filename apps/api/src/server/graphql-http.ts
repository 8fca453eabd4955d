/**
 * The GraphQL hot path past Express's router: a plain JSON POST to exactly `/graphql` (every
 * query the portal, the console and the partners send) goes from node:http to Apollo with
 * only the work such a request needs. Express's per-request machinery around it (the router
 * matching every `app.use` layer, body-parser's content-type and charset parsing and raw-body
 * streams, `res.send` hashing every answer for an ETag) was ~12% of a consent read's CPU
 * (bench/RESULTS.md, "Issue 12, consent reads").
 *
 * Nothing of the baseline is skipped: the same security headers, worker header and CORS
 * headers are set, the body limit and strict JSON hold with the same JSON errors, Apollo runs
 * with the same options (CSRF prevention, one operation, the limits), and the request is given
 * Express's request and response prototypes, as Express itself does, so `req.ip` honours
 * `trust proxy` and the context is built by the same code. Anything else — another method or
 * path, no Content-Length, a compressed body, another media type or charset, a body over the
 * limit — is handed to Express unchanged, which answers it as before.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type ApolloServer, type BaseContext, HeaderMap } from "@apollo/server";
import type { Express, Request, Response } from "express";

export interface GraphqlFastPath<C extends BaseContext> {
  readonly app: Express;
  readonly apollo: ApolloServer<C>;
  readonly bodyLimit: number;
  /** What the Express stack sets on every /graphql response before Apollo (headers, CORS). */
  readonly prepare: (req: Request, res: Response) => void;
  readonly context: (req: Request, res: Response) => Promise<C>;
  /** The JSON error answer Express's error handler gives for a bad body. */
  readonly badBody: (res: Response) => void;
}

/** A JSON body this path parses exactly as `express.json()` would (utf-8, not compressed). */
function isPlainJson(req: IncomingMessage, bodyLimit: number): boolean {
  const length = req.headers["content-length"];
  if (length === undefined || !/^[1-9]\d{0,8}$/.test(length) || Number(length) > bodyLimit) {
    return false;
  }
  const encoding = req.headers["content-encoding"];
  if (encoding !== undefined && encoding.toLowerCase() !== "identity") return false;
  const type = req.headers["content-type"];
  if (type === undefined) return false;
  const [mime = "", ...parameters] = type.toLowerCase().split(";");
  if (mime.trim() !== "application/json") return false;
  return parameters.every((p) => /^\s*charset="?utf-8"?\s*$/.test(p));
}

/** Whether `handle` takes this request; if not, Express does. */
export function takesRequest(req: IncomingMessage, bodyLimit: number): boolean {
  if (req.method !== "POST") return false;
  const url = req.url ?? "";
  const path = url.indexOf("?") >= 0 ? url.slice(0, url.indexOf("?")) : url;
  return path === "/graphql" && isPlainJson(req, bodyLimit);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () =>
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)),
    );
    req.on("error", reject);
    // A client gone before the end of its body: nothing to answer. ('close' also follows
    // every complete body: no Error is made then, its stack trace is not free.)
    req.on("close", () => {
      if (!req.complete) reject(new Error("the request ended early"));
    });
  });
}

/** body-parser's strict mode: only an object or an array is a request body. */
function parseJson(body: Buffer): unknown {
  const text = body.toString("utf8");
  let i = 0;
  while (i < text.length && " \t\n\r".includes(text.charAt(i))) i++;
  if (text.charAt(i) !== "{" && text.charAt(i) !== "[") {
    throw new SyntaxError("not an object or array");
  }
  return JSON.parse(text);
}

export function graphqlFastPath<C extends BaseContext>(options: GraphqlFastPath<C>) {
  const { app, apollo } = options;
  return async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
    // What app.handle does for every request: the prototypes that give `req.ip` (with trust
    // proxy), `res.append` and the rest, and the circular references they rely on.
    const req = incoming as Request;
    const res = outgoing as unknown as Response;
    (req as { res?: Response }).res = res;
    (res as { req?: Request }).req = req;
    Object.setPrototypeOf(req, app.request);
    Object.setPrototypeOf(res, app.response);
    options.prepare(req, res);
    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch {
      res.destroy();
      return;
    }
    let body: unknown;
    try {
      body = parseJson(raw);
    } catch {
      options.badBody(res);
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const url = req.url ?? "";
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: "POST",
        headers,
        search: url.indexOf("?") >= 0 ? url.slice(url.indexOf("?")) : "",
        body,
      },
      context: () => options.context(req, res),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === "complete") {
      res.setHeader("Content-Length", Buffer.byteLength(response.body.string));
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
