/**
 * Every input the customer portal sends, refused over HTTP with bad values: the messages a
 * customer reads are words — none starts with a field's name ("name is required.") or holds a
 * camelCase one ("expiryYear must be…") — while `extensions.field(s)` keep the names clients
 * act on. A form's problems come back all at once.
 */
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GraphQLResponse, startTestApi, type TestApi } from "../test-support/api.js";
import { createPolicyVersion, registerCustomer } from "../test-support/fixtures.js";
import { graphql } from "../test-support/generated/gql.js";

const INTERNAL_NAME = /^[a-z]|[a-z][A-Z]/;

const REGISTER = graphql(`
  mutation PortalMessagesRegister($input: RegisterInput!) {
    register(input: $input) { customer { id } }
  }
`);
const SET_CARD = graphql(`
  mutation PortalMessagesSetCard($input: PaymentMethodInput!) {
    setPaymentMethod(input: $input) { id }
  }
`);
const ASK = graphql(`
  mutation PortalMessagesAsk($input: SubmitSupportRequestInput!) {
    submitSupportRequest(input: $input) { id }
  }
`);
const SUBSCRIBE = graphql(`
  mutation PortalMessagesSubscribe($email: String!) {
    subscribeNewsletter(email: $email)
  }
`);
const REQUEST = graphql(`
  mutation PortalMessagesRequest($input: SubmitPrivacyRequestInput!) {
    submitPrivacyRequest(input: $input) { id }
  }
`);

type Problem = { field: string; message: string };

/** The fields and messages of a refusal: `extensions.fields`, or the one field. */
function problemsOf(result: GraphQLResponse<unknown>): Problem[] {
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors;
  expect(error?.extensions?.code).toBe("BAD_USER_INPUT");
  const fields = error?.extensions?.fields as Problem[] | undefined;
  return fields ?? [{ field: String(error?.extensions?.field), message: error?.message ?? "" }];
}

function expectWords(problems: Problem[]): void {
  for (const { field, message } of problems) {
    expect(message, field).not.toMatch(INTERNAL_NAME);
    expect(message.trim(), field).not.toBe("");
  }
}

describe.each(testDatabases)("the portal's inputs, refused in words, on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
    await createPolicyVersion(api.db.prisma);
  });
  afterAll(() => api?.close());

  it("registration: every field at once", async () => {
    const problems = problemsOf(
      await api.client().gql(REGISTER, {
        input: { name: "", email: "x", password: "", country: "Germany", region: null },
      }),
    );
    expect(problems.map((p) => p.field)).toEqual(["name", "email", "password", "country"]);
    expectWords(problems);
    const us = problemsOf(
      await api.client().gql(REGISTER, {
        input: { name: "A", email: "a@example.com", password: "", country: "US", region: "ZZ" },
      }),
    );
    expect(us.map((p) => p.field)).toEqual(["password", "region"]);
    expectWords(us);
  });

  it("the card: month 13 and a year out of range refused together, each by its field", async () => {
    const client = api.client();
    await registerCustomer(client);
    const thisYear = new Date().getUTCFullYear();
    const input = {
      processorToken: "tok_",
      brand: "bitcoin",
      last4: "12a4",
      expiryMonth: 13,
      expiryYear: thisYear + 21,
    };
    const problems = problemsOf(await client.gql(SET_CARD, { input }));
    expect(Object.fromEntries(problems.map((p) => [p.field, p.message]))).toMatchObject({
      expiryMonth: "Enter the expiry month as a number from 01 to 12.",
      expiryYear: `Enter the expiry year shown on your card, from ${thisYear} to ${thisYear + 20}.`,
    });
    expect(problems.map((p) => p.field)).toEqual([
      "processorToken",
      "brand",
      "last4",
      "expiryMonth",
      "expiryYear",
    ]);
    expectWords(problems);
    const expired = problemsOf(
      await client.gql(SET_CARD, {
        input: {
          ...input,
          processorToken: "tok_abc123",
          brand: "visa",
          last4: "4242",
          expiryMonth: 1,
          expiryYear: thisYear - 1,
        },
      }),
    );
    expect(expired).toEqual([{ field: "expiryYear", message: "This card has expired." }]);
  });

  it("a question: subject, message and reply address at once", async () => {
    const problems = problemsOf(
      await api.client().gql(ASK, { input: { subject: " ", message: "", replyTo: null } }),
    );
    expect(problems.map((p) => p.field)).toEqual(["subject", "message", "replyTo"]);
    expectWords(problems);
    const badAddress = problemsOf(
      await api.client().gql(ASK, { input: { subject: "Hi", message: "Hello", replyTo: "nope" } }),
    );
    expect(badAddress).toEqual([
      { field: "replyTo", message: "Enter an email address like name@example.com." },
    ]);
  });

  it("the newsletter and a privacy request", async () => {
    expectWords(problemsOf(await api.client().gql(SUBSCRIBE, { email: "nope" })));
    const client = api.client();
    await registerCustomer(client);
    expectWords(
      problemsOf(
        await client.gql(REQUEST, { input: { kind: "ACCESS", details: "x".repeat(2001) } }),
      ),
    );
  });
});
