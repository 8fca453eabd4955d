/**
 * The console's areas: where each lives and what it shows. Who sees one is not said here: the
 * permission table (@privet/domain/permissions) gives each area the roles of the operation it
 * opens with, the same table the API enforces.
 */
import type { Purpose, StaffRole } from "@privet/client";
import { type ConsoleArea, roleMayUseArea } from "@privet/domain/permissions";
import type { ReactNode } from "react";
import { AuditPage } from "./pages/audit.js";
import { BreachesPage } from "./pages/breaches.js";
import { BreakGlassPage } from "./pages/break-glass.js";
import { CustomersPage } from "./pages/customers.js";
import { LegalRequestsPage } from "./pages/legal-requests.js";
import { MarketingPage } from "./pages/marketing.js";
import { OverviewPage } from "./pages/overview.js";
import { PolicyPage } from "./pages/policy.js";
import { PrivacyRequestsPage } from "./pages/privacy-requests.js";
import { ProcessorsPage } from "./pages/processors.js";
import { StaffPage } from "./pages/staff.js";
import { StaffActionsPage } from "./pages/staff-actions.js";
import { SupportPage } from "./pages/support.js";

/** The sidebar's groups, by the work they hold, in its order. */
export const AREA_GROUPS = {
  start: "Start",
  requests: "Requests",
  customers: "Customers",
  partners: "Partners",
  security: "Security",
  oversight: "Oversight",
  outreach: "Outreach",
} as const;

export type AreaGroup = keyof typeof AREA_GROUPS;

export interface Area {
  readonly path: string;
  readonly label: string;
  /** The sidebar group it is listed under. */
  readonly group: AreaGroup;
  readonly page: () => ReactNode;
  /** The purpose this area's work is for: the purpose bar proposes it (purpose.tsx). */
  readonly purpose?: Purpose;
  /** The page reads personal data: it reads nothing until a purpose is declared. */
  readonly personal?: true;
}

/**
 * In the table's order (the sidebar lists them by group). A Record, so an area added to the
 * table needs a page and a group here.
 */
export const AREAS: Readonly<Record<ConsoleArea, Area>> = {
  overview: { path: "/", label: "Overview", group: "start", page: () => <OverviewPage /> },
  customers: {
    path: "/customers",
    label: "Customers",
    group: "customers",
    page: () => <CustomersPage />,
    purpose: "SUPPORT",
    personal: true,
  },
  "privacy-requests": {
    path: "/requests",
    label: "Privacy requests",
    group: "requests",
    // The list reads no personal field; opening a request needs a declaration (the page's own).
    page: () => <PrivacyRequestsPage />,
    purpose: "PRIVACY_REQUEST_HANDLING",
  },
  support: {
    path: "/support",
    label: "Support",
    group: "requests",
    page: () => <SupportPage />,
    purpose: "SUPPORT",
    personal: true,
  },
  "break-glass": {
    path: "/break-glass",
    label: "Break-glass",
    group: "security",
    page: () => <BreakGlassPage />,
  },
  processors: {
    path: "/processors",
    label: "Processors",
    group: "partners",
    page: () => <ProcessorsPage />,
  },
  "legal-requests": {
    path: "/legal-requests",
    label: "Legal requests",
    group: "partners",
    page: () => <LegalRequestsPage />,
    purpose: "LEGAL_OBLIGATION",
  },
  breaches: {
    path: "/breaches",
    label: "Breaches",
    group: "security",
    page: () => <BreachesPage />,
    purpose: "BREACH_RESPONSE",
  },
  marketing: {
    path: "/marketing",
    label: "Marketing",
    group: "outreach",
    page: () => <MarketingPage />,
    purpose: "MARKETING",
    personal: true,
  },
  audit: { path: "/audit", label: "Audit", group: "oversight", page: () => <AuditPage /> },
  "staff-actions": {
    path: "/staff-actions",
    label: "Staff actions",
    group: "oversight",
    page: () => <StaffActionsPage />,
  },
  policy: { path: "/policy", label: "Policy", group: "oversight", page: () => <PolicyPage /> },
  staff: { path: "/staff", label: "Staff", group: "oversight", page: () => <StaffPage /> },
};

/** The areas this role may use, in the navigation's order. */
export function areasFor(role: StaffRole): Area[] {
  return (Object.keys(AREAS) as ConsoleArea[])
    .filter((area) => roleMayUseArea(role, area))
    .map((area) => AREAS[area]);
}

/** This role's areas by sidebar group, in the groups' order; groups it has none in are left out. */
export function areaGroupsFor(
  role: StaffRole,
): { group: AreaGroup; label: string; areas: Area[] }[] {
  const mine = areasFor(role);
  return (Object.keys(AREA_GROUPS) as AreaGroup[])
    .map((group) => ({
      group,
      label: AREA_GROUPS[group],
      areas: mine.filter((area) => area.group === group),
    }))
    .filter(({ areas }) => areas.length > 0);
}

/** The area at this address: "/" exactly, any other area by its prefix (a customer's page). */
export function areaAt(areas: readonly Area[], path: string): Area | undefined {
  return areas.find((a) =>
    a.path === "/" ? path === "/" : path === a.path || path.startsWith(`${a.path}/`),
  );
}
