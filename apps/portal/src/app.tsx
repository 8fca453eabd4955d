/**
 * The portal's frame: navigation, the signed-in state, the cookie banner for visitors, and
 * one page per path. Each navigation is offered to the API as a page view, which records it
 * only while advertising consent is given (P-13).
 */
import { RecordPageViewDocument, SignOutDocument } from "@privet/client";
import { Link, navigate, usePath } from "@privet/ui/router";
import { Loading, Notice } from "@privet/ui/states";
import { lazy, type ReactNode, Suspense, useEffect, useRef } from "react";
import { useMutation } from "urql";
import { CookieBanner } from "./components/cookie-banner.js";
import { AccessLogPage } from "./pages/access-log.js";
import { ConsentsPage } from "./pages/consents.js";
import { ContactPage } from "./pages/contact.js";
import { HomePage } from "./pages/home.js";
import { MyDataPage } from "./pages/my-data.js";
import { PaymentPage } from "./pages/payment.js";
import { PolicyPage, PolicyVersionPage } from "./pages/policy.js";
import { RequestsPage } from "./pages/requests.js";
import { SignInPage, SignUpPage } from "./pages/sign-in.js";
import { SessionProvider, useSession } from "./session.js";

// The account pages are loaded, in one chunk, when first opened: out of the initial bundle.
const accountPages = () => import("./pages/account-pages.js");
const AccountPage = lazy(() => accountPages().then((m) => ({ default: m.AccountPage })));
const VerifyEmailPage = lazy(() => accountPages().then((m) => ({ default: m.VerifyEmailPage })));
const ForgotPasswordPage = lazy(() =>
  accountPages().then((m) => ({ default: m.ForgotPasswordPage })),
);
const ResetPasswordPage = lazy(() =>
  accountPages().then((m) => ({ default: m.ResetPasswordPage })),
);

const SIGNED_IN_NAV = [
  ["/my-data", "My data"],
  ["/consents", "My consents"],
  ["/access-log", "Who accessed my data"],
  ["/requests", "My requests"],
  ["/payment", "Payment method"],
  ["/account", "My account"],
] as const;

function route(path: string): ReactNode {
  if (path === "/") return <HomePage />;
  if (path === "/sign-up") return <SignUpPage />;
  if (path === "/sign-in") return <SignInPage />;
  if (path === "/my-data") return <MyDataPage />;
  if (path === "/consents") return <ConsentsPage />;
  if (path === "/access-log") return <AccessLogPage />;
  if (path === "/requests") return <RequestsPage />;
  if (path === "/payment") return <PaymentPage />;
  if (path === "/policy") return <PolicyPage />;
  if (path === "/contact") return <ContactPage />;
  if (path === "/account") return <AccountPage />;
  if (path === "/verify-email") return <VerifyEmailPage />;
  if (path === "/forgot-password") return <ForgotPasswordPage />;
  if (path === "/reset-password") return <ResetPasswordPage />;
  const version = /^\/policy\/([0-9a-f-]{36})$/i.exec(path);
  if (version?.[1]) return <PolicyVersionPage id={version[1]} />;
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is no page at this address. <Link href="/">Go to the start page</Link>.
      </p>
    </>
  );
}

function PageViews({ path }: { path: string }) {
  const [, record] = useMutation(RecordPageViewDocument);
  const first = useRef(true);
  useEffect(() => {
    const referrer = first.current && document.referrer ? document.referrer : null;
    first.current = false;
    void record({ path, referrer });
  }, [path, record]);
  return null;
}

function SignOutButton() {
  const { refresh } = useSession();
  const [result, signOut] = useMutation(SignOutDocument);
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
  const { me, data, loading } = useSession();
  const signedIn = me !== null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger: focus moves to the new page's content, as a screen reader expects after navigation.
  useEffect(() => {
    document.getElementById("main")?.focus({ preventScroll: true });
  }, [path]);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link href="/" className="brand">
          Privet
        </Link>
        <nav aria-label="Main">
          <ul>
            {signedIn &&
              SIGNED_IN_NAV.map(([href, label]) => (
                <li key={href}>
                  <Link href={href} aria-current={path === href ? "page" : undefined}>
                    {label}
                  </Link>
                </li>
              ))}
            <li>
              <Link href="/policy" aria-current={path.startsWith("/policy") ? "page" : undefined}>
                Privacy policy
              </Link>
            </li>
            <li>
              <Link href="/contact" aria-current={path === "/contact" ? "page" : undefined}>
                Contact
              </Link>
            </li>
            {!signedIn && !loading && (
              <li>
                <Link href="/sign-in">Sign in</Link>
              </li>
            )}
            {signedIn && (
              <li>
                <SignOutButton />
              </li>
            )}
          </ul>
        </nav>
      </header>
      {data?.privacySignals.gpcHonoured && (
        <Notice>
          <span data-testid="gpc-honoured">
            Your browser sent Global Privacy Control: we honoured it and advertising is off for you.
          </span>
        </Notice>
      )}
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading what="the page" />}>{route(path)}</Suspense>
      </main>
      <footer className="site-footer">
        <p>
          <Link href="/policy">Privacy policy</Link>
          {data?.policy && ` — version ${data.policy.version}`} ·{" "}
          <Link href="/contact">Contact us</Link>
        </p>
      </footer>
      {!signedIn && !loading && <CookieBanner />}
      <PageViews path={path} />
    </>
  );
}

export function App() {
  return (
    <SessionProvider>
      <Frame />
    </SessionProvider>
  );
}
