/**
 * The generator of malformed-requests.test.ts: from a seed, requests a client could send but
 * never should — broken JSON and bodies of the wrong shape, mangled operations taken from the
 * front ends' own documents, wrong variables, odd methods, paths and headers, hostile Unicode.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** mulberry32: a small seeded generator, so the same seed sends the same 2,000 requests. */
export function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}
export type Random = ReturnType<typeof generator>;

/** The operations the portal and the console send: a corpus of realistic queries to mangle. */
export function corpus(): string[] {
  const root = new URL("../../../../packages/client/src/", import.meta.url).pathname;
  const documents: string[] = [];
  for (const app of ["portal", "console"]) {
    for (const file of readdirSync(join(root, app))) {
      const text = readFileSync(join(root, app, file), "utf8");
      // One operation per entry; fragments are left with the operations that use them.
      documents.push(
        ...text
          .split(/\n(?=(?:query|mutation|fragment) )/)
          .filter((d) => !d.startsWith("fragment")),
      );
    }
  }
  return documents;
}

const PUNCTUATION = [
  "{",
  "}",
  "(",
  ")",
  "[",
  "]",
  ":",
  "$",
  "@",
  "!",
  "=",
  "...",
  '"',
  "#",
  "\\",
  ",",
];
const ODD_STRINGS = [
  "",
  " ",
  "\u0000",
  "\ud800",
  "\udfff",
  "💥".repeat(50),
  "<script>alert(1)</script>",
  '\'; DROP TABLE "Customer"; --',
  "%00%ff",
  "../../etc/passwd",
  "x".repeat(5000),
  "4111 1111 1111 1111",
  "null",
  "NaN",
  "\r\n\r\nHTTP/1.1 200 OK",
];
const ODD_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  2 ** 31,
  2 ** 53 + 1,
  1e308,
  -1e308,
  0.5,
  [],
  {},
  [null],
  { a: { b: { c: { d: {} } } } },
  ...ODD_STRINGS,
];

function mangle(random: Random, text: string): string {
  let result = text;
  const edits = 1 + random.int(4);
  for (let i = 0; i < edits; i++) {
    const at = random.int(result.length + 1);
    switch (random.int(5)) {
      case 0: // delete a span
        result = result.slice(0, at) + result.slice(at + 1 + random.int(8));
        break;
      case 1: // insert punctuation
        result = result.slice(0, at) + random.pick(PUNCTUATION) + result.slice(at);
        break;
      case 2: // insert an odd string
        result = result.slice(0, at) + random.pick(ODD_STRINGS).slice(0, 40) + result.slice(at);
        break;
      case 3: // duplicate a span
        result = result.slice(0, at) + result.slice(at, at + 20) + result.slice(at);
        break;
      default: // an unknown name
        result = `${result.slice(0, at)} unknownField${random.int(100)} ${result.slice(at)}`;
    }
  }
  return result;
}

function oddVariables(random: Random): unknown {
  switch (random.int(6)) {
    case 0:
      return random.pick(ODD_VALUES);
    case 1:
      return { input: random.pick(ODD_VALUES) };
    case 2: {
      const variables: Record<string, unknown> = {};
      for (const name of ["id", "input", "first", "after", "purpose", "ref", "email", "path"]) {
        if (random.next() < 0.5) variables[name] = random.pick(ODD_VALUES);
      }
      return variables;
    }
    case 3:
      return { first: random.pick([-5, 0, 2 ** 31, 1e9, "10", 1.5]) };
    case 4:
      return {
        purpose: random.pick(["SUPPORT", "support", "NOPE", 1, null]),
        ref: random.pick(ODD_VALUES),
      };
    default:
      return {};
  }
}

const HOSTILE_OPERATIONS = [
  "subscription { viewer { kind } }",
  "subscription S { me { id } }",
  'query @purpose(name: SUPPORT, ref: "bad ref with spaces") { viewer { kind } }',
  "query @purpose(name: NOT_A_PURPOSE) { viewer { kind } }",
  "query @purpose { viewer { kind } }",
  "query @unknown { viewer { kind } }",
  "{ customers(first: 99999999999) { nodes { id } } }",
  "{ customers(first: -1) { nodes { id } } }",
  "{ partnerSubjects(first: 500) { nodes { id name email navigationEvents { path } } } }",
  "{ auditEvents(first: 10000) { nodes { id } } }",
  `{ ${Array.from({ length: 60 }, (_, i) => `a${i}: viewer { kind }`).join(" ")} }`,
  "{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name } } } } } } } }",
  '{ __type(name: "Customer") { fields { name } } }',
  "fragment F on Query { ...F } { ...F }",
  "query A { viewer { kind } } query B { viewer { kind } }",
  'mutation { signIn(email: "x", password: "y") { customer { id } } }',
  "mutation { register(input: {}) { customer { id } } }",
  'mutation { recordPageView(path: "//evil.example/x") }',
  '{ customer(id: "not-a-uuid") { id } }',
  '{ customer(id: "00000000-0000-0000-0000-000000000000") { id name } }',
  '{ policyVersion(id: "\' OR 1=1 --") { id } }',
  "{ viewer { kind } ",
  "",
  "#",
  "{}",
];

/** Percent-encoded, lone surrogates included (encodeURIComponent refuses those). */
function queryText(text: string): string {
  return [...text]
    .map((c) => {
      try {
        return encodeURIComponent(c);
      } catch {
        return "%ED%A0%80";
      }
    })
    .join("");
}

export interface Malformed {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string | Uint8Array;
}

const JSON_HEADERS = { "content-type": "application/json", "apollo-require-preflight": "1" };

