/**
 * Loads everything Privet holds about one customer, for their data export. A constant number
 * of statements, run together; the consent and navigation reads go through the same loaders as
 * the portal's own queries, so the export says what the portal shows.
 */
import type { Context } from "../../context/context.js";
import { consentHistoryOf, consentsOf, navigationEventsOf } from "../consent/public.js";
import { partnerPseudonym } from "../partners/public.js";
import { type AccessLogEntry, accessLogInPages } from "../staff/public.js";
import {
  DATA_EXPORT_FORMAT,
  DATA_EXPORT_FORMAT_VERSION,
  DATA_EXPORT_NOTES,
  type DataExportDocument,
} from "./data-export.format.js";

/**
 * The access log is read a page at a time (each page one bounded statement on the subject's
 * history index), so no statement grows with the history.
 */
export const ACCESS_LOG_PAGE = 1000;

type ExportedAccessLogEntry = DataExportDocument["accessLog"][number];

/** Everything but the access log, which the streamed export writes page by page. */
export type DataExportHead = Omit<DataExportDocument, "accessLog">;

/** The access log, newest first, a page of exported entries at a time. */
export async function* exportedAccessLogPages(
  context: Context,
  customerId: string,
  pageSize = ACCESS_LOG_PAGE,
): AsyncGenerator<ExportedAccessLogEntry[]> {
  for await (const page of accessLogInPages(context.prisma, customerId, pageSize)) {
    yield page.map(exportedAccessLogEntry);
  }
}

function exportedAccessLogEntry(a: AccessLogEntry): ExportedAccessLogEntry {
  return {
    accessorKind: a.accessorKind,
    staffRole: a.staffRole,
    processorName: a.processorName,
    purpose: a.purpose,
    reference: a.reference,
    category: a.category,
    categoryLabel: a.categoryLabel,
    fieldPath: a.fieldPath,
    occurredAt: iso(a.occurredAt),
    breakGlassReason: a.breakGlassReason,
    underLegalRequest: a.underLegalRequest,
  };
}

/**
 * The whole export as one value: for the GraphQL field and an access request's fulfilment.
 * The download (export-route.ts) streams the same document instead.
 */
export async function collectDataExport(
  context: Context,
  customerId: string,
): Promise<DataExportDocument | null> {
  const [head, accessLog] = await Promise.all([
    collectDataExportHead(context, customerId),
    (async () => {
      const entries: ExportedAccessLogEntry[] = [];
      for await (const page of exportedAccessLogPages(context, customerId)) entries.push(...page);
      return entries;
    })(),
  ]);
  if (!head) return null;
  // The document's own key order: the access log between the consent history and the requests.
  const { privacyRequests, supportRequests, ...before } = head;
  return { ...before, accessLog, privacyRequests, supportRequests };
}

