import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { graphql } from "../../test-support/generated/gql.js";

const CONTACT_ADDRESS = graphql(`
  query ContactAddressOverHttp {
    contactAddress
  }
`);

describe.each(testDatabases)("the contact address on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind, { contactEmail: "questions@safesoft.example" });
  });
  afterAll(() => api?.close());

  it("[P-19] anyone, signed in or not, reads the address the policy gives for questions, from the configuration", async () => {
    const result = await api.client().gql(CONTACT_ADDRESS, {});
    expect(result.errors).toEqual([]);
    expect(result.data).toEqual({ contactAddress: "questions@safesoft.example" });
  });
});
