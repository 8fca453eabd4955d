import { randomUUID } from "node:crypto";
import { type Database, openDatabase } from "@privet/db/client";
import { type TestDatabaseKind, testDatabases } from "@privet/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULTS } from "../../config.js";
import { startTestApi, type TestApi } from "../../test-support/api.js";
import { startTestSmtp, type TestSmtp } from "../../test-support/test-smtp.js";
import { CLAIM_MS, deliverPendingEmails } from "./deliver-pending-emails.js";
import { createMailTransport, type MailTransport } from "./mail-transport.js";

/** An API on a fresh database and a real SMTP server on loopback, for one describe block. */
function stack(kind: TestDatabaseKind) {
  const running = {} as { api: TestApi; smtp: TestSmtp };
  beforeAll(async () => {
    running.api = await startTestApi(kind);
    running.smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await running.smtp?.close();
    await running.api?.close();
  });
  return running;
}

/** `count` pending emails to fresh addresses; returns the addresses. */
async function queue(api: TestApi, count: number, data: { claimedUntil?: Date } = {}) {
  const addresses = Array.from({ length: count }, () => `claims.${randomUUID()}@example.com`);
  await api.db.prisma.outboxEmail.createMany({
    data: addresses.map((toAddress) => ({
      kind: "POLICY_NOTICE" as const,
      toAddress,
      subject: "Our privacy policy changes",
      textBody: "…",
      status: "PENDING" as const,
      ...data,
    })),
  });
  return addresses;
}

const deliveredTo = (smtp: TestSmtp, address: string) =>
  smtp.messages.filter((m) => m.to.includes(address)).length;

/** A transport taking a few milliseconds per email, as a real server does. */
function unhurried(url: string): MailTransport {
  const transport = createMailTransport(url, DEFAULTS.mailFrom);
  return {
    send: async (message) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await transport.send(message);
    },
    close: () => transport.close(),
  };
}

describe.each(testDatabases)("outbox delivery claims on $name", (kind) => {
  const running = stack(kind);

  it("skips an email another run holds, and delivers one whose claim ran out (a process that died)", async () => {
    const { api, smtp } = running;
    const [held = ""] = await queue(api, 1, { claimedUntil: new Date(Date.now() + CLAIM_MS) });
    const [abandoned = ""] = await queue(api, 1, { claimedUntil: new Date(Date.now() - 1_000) });
    const transport = createMailTransport(smtp.url, DEFAULTS.mailFrom);
    try {
      await deliverPendingEmails(api.db.prisma, transport);
    } finally {
      transport.close();
    }
    expect(deliveredTo(smtp, abandoned)).toBe(1);
    expect(deliveredTo(smtp, held)).toBe(0);
    const rows = await api.db.prisma.outboxEmail.findMany({
      where: { toAddress: { in: [held, abandoned] } },
    });
    const byAddress = new Map(rows.map((r) => [r.toAddress, r]));
    expect(byAddress.get(abandoned)).toMatchObject({ status: "SENT", claimedUntil: null });
    expect(byAddress.get(held)).toMatchObject({ status: "PENDING", attempts: 0 });
  });
});

// Two processes need two connections to one database: PostgreSQL only (a PGlite folder is
// opened by one process at a time).
describe.each(testDatabases.filter((kind) => kind.name === "postgres"))(
  "outbox delivery from two processes on $name",
  (kind) => {
    const running = stack(kind);

    it("two API processes delivering the same outbox at once send each email exactly once", async () => {
      const { api, smtp } = running;
      const addresses = await queue(api, 60);
      // The second process: its own client and connections to the same database.
      const other: Database = await openDatabase(api.config.database);
      const [first, second] = [unhurried(smtp.url), unhurried(smtp.url)];
      try {
        const reports = await Promise.all([
          deliverPendingEmails(api.db.prisma, first, { batchSize: 7 }),
          deliverPendingEmails(other.prisma, second, { batchSize: 7 }),
        ]);
        // Both took part, and together they tried every email once.
        expect(reports.every((r) => r.sent > 0)).toBe(true);
        expect(reports.reduce((sum, r) => sum + r.attempted, 0)).toBe(addresses.length);
      } finally {
        first.close();
        second.close();
        await other.close();
      }
      expect(addresses.map((a) => deliveredTo(smtp, a))).toEqual(addresses.map(() => 1));
      const sent = await api.db.prisma.outboxEmail.count({
        where: { toAddress: { in: addresses }, status: "SENT", attempts: 1, claimedUntil: null },
      });
      expect(sent).toBe(addresses.length);
    });
  },
);
