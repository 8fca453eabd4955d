/**
 * [P-03] A full card number sent to any entry point is refused before anything runs, and
 * appears nowhere afterwards: not in any table of the database, not in the log. Each entry
 * point the audit found open (registration, page views, partner key labels, staff free text)
 * and the ones that were already closed (support, newsletter, privacy requests, the card form)
 * is tried with the ways people write a card number.
 */
import { testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestApi, type TestApi } from "../test-support/api.js";
import {
  captureOutput,
  createPartner,
  dumpDatabase,
  registerCustomer,
  signInStaff,
  TEST_PASSWORD,
  uniqueEmail,
} from "../test-support/fixtures.js";
import { graphql } from "../test-support/generated/gql.js";

/** The networks' published test numbers, one per entry point so each can be traced. */
const CARDS = {
  registerName: "4242424242424242",
  registerEmail: "5555555555554444",
  pagePath: "4000056655665556",
  pagePathEncoded: "5200828282828210",
  referrer: "5105105105105100",
  newsletter: "378282246310005",
  support: "371449635398431",
  privacyRequest: "6011111111111117",
  paymentToken: "6011000990139424",
  partnerKeyLabel: "3056930009020004",
  breachDescription: "36227206271667",
  purposeHeader: "3566002020360505",
  userAgent: "6200000000000005",
} as const;

/** "4242 4242 4242 4242" */
const spaced = (digits: string) => digits.replace(/(\d{4})(?=\d)/g, "$1 ");
/** "4242-4242-4242-4242" */
const dashed = (digits: string) => digits.replace(/(\d{4})(?=\d)/g, "$1-");
/** "４２４２…" in full-width digits. */
const fullWidth = (digits: string) =>
  [...digits].map((d) => String.fromCharCode(0xff10 + Number(d))).join("");

function refusedAsCard(
  result: { status: number; errors: ReadonlyArray<{ extensions?: Record<string, unknown> }> },
  field: string,
) {
  expect(result.status).toBe(400);
  expect(result.errors[0]?.extensions).toMatchObject({ code: "CARD_NUMBER_REJECTED", field });
}

const REGISTER = graphql(`
  mutation CardRegister($input: RegisterInput!) {
    register(input: $input) { customer { id name } }
  }
`);
const PAGE_VIEW = graphql(`
  mutation CardPageView($path: String!, $referrer: String) {
    recordPageView(path: $path, referrer: $referrer)
  }
`);
const GIVE_REMARKETING = graphql(`
  mutation CardCustomerGivesRemarketing {
    setConsent(purpose: REMARKETING, state: GIVEN) { state }
  }
`);
const REQUEST = graphql(`
  mutation CardPrivacyRequest($input: SubmitPrivacyRequestInput!) {
    submitPrivacyRequest(input: $input) { id }
  }
`);
const SET_CARD = graphql(`
  mutation CardPaymentMethod($input: PaymentMethodInput!) {
    setPaymentMethod(input: $input) { id }
  }
`);
const SUBSCRIBE = graphql(`
  mutation CardNewsletter($email: String!) {
    subscribeNewsletter(email: $email)
  }
`);
const ASK = graphql(`
  mutation CardSupportRequest($input: SubmitSupportRequestInput!) {
    submitSupportRequest(input: $input) { id }
  }
`);
const ISSUE_KEY = graphql(`
  mutation CardPartnerKey($processorId: ID!, $label: String!) {
    issuePartnerApiKey(processorId: $processorId, label: $label) { key }
  }
`);
const RECORD_BREACH = graphql(`
  mutation CardBreach($input: RecordBreachIncidentInput!) {
    recordBreachIncident(input: $input) { id }
  }
`);
const VIEWER = graphql(`
  query CardViewer {
    viewer { kind }
  }
`);

