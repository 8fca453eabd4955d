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
import { StaffActionsPage } from "./pages/staff-actions.js";
import { SupportPage } from "./pages/support.js";

export interface Area {
  readonly path: string;
  readonly label: string;
  readonly page: () => ReactNode;
  /** The purpose this area's work is for: the purpose bar proposes it (purpose.tsx). */
  readonly purpose?: Purpose;
  /** The page reads personal data: it reads nothing until a purpose is declared. */
  readonly personal?: true;
}

/** In the navigation's order. A Record, so an area added to the table needs a page here. */
export const AREAS: Readonly<Record<ConsoleArea, Area>> = {
  overview: { path: "/overview", label: "Overview", page: () => <OverviewPage /> },
  customers: {
    path: "/customers",
    label: "Customers",
    page: () => <CustomersPage />,
    purpose: "SUPPORT",
    personal: true,
  },
  "privacy-requests": {
    path: "/requests",
    label: "Privacy requests",
    // The list reads no personal field; opening a request needs a declaration (the page's own).
    page: () => <PrivacyRequestsPage />,
    purpose: "PRIVACY_REQUEST_HANDLING",
  },
  support: {
    path: "/support",
    label: "Support",
    page: () => <SupportPage />,
    purpose: "SUPPORT",
    personal: true,
  },
  "break-glass": { path: "/break-glass", label: "Break-glass", page: () => <BreakGlassPage /> },
  processors: { path: "/processors", label: "Processors", page: () => <ProcessorsPage /> },
  "legal-requests": {
    path: "/legal-requests",
    label: "Legal requests",
    page: () => <LegalRequestsPage />,
    purpose: "LEGAL_OBLIGATION",
  },
  breaches: {
    path: "/breaches",
    label: "Breaches",
    page: () => <BreachesPage />,
    purpose: "BREACH_RESPONSE",
  },
  marketing: {
    path: "/marketing",
    label: "Marketing",
    page: () => <MarketingPage />,
    purpose: "MARKETING",
    personal: true,
  },
  audit: { path: "/audit", label: "Audit", page: () => <AuditPage /> },
  "staff-actions": {
    path: "/staff-actions",
    label: "Staff actions",
    page: () => <StaffActionsPage />,
  },
  policy: { path: "/policy", label: "Policy", page: () => <PolicyPage /> },
};

/** The areas this role may use, in the navigation's order. */
export function areasFor(role: StaffRole): Area[] {
  return (Object.keys(AREAS) as ConsoleArea[])
    .filter((area) => roleMayUseArea(role, area))
    .map((area) => AREAS[area]);
}
