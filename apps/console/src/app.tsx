/**
 * The console's frame: staff sign in, then see the areas their role may use; every read of
 * personal data goes out under the purpose declared in the purpose bar.
 */
import { ConsoleSignOutDocument, type StaffRole } from "@privet/client";
import { inWords, roleLabel } from "@privet/domain/labels";
import { Link, navigate, usePath } from "@privet/ui/router";
import { Loading } from "@privet/ui/states";
import type { ReactNode } from "react";
import { useMutation } from "urql";
import { AuditPage } from "./pages/audit.js";
import { BreachesPage } from "./pages/breaches.js";
import { BreakGlassPage } from "./pages/break-glass.js";
import { CustomerPage, CustomersPage } from "./pages/customers.js";
import { LegalRequestsPage } from "./pages/legal-requests.js";
import { MarketingPage } from "./pages/marketing.js";
import { OverviewPage } from "./pages/overview.js";
import { PolicyPage } from "./pages/policy.js";
import { PrivacyRequestsPage } from "./pages/privacy-requests.js";
import { ProcessorsPage } from "./pages/processors.js";
import { SignInPage } from "./pages/sign-in.js";
import { StaffActionsPage } from "./pages/staff-actions.js";
import { SupportPage } from "./pages/support.js";
import { PurposeBar, PurposeProvider } from "./purpose.js";
import { StaffSessionProvider, useStaffSession } from "./session.js";

interface Area {
  readonly path: string;
  readonly label: string;
  readonly roles: readonly StaffRole[];
  readonly page: () => ReactNode;
}

/** Which roles see which area; the API enforces the same limits on every operation. */
const AREAS: readonly Area[] = [
  {
    path: "/overview",
    label: "Overview",
    roles: ["PRIVACY_OFFICER", "SECURITY_OFFICER", "AUDITOR", "ADMINISTRATOR"],
    page: () => <OverviewPage />,
  },
  {
    path: "/customers",
    label: "Customers",
    roles: ["SUPPORT_AGENT", "PRIVACY_OFFICER", "SECURITY_OFFICER", "AUDITOR", "ADMINISTRATOR"],
    page: () => <CustomersPage />,
  },
  {
    path: "/requests",
    label: "Privacy requests",
    roles: ["PRIVACY_OFFICER"],
    page: () => <PrivacyRequestsPage />,
  },
  {
    path: "/support",
    label: "Support",
    roles: ["SUPPORT_AGENT", "PRIVACY_OFFICER"],
    page: () => <SupportPage />,
  },
  {
    path: "/break-glass",
    label: "Break-glass",
    roles: ["SECURITY_OFFICER", "PRIVACY_OFFICER"],
    page: () => <BreakGlassPage />,
  },
  {
    path: "/processors",
    label: "Processors",
    roles: ["PRIVACY_OFFICER", "ADMINISTRATOR"],
    page: () => <ProcessorsPage />,
  },
  {
    path: "/legal-requests",
    label: "Legal requests",
    roles: ["PRIVACY_OFFICER", "AUDITOR"],
    page: () => <LegalRequestsPage />,
  },
  {
    path: "/breaches",
    label: "Breaches",
    roles: ["SECURITY_OFFICER", "PRIVACY_OFFICER"],
    page: () => <BreachesPage />,
  },
  {
    path: "/marketing",
    label: "Marketing",
    roles: ["PRIVACY_OFFICER", "ADMINISTRATOR"],
    page: () => <MarketingPage />,
  },
  {
    path: "/audit",
    label: "Audit",
    roles: ["AUDITOR", "PRIVACY_OFFICER", "SECURITY_OFFICER"],
    page: () => <AuditPage />,
  },
  {
    path: "/staff-actions",
    label: "Staff actions",
    roles: ["AUDITOR", "PRIVACY_OFFICER", "SECURITY_OFFICER"],
    page: () => <StaffActionsPage />,
  },
  { path: "/policy", label: "Policy", roles: ["PRIVACY_OFFICER"], page: () => <PolicyPage /> },
];

function SignOut() {
  const { refresh } = useStaffSession();
  const [result, signOut] = useMutation(ConsoleSignOutDocument);
  return (
    <button
      type="button"
      className="link-button"
      disabled={result.fetching}
      onClick={async () => {
        await signOut({});
        refresh();
        navigate("/");
      }}
    >
      Sign out
    </button>
  );
}

function Frame() {
  const path = usePath();
  const { role, loading } = useStaffSession();
  if (loading) return <Loading what="the console" />;
  if (!role)
    return (
      <main id="main">
        <SignInPage />
      </main>
    );
  const areas = AREAS.filter((area) => area.roles.includes(role));
  const customer = /^\/customers\/([0-9a-f-]{36})$/i.exec(path);
  const area = areas.find((a) => a.path === path);
  return (
    <>
      <header className="site-header">
        <Link href="/" className="brand">
          Privet console
        </Link>
        <nav aria-label="Main">
          <ul>
            {areas.map((a) => (
              <li key={a.path}>
                <Link href={a.path} aria-current={path.startsWith(a.path) ? "page" : undefined}>
                  {a.label}
                </Link>
              </li>
            ))}
            <li>
              <SignOut />
            </li>
          </ul>
        </nav>
        <p className="role">Signed in as {inWords(roleLabel(role))}</p>
      </header>
      <PurposeBar />
      <main id="main">
        {customer?.[1] ? (
          <CustomerPage id={customer[1]} />
        ) : area ? (
          area.page()
        ) : (
          <>
            <h1>Privet console</h1>
            <p>
              Choose an area. Every read of personal data is decided under the purpose you declare
              above, and audited.
            </p>
          </>
        )}
      </main>
    </>
  );
}

export function App() {
  return (
    <StaffSessionProvider>
      <PurposeProvider>
        <Frame />
      </PurposeProvider>
    </StaffSessionProvider>
  );
}
