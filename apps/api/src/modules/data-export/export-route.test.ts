/**
 * GET /my-data-export over HTTP: the streamed download holds the same document as the
 * `myDataExport` query, for a history of several pages (2,500 reads: the export reads 1,000 at
 * a time), with nothing of another customer; it is the signed-in customer's only, refused
 * without the CSRF-preflight header and from origins the API does not serve.
 */
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import {
  type RegisteredCustomer,
  registerCustomer,
  signInStaff,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import { HISTORY_FIELDS, writeLongHistory } from "../../test-support/long-history.js";
import type { DataExportDocument } from "./data-export.format.js";

const EXPORT = graphql(`
  query ExportForComparison {
    myDataExport
  }
`);

const ASK = graphql(`
  mutation StreamedExportAsk($input: SubmitSupportRequestInput!) {
    submitSupportRequest(input: $input) { id }
  }
`);
const ANSWER = graphql(`
  mutation StreamedExportAnswer($id: ID!, $body: String!) {
    replyToSupportRequest(id: $id, body: $body) { id }
  }
`);

const RECORDS = 500;
const PORTAL_ORIGIN = "https://portal.privet.test";

/** GET /my-data-export as `client` (its cookies), with the preflight header unless told. */
async function download(
  api: TestApi,
  client: ApiClient | null,
  headers: Record<string, string> = { "apollo-require-preflight": "true" },
) {
  const cookie = client ? [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") : "";
  const response = await fetch(new URL("/my-data-export", api.url), {
    headers: { ...headers, ...(cookie ? { cookie } : {}) },
  });
  return { response, text: await response.text() };
}

const withoutExportedAt = ({ exportedAt: _, ...rest }: DataExportDocument) => rest;

describe.each(testDatabases)("GET /my-data-export on $name", (kind) => {
  let api: TestApi;
  let own: ApiClient;
  let customer: RegisteredCustomer;
  let other: RegisteredCustomer;

  beforeAll(async () => {
    api = await startTestApi(kind, { corsOrigins: [PORTAL_ORIGIN] });
    own = api.client();
    customer = await registerCustomer(own);
    other = await registerCustomer(api.client());
    const agent = api.client();
    const { id: agentId } = await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT");
    // Two questions, one answered twice: the replies sit inside the requests in both forms.
    for (const subject of ["First question", "Second question"]) {
      const asked = await own.gql(ASK, { input: { subject, message: `${subject}, in full.` } });
      expect(asked.errors).toEqual([]);
      if (subject === "Second question") {
        for (const body of ["A first answer.", "A second answer."]) {
          const id = asked.data?.submitSupportRequest.id ?? "";
          expect((await agent.gql(ANSWER, { id, body })).errors).toEqual([]);
        }
      }
    }
    await writeLongHistory(api.db.prisma, {
      agentId,
      subjectId: customer.id,
      otherSubjectId: other.id,
      records: RECORDS,
      requestPrefix: "stream",
    });
  }, 120_000);
  afterAll(() => api?.close());

  it("streams, as an attachment, the same document as myDataExport, every read past the first pages included", async () => {
    const { response, text } = await download(api, own);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="privet-my-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    // Written as it is read: no length known up front.
    expect(response.headers.get("content-length")).toBeNull();
    expect(response.headers.get("cache-control")).toBe("no-store");
    const streamed = JSON.parse(text) as DataExportDocument;
    // Laid out as the query's text is: the same keys in the same order, the same indentation.
    expect(text).toBe(JSON.stringify(streamed, null, 2));
    expect(streamed.accessLog).toHaveLength(RECORDS * HISTORY_FIELDS.length);
    expect(new Set(streamed.accessLog.map((e) => `${e.reference} ${e.fieldPath}`)).size).toBe(
      RECORDS * HISTORY_FIELDS.length,
    );
    // Newest first, the newest record's last field first.
    expect(streamed.accessLog[0]).toMatchObject({
      reference: `T-${RECORDS - 1}`,
      fieldPath: "customer.paymentMethod.last4",
    });
    expect(streamed.accessLog.at(-1)).toMatchObject({
      reference: "T-0",
      fieldPath: "customer.name",
    });

    const queried = await own.gql(EXPORT);
    expect(queried.errors).toEqual([]);
    const document = JSON.parse(queried.data?.myDataExport ?? "null") as DataExportDocument;
    expect(withoutExportedAt(streamed)).toEqual(withoutExportedAt(document));
    // Support requests with their answers, newest request first, answers oldest first.
    expect(
      streamed.supportRequests.map((r) => [r.subject, r.replies.map((a) => [a.staffRole, a.body])]),
    ).toEqual([
      [
        "Second question",
        [
          ["SUPPORT_AGENT", "A first answer."],
          ["SUPPORT_AGENT", "A second answer."],
        ],
      ],
      ["First question", []],
    ]);
    expect(streamed.profile.id).toBe(customer.id);
  });

  it("holds nothing of another customer's, and is not itself an audited read", async () => {
    const before = await api.db.prisma.accessRecord.count();
    const { response, text } = await download(api, own);
    expect(response.status).toBe(200);
    for (const value of [other.id, other.email, other.name, "OTHER-"]) {
      expect(text).not.toContain(value);
    }
    expect(await api.db.prisma.accessRecord.count()).toBe(before);
  });

  it("is refused, 401 UNAUTHENTICATED, to anonymous visitors and staff", async () => {
    for (const client of [null, api.client()]) {
      if (client) await signInStaff(api.db.prisma, client, "PRIVACY_OFFICER");
      const { response, text } = await download(api, client);
      expect(response.status).toBe(401);
      expect(response.headers.get("content-disposition")).toBeNull();
      expect(JSON.parse(text)).toEqual({
        errors: [{ message: "Sign in first.", extensions: { code: "UNAUTHENTICATED" } }],
      });
    }
  });

  it("is refused without the CSRF-preflight header, and from an origin the API does not serve", async () => {
    const noPreflight = await download(api, own, {});
    expect(noPreflight.response.status).toBe(400);
    expect(JSON.parse(noPreflight.text).errors[0].extensions.code).toBe("BAD_REQUEST");
    expect(noPreflight.text).not.toContain(customer.email);

    const foreign = await download(api, own, {
      "apollo-require-preflight": "true",
      origin: "https://evil.example",
    });
    expect(foreign.response.status).toBe(403);
    expect(JSON.parse(foreign.text).errors[0].extensions.code).toBe("FORBIDDEN");
    expect(foreign.response.headers.get("access-control-allow-origin")).toBeNull();

    const portal = await download(api, own, {
      "apollo-require-preflight": "true",
      origin: PORTAL_ORIGIN,
    });
    expect(portal.response.status).toBe(200);
    expect(portal.response.headers.get("access-control-allow-origin")).toBe(PORTAL_ORIGIN);
    expect(JSON.parse(portal.text).profile.id).toBe(customer.id);
  });
});
