/**
 * The privacy-request lifecycle, every action from every state: the grid below is how the
 * officer's actions behaved before they shared one table (their refusals' reasons and words),
 * checked against the table itself and then through the API on each database.
 */
import type { ResultOf } from "@graphql-typed-document-node/core";
import { testDatabases } from "@privet/db/testing";
import { privacyRequestDueDate } from "@privet/domain/clocks";
import { allowedRequestActions, REQUEST_ACTIONS } from "@privet/domain/request-actions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  type GraphQLResponse,
  startTestApi,
  type TestApi,
} from "../../test-support/api.js";
import { registerCustomer, signInStaff } from "../../test-support/fixtures.js";
import { graphql } from "../../test-support/generated/gql.js";
import { type Action, LIFECYCLE, stepOf } from "./lifecycle.js";
import type { PrivacyRequestStatus } from "./privacy-request-enums.js";

const STATUSES: readonly PrivacyRequestStatus[] = [
  "RECEIVED",
  "VERIFIED",
  "IN_PROGRESS",
  "FULFILLED",
  "REJECTED",
];

/** The state an allowed action leads to, or the refusal's reason and message. */
type Expected = PrivacyRequestStatus | [reason: string, message: string];

const closed = (status: string): Expected => ["CLOSED", `This request is already ${status}.`];
const notReceived = (status: string): Expected => [
  "NOT_RECEIVED",
  `Only a RECEIVED request can be verified (this one is ${status}).`,
];

const GRID: Record<Action, Record<PrivacyRequestStatus, Expected>> = {
  verify: {
    RECEIVED: "VERIFIED",
    VERIFIED: notReceived("VERIFIED"),
    IN_PROGRESS: notReceived("IN_PROGRESS"),
    FULFILLED: notReceived("FULFILLED"),
    REJECTED: notReceived("REJECTED"),
  },
  start: {
    RECEIVED: ["NOT_VERIFIED", "Verify the customer's identity before starting work."],
    VERIFIED: "IN_PROGRESS",
    IN_PROGRESS: ["ALREADY_STARTED", "Work on this request has already started."],
    FULFILLED: closed("FULFILLED"),
    REJECTED: closed("REJECTED"),
  },
  extend: {
    RECEIVED: "RECEIVED",
    VERIFIED: "VERIFIED",
    IN_PROGRESS: "IN_PROGRESS",
    FULFILLED: ["CLOSED", "A FULFILLED request cannot be extended."],
    REJECTED: ["CLOSED", "A REJECTED request cannot be extended."],
  },
  reject: {
    RECEIVED: "REJECTED",
    VERIFIED: "REJECTED",
    IN_PROGRESS: "REJECTED",
    FULFILLED: closed("FULFILLED"),
    REJECTED: closed("REJECTED"),
  },
  fulfil: {
    RECEIVED: ["NOT_VERIFIED", "Verify the customer's identity before fulfilling the request."],
    VERIFIED: "FULFILLED",
    IN_PROGRESS: "FULFILLED",
    FULFILLED: closed("FULFILLED"),
    REJECTED: closed("REJECTED"),
  },
};

const ALREADY_EXTENDED: Expected = ["ALREADY_EXTENDED", "The deadline can be extended only once."];

const CELLS = (Object.keys(GRID) as Action[]).flatMap((action) =>
  STATUSES.map((status) => ({ action, status, expected: GRID[action][status] })),
);

describe("the lifecycle table", () => {
  it.each(CELLS)("$action from $status", ({ action, status, expected }) => {
    const step = stepOf(action, { status, extendedAt: null });
    if (typeof expected === "string") {
      expect(step).toEqual({ to: expected === status && action === "extend" ? "same" : expected });
    } else {
      expect(step).toEqual({ refused: { reason: expected[0], message: expected[1] } });
    }
  });

  it("allows exactly what the console offers (@privet/domain/request-actions), in every state", () => {
    for (const status of STATUSES) {
      for (const extended of [false, true]) {
        const allowed = REQUEST_ACTIONS.filter(
          (action) => "to" in stepOf(action, { status, extendedAt: extended ? new Date() : null }),
        );
        expect(allowed, `${status}${extended ? ", extended" : ""}`).toEqual([
          ...allowedRequestActions(status, extended),
        ]);
      }
    }
  });

  it("extends once: an extended request is refused whatever its open state", () => {
    for (const status of STATUSES) {
      const step = stepOf("extend", { status, extendedAt: new Date() });
      const expected = typeof GRID.extend[status] === "string" ? ALREADY_EXTENDED : null;
      if (expected) {
        expect(step).toEqual({ refused: { reason: expected[0], message: expected[1] } });
      } else {
        expect(step).toEqual(LIFECYCLE.extend[status]);
      }
    }
    // Only extending is limited to once.
    expect(stepOf("reject", { status: "VERIFIED", extendedAt: new Date() })).toEqual({
      to: "REJECTED",
    });
  });
});

