/**
 * The privacy policy's versions: the 2018 original (the policy Privet exists to carry out) and
 * the 2026 revision. Texts live in prisma/seed-data; rows are keyed by version label and never
 * rewritten once present (a published version is a record, not a draft).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { paths } from "../paths.js";
import type { SeedContext } from "./context.js";
import { type StaffIds, staffId } from "./staff.js";

export interface DemoPolicyVersion {
  readonly version: string;
  readonly file: string;
  readonly title: string;
  readonly summary: string;
  readonly effectiveAt: Date;
  readonly publishedAt: Date;
  readonly material: boolean;
  /** Staff email of the publisher; the 2018 version predates the console. */
  readonly publishedBy: string | null;
}

export const DEMO_POLICY_VERSIONS: readonly DemoPolicyVersion[] = [
  {
    version: "2018-11-02",
    file: "privacy-policy-2018-11-02.md",
    title: "SafeSoft Solutions Privacy Statement",
    summary:
      "The original policy: what the site collects (device data through cookies; name, email " +
      "and card details on registration, payment, newsletter sign-up and support), how it is " +
      "used, marketing consent on registration, remarketing through an advertising network, " +
      "sharing only with processors that keep data secure, disclosure for legal reasons, and " +
      "no response to Do Not Track.",
    effectiveAt: new Date("2018-11-02T00:00:00Z"),
    publishedAt: new Date("2018-11-02T00:00:00Z"),
    material: true,
    publishedBy: null,
  },
  {
    version: "2026-01-15",
    file: "privacy-policy-2026-01-15.md",
    title: "SafeSoft Solutions Privacy Statement",
    summary:
      "We now honour the Global Privacy Control signal as an opt-out of advertising (Do Not " +
      "Track is still recorded but not acted on); we list the kinds of processors we use and " +
      "where they hold data (cloud storage in Frankfurt, email in Oregon, advertising in " +
      "Virginia, payment in Dublin); we describe your rights to access, delete and correct your " +
      "information and to stop us sharing it, with the deadlines we answer within (45 days in " +
      "California, one month under the GDPR); and questions now go to privacy@privet.example.",
    effectiveAt: new Date("2026-01-15T00:00:00Z"),
    publishedAt: new Date("2025-12-15T10:00:00Z"),
    material: true,
    publishedBy: "privacy.officer@privet.example",
  },
];

export interface PolicyVersionRef {
  readonly id: string;
  readonly version: string;
  readonly effectiveAt: Date;
}

/** Versions ordered by effective date, oldest first. */
export type PolicyTimeline = readonly PolicyVersionRef[];

export function readPolicyText(file: string): string {
  return readFileSync(join(paths.seedData, file), "utf8");
}

export async function seedPolicies(ctx: SeedContext, staff: StaffIds): Promise<PolicyTimeline> {
  for (const policy of DEMO_POLICY_VERSIONS) {
    const existing = await ctx.prisma.policyVersion.findUnique({
      where: { version: policy.version },
      select: { id: true },
    });
    if (existing) continue;
    await ctx.prisma.policyVersion.create({
      data: {
        version: policy.version,
        title: policy.title,
        body: readPolicyText(policy.file),
        summary: policy.summary,
        effectiveAt: policy.effectiveAt,
        material: policy.material,
        publishedAt: policy.publishedAt,
        publishedById: policy.publishedBy ? staffId(staff, policy.publishedBy) : null,
      },
    });
    ctx.created.policyVersions += 1;
  }
  // Every version in the database, not only the demo's, so consents name whatever was in force.
  return ctx.prisma.policyVersion.findMany({
    select: { id: true, version: true, effectiveAt: true },
    orderBy: { effectiveAt: "asc" },
  });
}

/** The version in force at an instant: the latest one effective at or before it. */
export function versionInForce(timeline: PolicyTimeline, at: Date): PolicyVersionRef | null {
  let current: PolicyVersionRef | null = null;
  for (const version of timeline) {
    if (version.effectiveAt.getTime() <= at.getTime()) current = version;
  }
  return current;
}
