/**
 * Erasure for a DELETION request: everything Privet holds about the customer is deleted or
 * anonymised in one transaction, except the categories an open legal request naming them covers
 * (LegalRequest status not CLOSED: a hold must not be defeated by a deletion request). The
 * consent ledger and the audit log are never touched: they hold the customer's id only, and
 * with the Customer row anonymised that id no longer leads to a person.
 *
 * Returns the outcome recorded on the request: what was erased, what was kept and why.
 */
import type { Prisma } from "@privet/db/client";
import type { ErasedCategory } from "@privet/domain/data-rights";

/**
 * What each piece of the customer's data holds, and how it goes when nothing keeps it. Only
 * categories the domain declares erased (@privet/domain/data-rights) may be listed, and every
 * one of them must be in some piece (ERASURE_PIECES, tested in data-categories.test.ts).
 */
export interface Piece {
  readonly data: string;
  /** The same data in the words the console's erasure preview shows. */
  readonly label: string;
  readonly categories: readonly ErasedCategory[];
}

const NAME: Piece = { data: "Customer.name", label: "Name", categories: ["user.name"] };
const EMAIL: Piece = {
  data: "Customer.email",
  label: "Email address",
  categories: ["user.contact.email"],
};
const COUNTRY: Piece = {
  data: "Customer.country/region",
  label: "Country and region",
  categories: ["user.contact.country"],
};
const SESSION_DEVICE: Piece = {
  data: "Session (IP address, browser, OS, user agent)",
  label: "Devices signed in from (IP address, browser, operating system)",
  categories: ["user.device.ip_address", "user.device.browser", "user.device.os"],
};
const COOKIES: Piece = {
  data: "Visitor (cookie ids)",
  label: "Cookie ids of their browsers",
  categories: ["user.device.cookie_id"],
};
const CARDS: Piece = {
  data: "PaymentMethod",
  label: "Payment cards",
  categories: [
    "user.financial.card.brand",
    "user.financial.card.last4",
    "user.financial.card.expiry",
    "user.financial.card.token",
  ],
};
const NAVIGATION: Piece = {
  data: "NavigationEvent",
  label: "Pages visited",
  categories: ["user.behavior.navigation"],
};
const HELD: Piece = {
  data: "CustomerHeldRecord",
  label: "Records they hold about other people",
  categories: ["user.held.other_individuals"],
};
const NEWSLETTER: Piece = {
  data: "NewsletterSubscriber",
  label: "Newsletter subscription",
  categories: ["user.contact.email"],
};
const SUPPORT: Piece = {
  data: "SupportRequest (subject, message, reply address)",
  label: "Support questions and our answers to them (subject, message, reply address)",
  categories: ["user.content.message"],
};
const REQUESTS: Piece = {
  data: "PrivacyRequest (details, stored exports)",
  label: "Their privacy requests' details and stored data exports",
  categories: ["user.content.message"],
};
const EMAILS: Piece = {
  data: "OutboxEmail (address and body)",
  label: "Emails sent to them (address and text)",
  categories: ["user.contact.email"],
};
// Always replaced, and not listed in the outcome: nobody can read a password, so no legal
// request can need it kept.
const PASSWORD: Piece = {
  data: "Customer.passwordHash",
  label: "Password",
  categories: ["user.credentials.password"],
};

/** Every piece erasure goes through, so a test can hold them against the domain's table. */
export const ERASURE_PIECES: readonly Piece[] = [
  NAME,
  EMAIL,
  COUNTRY,
  SESSION_DEVICE,
  COOKIES,
  CARDS,
  NAVIGATION,
  HELD,
  NEWSLETTER,
  SUPPORT,
  REQUESTS,
  EMAILS,
  PASSWORD,
];

export interface Hold {
  readonly legalRequestId: string;
  readonly kind: string;
  readonly legalHold: boolean;
  readonly categories: readonly string[];
}

type Kept = {
  readonly data: string;
  readonly categories: string[];
  readonly count: number;
  readonly reason: "LEGAL_HOLD" | "OPEN_LEGAL_REQUEST" | "BREACH_NOTIFICATION_RECORD";
  readonly why: string;
  readonly legalRequestIds?: string[];
};

export type ErasureOutcome = {
  readonly kind: "DELETION";
  readonly erasedAt: string;
  readonly erased: Array<{ data: string; count: number }>;
  readonly kept: Kept[];
  readonly sessionsRevoked: number;
  readonly untouched: string[];
};