const T_VERIFY = graphql(`
  mutation TransitionVerify($id: ID!) {
    verifyPrivacyRequest(id: $id) { id status extendedAt }
  }
`);
const T_START = graphql(`
  mutation TransitionStart($id: ID!) {
    startPrivacyRequest(id: $id) { id status extendedAt }
  }
`);
const T_EXTEND = graphql(`
  mutation TransitionExtend($id: ID!, $text: String!) {
    extendPrivacyRequest(id: $id, reason: $text) { id status extendedAt }
  }
`);
const T_REJECT = graphql(`
  mutation TransitionReject($id: ID!, $text: String!) {
    rejectPrivacyRequest(id: $id, reason: $text) { id status extendedAt }
  }
`);
const T_FULFIL = graphql(`
  mutation TransitionFulfil($id: ID!, $text: String!) {
    fulfilPrivacyRequest(id: $id, note: $text) { id status extendedAt }
  }
`);

/**
 * An action's response, with the request as the action left it (absent when refused): every
 * action's document selects the same fields.
 */
type Acted = GraphQLResponse<unknown> & {
  readonly request?: ResultOf<typeof T_VERIFY>["verifyPrivacyRequest"];
};

/** The mutation for each action, with what it needs besides the id. */
const SEND: Record<Action, (officer: ApiClient, id: string) => Promise<Acted>> = {
  verify: async (officer, id) => {
    const result = await officer.gql(T_VERIFY, { id });
    return { ...result, request: result.data?.verifyPrivacyRequest };
  },
  start: async (officer, id) => {
    const result = await officer.gql(T_START, { id });
    return { ...result, request: result.data?.startPrivacyRequest };
  },
  extend: async (officer, id) => {
    const result = await officer.gql(T_EXTEND, { id, text: "We need to check more systems." });
    return { ...result, request: result.data?.extendPrivacyRequest };
  },
  reject: async (officer, id) => {
    const result = await officer.gql(T_REJECT, { id, text: "Identity could not be confirmed." });
    return { ...result, request: result.data?.rejectPrivacyRequest };
  },
  fulfil: async (officer, id) => {
    const text = "Corrected the postal address on file.";
    const result = await officer.gql(T_FULFIL, { id, text });
    return { ...result, request: result.data?.fulfilPrivacyRequest };
  },
};

describe.each(testDatabases)("every officer action from every state on $name", (kind) => {
  let api: TestApi;
  let officer: ApiClient;
  let customerId: string;
  beforeAll(async () => {
    api = await startTestApi(kind);
    officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
    customerId = (await registerCustomer(api.client(), { country: "FR", region: null })).id;
  });
  afterAll(() => api?.close());

  /** A CORRECTION request (fulfilled with a note alone) already in `status`. */
  async function requestIn(status: PrivacyRequestStatus, extendedAt: Date | null = null) {
    const receivedAt = new Date();
    const closedAt = status === "FULFILLED" || status === "REJECTED" ? receivedAt : null;
    return api.db.prisma.privacyRequest.create({
      data: {
        customerId,
        kind: "CORRECTION",
        jurisdiction: "GDPR",
        status,
        receivedAt,
        dueAt: privacyRequestDueDate("GDPR", receivedAt),
        verifiedAt: status === "RECEIVED" ? null : receivedAt,
        fulfilledAt: closedAt,
        extendedAt,
      },
    });
  }

  function act(action: Action, id: string): Promise<Acted> {
    return SEND[action](officer, id);
  }

  it.each(CELLS)("$action from $status", async ({ action, status, expected }) => {
    const request = await requestIn(status);
    const result = await act(action, request.id);
    if (typeof expected === "string") {
      expect(result.errors).toEqual([]);
      expect(result.request?.status).toBe(expected);
    } else {
      expect(result.data).toBeNull();
      expect(
        result.errors.map((e) => [e.extensions?.code, e.extensions?.reason, e.message]),
      ).toEqual([["BAD_USER_INPUT", ...expected]]);
      const after = await api.db.prisma.privacyRequest.findUniqueOrThrow({
        where: { id: request.id },
      });
      expect(after).toEqual(request);
    }
  });

  it("extends once", async () => {
    const request = await requestIn("IN_PROGRESS");
    expect((await act("extend", request.id)).errors).toEqual([]);
    const again = await act("extend", request.id);
    expect(again.errors.map((e) => [e.extensions?.code, e.extensions?.reason, e.message])).toEqual([
      ["BAD_USER_INPUT", ...ALREADY_EXTENDED],
    ]);
    const stamped = await requestIn("VERIFIED", new Date());
    expect((await act("extend", stamped.id)).errors[0]?.extensions?.reason).toBe(
      "ALREADY_EXTENDED",
    );
  });
});
