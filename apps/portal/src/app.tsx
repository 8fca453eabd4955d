/**
 * The portal's frame: navigation, the signed-in state, the cookie banner for visitors (first in
 * the focus order; "Cookie settings" in the footer reopens it), and
 * one page per path. Each navigation is offered to the API as a page view, which records it
 * only while advertising consent is given (P-13).
 */
import { RecordPageViewDocument, SignOutDocument } from "@privet/client";
import { Link, navigate, usePath } from "@privet/ui/router";
import { Loading, Notice } from "@privet/ui/states";
import { lazy, type ReactNode, Suspense, useEffect, useRef, useState } from "react";
import { useMutation } from "urql";
import { CookieBanner, CookieSettingsLink } from "./components/cookie-banner.js";
import { AccessLogPage } from "./pages/access-log.js";
import { ConsentsPage } from "./pages/consents.js";
import { ContactPage } from "./pages/contact.js";
import { HomePage } from "./pages/home.js";
import { MyDataPage } from "./pages/my-data.js";
import { NewsletterConfirmPage } from "./pages/newsletter-confirm.js";
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
  if (path === "/newsletter/confirm") return <NewsletterConfirmPage />;
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

/**
 * On a small screen the navigation folds behind a Menu button, all but "Sign in"/"Sign out"
 * (CSS decides when: the button is hidden and the list always shown on wider screens). Escape closes it and gives focus back to
 * the button; following a link closes it.
 */
function useMenu(path: string) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger: a followed link closes the menu.
  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  return { open, button, toggle: () => setOpen((was) => !was) };
}

function Frame() {
  const path = usePath();
  const { me, data, loading } = useSession();
  const signedIn = me !== null;
  const menu = useMenu(path);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger: focus moves to the new page's content, as a screen reader expects after navigation.
  useEffect(() => {
    document.getElementById("main")?.focus({ preventScroll: true });
  }, [path]);
  return (
    <>
      {/* First in the focus order while it asks (it is shown at the foot of the screen). */}
      {!signedIn && !loading && <CookieBanner />}
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link href="/" className="brand">
          Privet
        </Link>
        <button
          type="button"
          className="menu-button secondary"
          ref={menu.button}
          aria-expanded={menu.open}
          aria-controls="main-nav"
          onClick={menu.toggle}
        >
          Menu
        </button>
        <nav aria-label="Main" id="main-nav" className={menu.open ? "open" : undefined}>
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
              <li className="account">
                <Link href="/sign-in">Sign in</Link>
              </li>
            )}
            {signedIn && (
              <li className="account">
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
          <Link href="/contact">Contact us</Link> · <CookieSettingsLink signedIn={signedIn} />
        </p>
      </footer>
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
