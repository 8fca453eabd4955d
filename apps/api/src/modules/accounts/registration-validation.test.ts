/**
 * Registration's validation over HTTP: every problem at once, by field, in words; countries
 * from the ISO list only; for the US a state from the list, required — and the California
 * count of a breach (P-17) counts exactly the customers registered in CA.
 */
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../../test-support/api.js";
import { eraseEarlierCustomers, recordedIncident } from "../../test-support/breach-incidents.js";
import {
  createPolicyVersion,
  signInStaff,
  TEST_PASSWORD,
  uniqueEmail,
} from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";

const REGISTER = graphql(`
  mutation ValidatedRegister($input: RegisterInput!) {
    register(input: $input) {
      customer { id country jurisdiction }
    }
  }
`);

/** A message that starts with a field's name ("name is required.") or holds a camelCase one. */
const INTERNAL_NAME = /^[a-z]|[a-z][A-Z]/;

type Problems = Array<{ field: string; message: string }>;

describe.each(testDatabases)("registration's validation on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
    await createPolicyVersion(api.db.prisma);
  });
  afterAll(() => api?.close());

  const register = (input: Partial<{ country: string; region: string | null }> = {}) =>
    api.client().gql(REGISTER, {
      input: {
        name: "Ada Lovelace",
        email: uniqueEmail(),
        password: TEST_PASSWORD,
        country: "US",
        region: "CA",
        ...input,
      },
    });

  /** The one BAD_USER_INPUT error's problems, by field. */
  const problemsOf = (result: Awaited<ReturnType<typeof register>>): Problems => {
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    return result.errors[0]?.extensions?.fields as Problems;
  };

  it("answers every problem at once, each with the field a client shows it next to, in words", async () => {
    const before = await api.db.prisma.customer.count();
    const result = await api.client().gql(REGISTER, {
      input: { name: " ", email: "not-an-email", password: "short", country: "", region: null },
    });
    const problems = problemsOf(result);
    expect(problems.map((p) => p.field)).toEqual(["name", "email", "password", "country"]);
    expect(Object.fromEntries(problems.map((p) => [p.field, p.message]))).toEqual({
      name: "Enter your full name.",
      email: "Enter an email address like name@example.com.",
      password: "Use a password of at least 12 characters.",
      country: "Choose the country you live in.",
    });
    for (const { message } of problems) expect(message).not.toMatch(INTERNAL_NAME);
    // The first is also the error's own field and message, for clients that show one.
    expect(result.errors[0]?.extensions?.field).toBe("name");
    expect(result.errors[0]?.message).toBe("Enter your full name.");
    expect(await api.db.prisma.customer.count()).toBe(before);
  });

  it("accepts only ISO 3166-1 countries: reserved and made-up codes are refused", async () => {
    for (const country of ["ZZ", "UK", "EU", "XK", "USA"]) {
      expect(problemsOf(await register({ country, region: null }))).toEqual([
        { field: "country", message: "Choose a country from the list." },
      ]);
    }
    const fromAland = await register({ country: "ax", region: null });
    expect(fromAland.data?.register.customer).toMatchObject({
      country: "AX",
      jurisdiction: "OTHER",
    });
  });

  it("refuses a US address without a state, or with one not on the list", async () => {
    expect(problemsOf(await register({ region: null }))).toEqual([
      { field: "region", message: "Choose the state you live in." },
    ]);
    for (const region of ["ZZ", "California", "PR"]) {
      expect(problemsOf(await register({ region }))).toEqual([
        { field: "region", message: "Choose a state from the list." },
      ]);
    }
    const inDc = await register({ region: "dc" });
    expect(inDc.errors).toEqual([]);
    const row = await api.db.prisma.customer.findUniqueOrThrow({
      where: { id: inDc.data?.register.customer.id ?? "" },
    });
    expect(row).toMatchObject({ country: "US", region: "DC", jurisdiction: "CCPA" });
  });

  it("[P-17] the California count of a breach counts customers registered in CA, and no one else", async () => {
    await eraseEarlierCustomers(api.db.prisma);
    const windowStart = new Date(Date.now() - 60_000).toISOString();
    const registered = async (country: string, region: string | null) => {
      const result = await register({ country, region });
      expect(result.errors).toEqual([]);
    };
    await registered("US", "CA");
    await registered("US", "ca");
    await registered("US", "NY");
    await registered("US", "DC");
    await registered("DE", "CA"); // a region code elsewhere is not California
    // Refused, so never counted (they used to be stored, as CCPA customers).
    expect(problemsOf(await register({ region: "ZZ" }))).toHaveLength(1);
    expect(problemsOf(await register({ region: null }))).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const windowEnd = new Date().toISOString();

    const officer: ApiClient = api.client();
    await signInStaff(api.db.prisma, officer, "SECURITY_OFFICER");
    const incident = await recordedIncident(officer, {
      windowStart,
      windowEnd,
      discoveredAt: windowEnd,
    });
    expect(incident.affectedCustomers).toBe(5);
    expect(incident.californiaResidents).toBe(2);
  });
});