describe.each(testDatabases)("[P-03] card numbers at every entry point on $name", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api?.close());

  /** Every entry point, each with its own card number, written the ways people write one. */
  async function sendCardNumbersEverywhere(): Promise<void> {
    const visitor = api.client();
    await throughRegistration(visitor);
    await throughACustomersPageViewsRequestsAndCard();
    await throughTheNewsletterAndTheContactForm(visitor);
    await throughStaffFreeTextAndThePurposeHeader();

    // A header is not an argument, but a session keeps the User-Agent: it is not kept whole.
    const browser = new (visitor.constructor as typeof ApiClient)(api.url, {
      "user-agent": `Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 card=${CARDS.userAgent}`,
    });
    await registerCustomer(browser);
  }

  async function throughRegistration(visitor: ApiClient) {
    for (const name of [
      `Carl ${CARDS.registerName}`,
      `Carl ${spaced(CARDS.registerName)}`,
      `Carl ${fullWidth(CARDS.registerName)}`,
    ]) {
      const registered = await visitor.gql(REGISTER, {
        input: { name, email: uniqueEmail(), password: TEST_PASSWORD, country: "US" },
      });
      refusedAsCard(registered, "name");
    }
    refusedAsCard(
      await visitor.gql(REGISTER, {
        input: {
          name: "Carl",
          email: `${CARDS.registerEmail}@example.com`,
          password: TEST_PASSWORD,
          country: "US",
        },
      }),
      "email",
    );
  }

  /** A customer who allows advertising, so that a page view would be stored. */
  async function throughACustomersPageViewsRequestsAndCard() {
    const customer = api.client();
    await registerCustomer(customer);
    await customer.gql(GIVE_REMARKETING);
    refusedAsCard(await customer.gql(PAGE_VIEW, { path: `/pay/${CARDS.pagePath}` }), "path");
    refusedAsCard(
      await customer.gql(PAGE_VIEW, {
        path: `/pay/${spaced(CARDS.pagePathEncoded).replaceAll(" ", "%20")}`,
      }),
      "path",
    );
    refusedAsCard(
      await customer.gql(PAGE_VIEW, {
        path: "/pricing",
        referrer: `https://shop.example/${dashed(CARDS.referrer)}`,
      }),
      "referrer",
    );
    refusedAsCard(
      await customer.gql(REQUEST, {
        input: { kind: "ACCESS", details: `My card is\n${spaced(CARDS.privacyRequest)}` },
      }),
      "details",
    );
    refusedAsCard(
      await customer.gql(SET_CARD, {
        input: {
          processorToken: `tok_${CARDS.paymentToken}`,
          brand: "visa",
          last4: "9424",
          expiryMonth: 1,
          expiryYear: new Date().getUTCFullYear() + 2,
        },
      }),
      "processorToken",
    );
  }

  async function throughTheNewsletterAndTheContactForm(visitor: ApiClient) {
    refusedAsCard(
      await visitor.gql(SUBSCRIBE, { email: `${dashed(CARDS.newsletter)}@example.com` }),
      "email",
    );
    refusedAsCard(
      await visitor.gql(ASK, {
        input: {
          subject: "Payment",
          message: `Please charge ${spaced(CARDS.support)}, cvc 123`,
          replyTo: uniqueEmail(),
        },
      }),
      "message",
    );
  }

  async function throughStaffFreeTextAndThePurposeHeader() {
    const admin = api.client();
    await signInStaff(api.db.prisma, admin, "ADMINISTRATOR");
    const { processor } = await createPartner(api.db.prisma, null);
    refusedAsCard(
      await admin.gql(ISSUE_KEY, {
        processorId: processor.id,
        label: `key for ${CARDS.partnerKeyLabel}`,
      }),
      "label",
    );
    const officer = api.client();
    await signInStaff(api.db.prisma, officer, "PRIVACY_OFFICER");
    refusedAsCard(
      await officer.gql(RECORD_BREACH, {
        input: {
          title: "Leak",
          description: `Card ${CARDS.breachDescription} was seen in a log.`,
          discoveredAt: "2026-01-05T00:00:00Z",
          categories: ["user.contact.email"],
          windowStart: "2026-01-01T00:00:00Z",
          windowEnd: "2026-01-02T00:00:00Z",
        },
      }),
      "description",
    );
    refusedAsCard(
      await officer.gql(
        VIEWER,
        {},
        {
          headers: { "x-privet-purpose": "SUPPORT", "x-privet-purpose-ref": CARDS.purposeHeader },
        },
      ),
      "purpose.ref",
    );
  }

  it("[P-03] refuses a card number at every entry point, and it is in no table and no log line afterwards", async () => {
    const { output } = await captureOutput(sendCardNumbersEverywhere);
    const database = await dumpDatabase(api.db.prisma);
    // Digits as sent, and with the separators stripped from what was stored.
    const storedDigits = database.replace(/[\s-]/g, "");
    for (const [entry, digits] of Object.entries(CARDS)) {
      expect(storedDigits.includes(digits), `${entry} in the database`).toBe(false);
      expect(database.includes(fullWidth(digits)), `${entry} (full width) in the database`).toBe(
        false,
      );
      expect(output.replace(/[\s-]/g, "").includes(digits), `${entry} in the log`).toBe(false);
    }
    // The browser whose User-Agent carried one still got its session, with the device data
    // the policy names (browser and system) and without the header itself.
    const sessions = await api.db.prisma.session.findMany({ where: { userAgent: "" } });
    expect(sessions.some((s) => s.browser === "Chrome" && s.os === "Linux")).toBe(true);
  });
});