/** The open legal requests naming the customer, and what each covers. */
export async function holdsOn(tx: Prisma.TransactionClient, customerId: string): Promise<Hold[]> {
  const rows = await tx.legalRequestSubject.findMany({
    where: { customerId, legalRequest: { status: { not: "CLOSED" } } },
    select: {
      legalRequest: { select: { id: true, kind: true, legalHold: true, categories: true } },
    },
    orderBy: { legalRequestId: "asc" },
  });
  return rows.map(({ legalRequest: r }) => ({
    legalRequestId: r.id,
    kind: r.kind,
    legalHold: r.legalHold,
    categories: r.categories,
  }));
}

export const ERASED_NAME = "Erased customer";
export const erasedEmail = (customerId: string) => `erased-${customerId}@erased.invalid`;
const ERASED_TEXT = "[erased]";

export async function eraseCustomer(
  tx: Prisma.TransactionClient,
  customerId: string,
  now: Date,
): Promise<ErasureOutcome> {
  const holds = await holdsOn(tx, customerId);
  const erased: ErasureOutcome["erased"] = [];
  const kept: Kept[] = [];

  /** The holds covering any of the piece's categories; records the keep when there are some. */
  // The pieces looked at; the password is replaced below whatever holds exist.
  const considered = new Set<Piece>([PASSWORD]);
  const keeps = (piece: Piece, count: number): boolean => {
    considered.add(piece);
    const covering = holds.filter((hold) =>
      piece.categories.some((category) => hold.categories.includes(category)),
    );
    if (covering.length === 0) return false;
    if (count > 0) {
      const categories = piece.categories.filter((c) =>
        covering.some((hold) => hold.categories.includes(c)),
      );
      const legalHold = covering.some((hold) => hold.legalHold);
      kept.push({
        data: piece.data,
        categories,
        count,
        reason: legalHold ? "LEGAL_HOLD" : "OPEN_LEGAL_REQUEST",
        why: `${legalHold ? "Under a legal hold of" : "Within the scope of"} an open legal request (${[
          ...new Set(covering.map((hold) => hold.kind)),
        ].join(
          ", ",
        )}) naming the customer and covering ${categories.join(", ")}: kept until it is closed.`,
        legalRequestIds: covering.map((hold) => hold.legalRequestId),
      });
    }
    return true;
  };
  const done = (piece: Piece, count: number) => {
    if (count > 0) erased.push({ data: piece.data, count });
  };
  const mine = { where: { customerId } } as const;

  const customer = await tx.customer.findUniqueOrThrow({
    where: { id: customerId },
    select: { email: true },
  });

  // The account's emailed links die with it (a pending change of address holds the new address).
  // Their emails carry no customer id (the console's outbox never lists a link): they are found
  // by the addresses they went to, the account's and any new one it was changing to.
  const pendingAddresses = await tx.customerAccountToken.findMany({
    where: { customerId, newEmail: { not: null } },
    select: { newEmail: true },
  });
  const accountAddresses = [
    customer.email,
    ...pendingAddresses.flatMap((t) => (t.newEmail ? [t.newEmail] : [])),
  ];
  const accountMail = {
    where: {
      customerId: null,
      kind: "CUSTOMER_ACCOUNT" as const,
      toAddress: { in: accountAddresses },
    },
  };
  await tx.customerAccountToken.deleteMany(mine);
  // Sign-in ends whatever is kept: every session revoked.
  const { count: sessionsRevoked } = await tx.session.updateMany({
    where: { customerId, revokedAt: null },
    data: { revokedAt: now },
  });
  const sessions = await tx.session.count(mine);
  if (!keeps(SESSION_DEVICE, sessions)) {
    await tx.session.updateMany({
      ...mine,
      data: { ipAddress: "0.0.0.0", userAgent: "", browser: "", os: "" },
    });
    done(SESSION_DEVICE, sessions);
  }

  const visitors = await tx.visitor.findMany({ ...mine, select: { id: true } });
  const visitorIds = visitors.map((v) => v.id);
  const navigationWhere = {
    OR: [{ customerId }, { visitorId: { in: visitorIds } }],
  } satisfies Prisma.NavigationEventWhereInput;
  const navigation = await tx.navigationEvent.count({ where: navigationWhere });
  if (!keeps(NAVIGATION, navigation)) {
    const { count } = await tx.navigationEvent.deleteMany({ where: navigationWhere });
    done(NAVIGATION, count);
  }
  if (!keeps(COOKIES, visitors.length)) {
    // The cookie id is replaced, so the browser's cookie no longer leads to these rows.
    for (const visitor of visitors) {
      await tx.visitor.update({
        where: { id: visitor.id },
        data: { cookieId: `erased-${visitor.id}` },
      });
    }
    done(COOKIES, visitors.length);
  }

  const cards = await tx.paymentMethod.count(mine);
  if (!keeps(CARDS, cards)) done(CARDS, (await tx.paymentMethod.deleteMany(mine)).count);

  const held = await tx.customerHeldRecord.count(mine);
  if (!keeps(HELD, held)) done(HELD, (await tx.customerHeldRecord.deleteMany(mine)).count);

  const newsletterWhere = { email: customer.email } as const;
  const subscribed = await tx.newsletterSubscriber.count({ where: newsletterWhere });
  if (!keeps(NEWSLETTER, subscribed)) {
    done(NEWSLETTER, (await tx.newsletterSubscriber.deleteMany({ where: newsletterWhere })).count);
  }

  const support = await tx.supportRequest.count(mine);
  if (!keeps(SUPPORT, support)) {
    const { count } = await tx.supportRequest.updateMany({
      ...mine,
      data: { subject: ERASED_TEXT, message: ERASED_TEXT, replyTo: null },
    });
    // Staff answers quote and address the customer, so they go with the questions they answer.
    await tx.supportReply.updateMany({
      where: { request: { customerId } },
      data: { body: ERASED_TEXT },
    });
    done(SUPPORT, count);
  }

  const requests = await tx.privacyRequest.findMany({
    ...mine,
    select: { id: true, outcome: true },
  });
  if (!keeps(REQUESTS, requests.length)) {
    await tx.privacyRequest.updateMany({ ...mine, data: { details: "" } });
    // An access request's stored export is a copy of everything: it goes too, its summary stays.
    for (const request of requests) {
      const outcome = request.outcome;
      if (
        outcome &&
        typeof outcome === "object" &&
        !Array.isArray(outcome) &&
        "document" in outcome
      ) {
        const { document: _document, ...summary } = outcome;
        await tx.privacyRequest.update({
          where: { id: request.id },
          data: {
            outcome: { ...summary, documentErasedAt: now.toISOString() } as Prisma.InputJsonObject,
          },
        });
      }
    }
    done(REQUESTS, requests.length);
  }

  const emailKept = keeps(EMAIL, 1);
  const emails = (await tx.outboxEmail.count(mine)) + (await tx.outboxEmail.count(accountMail));
  if (!keeps(EMAILS, emails)) {
    // Mail not yet sent would go to an address that no longer exists here: it is not sent.
    for (const which of [mine.where, accountMail.where]) {
      await tx.outboxEmail.updateMany({
        where: { ...which, status: "PENDING" },
        data: { status: "FAILED", lastError: "Recipient erased before delivery." },
      });
    }
    const { count } = await tx.outboxEmail.updateMany({
      ...mine,
      data: { toAddress: erasedEmail(customerId), textBody: ERASED_TEXT },
    });
    // The account's links and notices: the address and the text (which holds a link) go.
    const { count: accountEmails } = await tx.outboxEmail.updateMany({
      ...accountMail,
      data: { toAddress: erasedEmail(customerId), textBody: ERASED_TEXT },
    });
    done(EMAILS, count + accountEmails);
  }

  // A breach notice is the record that the law's notice was given (Cal. Civ. Code § 1798.82):
  // it stays, addressed by id; the email it went out as is anonymised above.
  const notices = await tx.breachNotice.count(mine);
  if (notices > 0) {
    kept.push({
      data: "BreachNotice",
      categories: [],
      count: notices,
      reason: "BREACH_NOTIFICATION_RECORD",
      why: "The record that a legally required breach notice was drafted or given is kept as evidence of compliance.",
    });
  }

  // The Customer row stays (ledger and audit rows point at it by id), anonymised field by field.
  const nameKept = keeps(NAME, 1);
  const countryKept = keeps(COUNTRY, 1);
  await tx.customer.update({
    where: { id: customerId },
    data: {
      erasedAt: now,
      // PASSWORD: not a valid hash, so no password ever matches it.
      passwordHash: "erased",
      ...(nameKept ? {} : { name: ERASED_NAME }),
      ...(emailKept ? {} : { email: erasedEmail(customerId) }),
      ...(countryKept ? {} : { country: "ZZ", region: null }),
    },
  });
  if (!nameKept) done(NAME, 1);
  if (!emailKept) done(EMAIL, 1);
  if (!countryKept) done(COUNTRY, 1);

  // A piece listed but never looked at would be data left behind with nothing in the outcome
  // saying so: the erasure fails instead, and its transaction leaves everything as it was.
  const skipped = ERASURE_PIECES.filter((piece) => !considered.has(piece));
  if (skipped.length > 0) {
    throw new Error(`Erasure skipped ${skipped.map((piece) => piece.data).join(", ")}`);
  }

  return {
    kind: "DELETION",
    erasedAt: now.toISOString(),
    erased,
    kept,
    sessionsRevoked,
    untouched: [
      "ConsentEvent: the consent ledger is append-only and holds the customer's id only.",
      "AccessRecord: the audit log is append-only and holds the customer's id only.",
      "AccessRecordSubject: the audit log's per-person index, append-only, holds the customer's id only.",
    ],
  };
}
