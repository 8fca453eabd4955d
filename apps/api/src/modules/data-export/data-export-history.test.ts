/**
 * The data export holds a customer's whole access log, however long: it is read page by page
 * (collect-data-export.ts), so a history longer than one page must come out complete, newest
 * first, with nothing of anyone else.
 */
import { findAccessEvents } from "@privet/db/audit";
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { registerCustomer, signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import { writeLongHistory } from "../../test-support/long-history.js";
import type { DataExportDocument } from "./data-export.format.js";

const EXPORT = graphql(`
  query LongHistoryExport {
    myDataExport
  }
`);

/** More events than one page of the export's reads (1,000), with refused ones in between. */
const RECORDS = 260;

describe.each(testDatabases)("a data export with a long access log on $name", (kind) => {
  let api: TestApi;
  let exported: DataExportDocument;
  let expected: string[];

  beforeAll(async () => {
    api = await startTestApi(kind);
    const own = api.client();
    const customer = await registerCustomer(own);
    const other = await registerCustomer(api.client());
    const agent = api.client();
    const { id: agentId } = await signInStaff(api.db.prisma, agent, "SUPPORT_AGENT");
    // Every other record's card read refused: the export lists allowed reads only.
    await writeLongHistory(api.db.prisma, {
      agentId,
      subjectId: customer.id,
      otherSubjectId: other.id,
      records: RECORDS,
      requestPrefix: "export",
      cardRefused: (r) => r % 2 === 0,
    });
    expected = (
      await findAccessEvents(api.db.prisma, { subjectId: customer.id, outcome: "ALLOWED" })
    )
      .reverse()
      .map((event) => `${event.occurredAt.toISOString()} ${event.fieldPath}`);
    const result = await own.gql(EXPORT);
    expect(result.errors).toEqual([]);
    exported = JSON.parse(result.data?.myDataExport ?? "null") as DataExportDocument;
  });
  afterAll(() => api?.close());

  it("holds every allowed read past the first page, once each, newest first, none of another person's", () => {
    expect(expected).toHaveLength(RECORDS * 5 - RECORDS / 2);
    expect(expected.length).toBeGreaterThan(1000);
    // Within a record, newest first means the last field read first.
    expect(exported.accessLog.map((e) => `${e.occurredAt} ${e.fieldPath}`)).toEqual(expected);
    expect(exported.accessLog.every((e) => e.reference?.startsWith("T-"))).toBe(true);
  });
});
