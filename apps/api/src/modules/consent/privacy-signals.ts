/**
 * Global Privacy Control and Do Not Track (P-15), applied before every operation.
 *
 * - `Sec-GPC: 1` is honoured as an opt-out of advertising: the REMARKETING consent of the
 *   signed-in customer and of the browser's visitor row becomes WITHDRAWN with source GPC,
 *   before anything executes, so the privacy gate and recordPageView see it from this request
 *   on. `Visitor.gpcSeenAt` records when.
 * - `DNT: 1` is recorded (`Visitor.doNotTrackSeenAt`, and in the evidence of any consent event
 *   written during the request) and never acted on, as the policy openly says.
 *
 * It runs on every request, so it is cheap: no statement at all without either header, and
 * no write once the signal is already reflected (consent withdrawn, times recorded).
 */
import type { Context } from "../../context/context.js";
import { currentConsentsOf, type SubjectKind } from "./consent-subject.js";
import { type ConsentWrite, recordConsents } from "./record-consent.js";
import { requestVisitor, setRequestVisitor } from "./request-visitor.js";

export async function applyPrivacySignals(context: Context): Promise<void> {
  const { request } = context;
  if (!request.gpc && !request.dnt) return;
  const { principal } = context.viewer;
  // Staff and partners are not consent subjects; an anonymous browser without a visitor
  // cookie has nothing to record against (and nothing that could be used for advertising).
  if (principal.kind === "staff" || principal.kind === "partner") return;
  const visitor = await requestVisitor(context);
  const subjects: { kind: SubjectKind; id: string }[] = [];
  if (principal.kind === "customer") subjects.push({ kind: "CUSTOMER", id: principal.subjectId });
  if (visitor) subjects.push({ kind: "VISITOR", id: visitor.id });
  if (subjects.length === 0) return;

  const writes: ConsentWrite[] = [];
  if (request.gpc) {
    // One statement for both subjects (the loader batches them).
    const currents = await Promise.all(subjects.map((s) => currentConsentsOf(context, s)));
    subjects.forEach((subject, i) => {
      if (currents[i]?.get("REMARKETING")?.state === "WITHDRAWN") return;
      writes.push({
        subject,
        purpose: "REMARKETING",
        state: "WITHDRAWN",
        source: "GPC",
        evidence: { header: "Sec-GPC" },
      });
    });
  }

  const seen: { gpcSeenAt?: Date; doNotTrackSeenAt?: Date } = {};
  if (visitor && request.gpc && (!visitor.gpcSeenAt || writes.length > 0)) {
    seen.gpcSeenAt = request.now;
  }
  if (visitor && request.dnt && !visitor.doNotTrackSeenAt) seen.doNotTrackSeenAt = request.now;
  const touchVisitor = visitor !== null && Object.keys(seen).length > 0;
  if (writes.length === 0 && !touchVisitor) return;

  await recordConsents(
    context,
    writes,
    touchVisitor ? (tx) => tx.visitor.update({ where: { id: visitor.id }, data: seen }) : undefined,
  );
  if (touchVisitor) setRequestVisitor(context, { ...visitor, ...seen });
}
