import { JURISDICTIONS } from "@privet/domain/clocks";
import { CONSENT_SOURCES, CONSENT_STATES } from "@privet/domain/consent";
import { BREAK_GLASS_REASONS, PROCESSOR_KINDS, STAFF_ROLES } from "@privet/domain/principals";
import { PURPOSES } from "@privet/domain/purposes";
import { describe, expect, it } from "vitest";
import {
  BreakGlassReason,
  ConsentSource,
  ConsentState,
  Jurisdiction,
  ProcessorKind,
  Purpose,
  StaffRole,
} from "./generated/prisma/enums.js";

// The database's enums must say exactly what the domain says: a purpose added to one and not
// the other would either fail at insert time or be silently unreadable.
describe("the schema's enums mirror the domain vocabulary", () => {
  it.each([
    ["Purpose", Purpose, PURPOSES],
    ["ConsentState", ConsentState, CONSENT_STATES],
    ["ConsentSource", ConsentSource, CONSENT_SOURCES],
    ["StaffRole", StaffRole, STAFF_ROLES],
    ["ProcessorKind", ProcessorKind, PROCESSOR_KINDS],
    ["BreakGlassReason", BreakGlassReason, BREAK_GLASS_REASONS],
    ["Jurisdiction", Jurisdiction, JURISDICTIONS],
  ] as const)("%s", (_name, prismaEnum, domainValues) => {
    expect(Object.values(prismaEnum).sort()).toEqual([...domainValues].sort());
  });
});
