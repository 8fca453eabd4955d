// The baseline for the read path: the same partner list served the plainest way that still
// speaks GraphQL — node:http, graphql-js `execute` and `pg`, one SQL statement per request, no
// privacy (no decision, no audit), no framework. It returns the same rows and the same bytes
// as Privet's `partnerSubjects` for the benchmark's query (pseudonyms included), so the
// benchmark can say what Privet's stack costs on top of the work itself.
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { buildSchema, execute, parse, validate } from "graphql";
import pg from "pg";

const SDL = `
  enum Purpose { CROSS_BORDER_CONSOLIDATION }
  directive @purpose(name: Purpose!, ref: String) on QUERY
  type PartnerSubject {
    name: String
    email: String
    country: String
    pseudonymousId: String
    cardLast4: String
  }
  type PartnerSubjectEdge { node: PartnerSubject! }
  type PartnerSubjectConnection { edges: [PartnerSubjectEdge!]! }
  type Query { partnerSubjects(first: Int = 50): PartnerSubjectConnection! }
`;

// Customers not erased, in id order, each with their first visitor's cookie and the last four
// digits of their current card: the rows Privet's list shows.
const PAGE_SQL = `
  SELECT c."name", c."email", c."country",
    (SELECT v."cookieId" FROM "Visitor" v WHERE v."customerId" = c."id"
      ORDER BY v."createdAt", v."id" LIMIT 1) AS "cookieId",
    (SELECT p."last4" FROM "PaymentMethod" p WHERE p."customerId" = c."id" AND p."replacedAt" IS NULL
      ORDER BY p."createdAt" DESC, p."id" DESC LIMIT 1) AS "cardLast4"
  FROM "Customer" c WHERE c."erasedAt" IS NULL ORDER BY c."id" LIMIT $1`;

/**
 * Starts the bare server on `port`; `onQuery` is called per statement (the benchmark counts
 * them). `processorId` and `hashKey` make the same pseudonyms Privet gives that partner.
 */
export async function startBareServer({ connectionString, port, processorId, hashKey, onQuery }) {
  const pool = new pg.Pool({ connectionString, max: 10 });
  const schema = buildSchema(SDL);
  const rootValue = {
    partnerSubjects: async ({ first }) => {
      onQuery?.();
      const { rows } = await pool.query(PAGE_SQL, [first]);
      return {
        edges: rows.map((row) => ({
          node: {
            name: row.name,
            email: row.email,
            country: row.country,
            pseudonymousId: row.cookieId
              ? createHmac("sha256", hashKey)
                  .update(`${processorId}:${row.cookieId}`)
                  .digest("hex")
                  .slice(0, 32)
              : null,
            cardLast4: row.cardLast4,
          },
        })),
      };
    },
  };
  // Parsed and validated once per query text, as Apollo's document cache does.
  const documents = new Map();
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", async () => {
      try {
        const { query, variables } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        let document = documents.get(query);
        if (!document) {
          document = parse(query);
          const errors = validate(schema, document);
          if (errors.length > 0) throw errors[0];
          documents.set(query, document);
        }
        const result = await execute({ schema, document, rootValue, variableValues: variables });
        const body = JSON.stringify(result);
        res.writeHead(200, {
          "content-type": "application/json; charset=utf-8",
          "content-length": Buffer.byteLength(body),
        });
        res.end(body);
      } catch (error) {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ errors: [{ message: String(error?.message ?? error) }] }));
      }
    });
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: async () => {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}