const iso = (date: Date): string => date.toISOString();
const isoOrNull = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** The export but its access log, or null when the customer no longer exists (erased). */
export async function collectDataExportHead(
  context: Context,
  customerId: string,
): Promise<DataExportHead | null> {
  const { prisma, request } = context;
  const mine = { where: { customerId } } as const;
  const [
    customer,
    sessions,
    visitors,
    cards,
    heldRecords,
    privacyRequests,
    supportRequests,
    navigation,
    consents,
    consentHistory,
  ] = await Promise.all([
    prisma.customer.findFirst({
      where: { id: customerId, erasedAt: null },
      // Never passwordHash: named columns only, so a new secret column is not exported by default.
      select: {
        id: true,
        name: true,
        email: true,
        country: true,
        region: true,
        jurisdiction: true,
        createdAt: true,
      },
    }),
    prisma.session.findMany({
      ...mine,
      // Not tokenHash: secrets are not even read.
      select: {
        id: true,
        ipAddress: true,
        userAgent: true,
        browser: true,
        os: true,
        createdAt: true,
        lastSeenAt: true,
        expiresAt: true,
        revokedAt: true,
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    }),
    prisma.visitor.findMany({ ...mine, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    prisma.paymentMethod.findMany({
      ...mine,
      // Not processorToken: withheld from the export (@privet/domain/data-rights says why).
      select: {
        brand: true,
        last4: true,
        expiryMonth: true,
        expiryYear: true,
        createdAt: true,
        replacedAt: true,
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    }),
    prisma.customerHeldRecord.findMany({ ...mine, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    prisma.privacyRequest.findMany({ ...mine, orderBy: [{ receivedAt: "desc" }, { id: "desc" }] }),
    prisma.supportRequest.findMany({
      ...mine,
      select: {
        id: true,
        subject: true,
        message: true,
        status: true,
        createdAt: true,
        answeredAt: true,
        // The answers with their writer's role only: staff names are not the customer's data.
        replies: {
          select: { body: true, createdAt: true, staffUser: { select: { role: true } } },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        },
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    }),
    navigationEventsOf(context, customerId),
    consentsOf(context, { kind: "CUSTOMER", id: customerId }),
    consentHistoryOf(context, customerId),
  ]);
  if (!customer) return null;

  return {
    format: DATA_EXPORT_FORMAT,
    formatVersion: DATA_EXPORT_FORMAT_VERSION,
    exportedAt: iso(request.now),
    notes: DATA_EXPORT_NOTES,
    profile: { ...customer, createdAt: iso(customer.createdAt) },
    sessions: sessions.map((s) => ({
      id: s.id,
      ipAddress: s.ipAddress,
      userAgent: s.userAgent,
      browser: s.browser,
      os: s.os,
      createdAt: iso(s.createdAt),
      lastSeenAt: iso(s.lastSeenAt),
      expiresAt: iso(s.expiresAt),
      revokedAt: isoOrNull(s.revokedAt),
      current: s.id === context.viewer.session?.id,
    })),
    cookies: visitors.map((v) => ({
      // The pseudonym Customer.cookieIds shows: the value itself would act as that browser.
      cookieId: partnerPseudonym("privet", v.cookieId, context.config.hashKey),
      firstSeenAt: iso(v.createdAt),
      linkedToAccountAt: isoOrNull(v.mergedAt),
      doNotTrackSeenAt: isoOrNull(v.doNotTrackSeenAt),
      globalPrivacyControlSeenAt: isoOrNull(v.gpcSeenAt),
    })),
    paymentMethods: cards.map((c) => ({
      brand: c.brand,
      last4: c.last4,
      expiryMonth: c.expiryMonth,
      expiryYear: c.expiryYear,
      addedAt: iso(c.createdAt),
      replacedAt: isoOrNull(c.replacedAt),
    })),
    navigationEvents: navigation.map((n) => ({
      path: n.path,
      referrer: n.referrer,
      occurredAt: iso(n.occurredAt),
    })),
    heldRecords: heldRecords.map((r) => ({
      id: r.id,
      label: r.label,
      content: r.content,
      createdAt: iso(r.createdAt),
    })),
    consents: consents.map((c) => ({
      purpose: c.purpose,
      description: c.description,
      legalBasis: c.legalBasis,
      state: c.state,
      source: c.source,
      updatedAt: isoOrNull(c.updatedAt),
      policyVersion: c.policyVersion,
    })),
    consentHistory: consentHistory.map((e) => ({
      id: e.id,
      purpose: e.purpose,
      state: e.state,
      source: e.source,
      occurredAt: iso(e.occurredAt),
      policyVersion: e.policyVersion,
      jurisdiction: e.jurisdiction,
    })),
    privacyRequests: privacyRequests.map((p) => ({
      id: p.id,
      kind: p.kind,
      status: p.status,
      jurisdiction: p.jurisdiction,
      details: p.details,
      receivedAt: iso(p.receivedAt),
      confirmBy: isoOrNull(p.confirmBy),
      dueAt: iso(p.dueAt),
      extendedAt: isoOrNull(p.extendedAt),
      extensionReason: p.extensionReason,
      verifiedAt: isoOrNull(p.verifiedAt),
      fulfilledAt: isoOrNull(p.fulfilledAt),
      outcome: p.outcome,
    })),
    supportRequests: supportRequests.map((s) => ({
      id: s.id,
      subject: s.subject,
      message: s.message,
      status: s.status,
      createdAt: iso(s.createdAt),
      answeredAt: isoOrNull(s.answeredAt),
      replies: s.replies.map((r) => ({
        body: r.body,
        staffRole: r.staffUser.role,
        sentAt: iso(r.createdAt),
      })),
    })),
  };
}