export function malformedRequest(random: Random, documents: readonly string[]): Malformed {
  const query = () =>
    random.next() < 0.5 ? mangle(random, random.pick(documents)) : random.pick(HOSTILE_OPERATIONS);
  const json = (body: unknown, headers: Record<string, string> = JSON_HEADERS): Malformed => ({
    method: "POST",
    path: "/graphql",
    headers,
    body: JSON.stringify(body),
  });
  switch (random.int(12)) {
    case 0: {
      // Random bytes as a JSON body.
      const bytes = new Uint8Array(1 + random.int(200)).map(() => random.int(256));
      return { method: "POST", path: "/graphql", headers: JSON_HEADERS, body: bytes };
    }
    case 1: {
      // Truncated JSON.
      const text = JSON.stringify({ query: random.pick(documents), variables: { id: "x" } });
      return {
        method: "POST",
        path: "/graphql",
        headers: JSON_HEADERS,
        body: text.slice(0, random.int(text.length)),
      };
    }
    case 2:
      // A body of the wrong shape.
      return json(
        random.pick<unknown>([
          [],
          [{ query: "{ viewer { kind } }" }],
          1,
          "query",
          null,
          true,
          { query: 1 },
          { query: null },
          { query: ["{ viewer { kind } }"] },
          { query: "{ viewer { kind } }", variables: "x" },
          { query: "{ viewer { kind } }", variables: [] },
          { query: "{ viewer { kind } }", operationName: 3 },
          { query: "{ viewer { kind } }", operationName: "Missing" },
          { query: "{ viewer { kind } }", extensions: "x" },
          {
            query: "{ viewer { kind } }",
            extensions: { persistedQuery: { version: 1, sha256Hash: "x" } },
          },
          { extensions: { persistedQuery: { version: 1, sha256Hash: "a".repeat(64) } } },
          {},
        ]),
      );
    case 3:
    case 4:
    case 5:
      // A mangled or hostile operation.
      return json({ query: query(), variables: random.next() < 0.5 ? oddVariables(random) : {} });
    case 6:
      // A real operation with variables of the wrong kind.
      return json({ query: random.pick(documents), variables: oddVariables(random) });
    case 7:
      // Odd headers: content types, purposes, cookies, keys.
      return json(
        { query: random.pick(documents), variables: {} },
        {
          "content-type": random.pick([
            "application/json",
            "application/json; charset=latin1",
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/graphql",
            "garbage",
          ]),
          ...(random.next() < 0.7 ? { "apollo-require-preflight": "1" } : {}),
          ...(random.next() < 0.5
            ? { "x-privet-purpose": random.pick(["SUPPORT", "nope", "", "caf\u00e9"]) }
            : {}),
          ...(random.next() < 0.5
            ? { "x-privet-purpose-ref": random.pick(["T-1", "a b", "x".repeat(300), "%%"]) }
            : {}),
          ...(random.next() < 0.5
            ? {
                cookie: random.pick([
                  "privet_session=x",
                  "privet_session=",
                  "privet_visitor=\u00ff\u00fe",
                  "a=b; =; ;;",
                ]),
              }
            : {}),
          ...(random.next() < 0.5
            ? {
                authorization: random.pick([
                  "Bearer",
                  "Bearer ",
                  "Bearer pk_x",
                  "Basic abc",
                  "Bearer pk_" + "a".repeat(500),
                ]),
              }
            : {}),
          ...(random.next() < 0.3
            ? {
                accept: random.pick([
                  "text/html",
                  "*/*",
                  "application/graphql-response+json",
                  "multipart/mixed",
                ]),
              }
            : {}),
        },
      );
    case 8: {
      // GET with odd parameters.
      const params = new URLSearchParams();
      if (random.next() < 0.8) params.set("query", query());
      if (random.next() < 0.5)
        params.set("variables", random.pick(["{", "[]", "null", '{"id":1}', "x"]));
      if (random.next() < 0.3)
        params.set("extensions", random.pick(["{", "1", '{"persistedQuery":1}']));
      return {
        method: "GET",
        path: `/graphql?${params}`,
        headers: { "apollo-require-preflight": "1" },
      };
    }
    case 9:
      // Other methods and paths.
      return {
        method: random.pick(["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "POST"]),
        path: random.pick([
          "/graphql",
          "/graphql/",
          "/graphql?x=%",
          "/",
          "/nope",
          "/health/x",
          "/%E0%A4%A",
        ]),
        headers: JSON_HEADERS,
        body: random.next() < 0.5 ? "{}" : undefined,
      };
    case 10:
      // The unsubscribe endpoint with bad tokens.
      return {
        method: random.pick(["GET", "POST"]),
        path: `/unsubscribe?token=${queryText(random.pick(ODD_STRINGS).slice(0, 200))}`,
        headers: {
          "content-type": random.pick([
            "application/x-www-form-urlencoded",
            "application/json",
            "text/plain",
          ]),
        },
        body: random.next() < 0.5 ? "List-Unsubscribe=One-Click" : "{",
      };
    default:
      // JSON with lone surrogates, NUL bytes and deep nesting written by hand.
      return {
        method: "POST",
        path: "/graphql",
        headers: JSON_HEADERS,
        body: random.pick([
          '{"query":"{ viewer { kind } }","variables":{"x":"\\ud800"}}',
          '{"query":"\\u0000"}',
          `{"query":"{ viewer { kind } }","variables":${"[".repeat(5000)}${"]".repeat(5000)}}`,
          '{"query":"{ viewer { kind } }","variables":{"__proto__":{"polluted":true}}}',
          '{"query":"{ viewer { kind } }", "query": "{ me { id } }"}',
        ]),
      };
  }
}
