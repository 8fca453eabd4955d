/**
 * The console's frame: staff sign in, then work in a sidebar of the areas their role may use,
 * grouped by the work they hold, beside the purpose bar and the page. Every read of personal
 * data goes out under the purpose declared in the purpose bar. On a phone the sidebar folds
 * behind a "Menu" button in the top bar.
 */
import { ConsoleSignOutDocument } from "@privet/client";
import { inWords, roleLabel } from "@privet/domain/labels";
import { Link, navigate, usePath } from "@privet/ui/router";
import { Loading } from "@privet/ui/states";
import { useEffect, useRef, useState } from "react";
import { useMutation } from "urql";
import { type Area, areaAt, areaGroupsFor, areasFor } from "./areas.js";
import { forgetDeclarations } from "./declarations.js";
import { CustomerPage } from "./pages/customers.js";
import { SignInPage } from "./pages/sign-in.js";
import { NeedsPurpose, PurposeBar, PurposeProvider } from "./purpose.js";
import { StaffSessionProvider, useStaffSession } from "./session.js";

function SignOut() {
  const { refresh } = useStaffSession();
  const [result, signOut] = useMutation(ConsoleSignOutDocument);
  return (
    <button
      type="button"
      className="secondary sign-out"
      disabled={result.fetching}
      onClick={async () => {
        await signOut({});
        forgetDeclarations();
        refresh();
        navigate("/");
      }}
    >
      Sign out
    </button>
  );
}

/** The sidebar's navigation: one labelled list per group of work. */
function Sidebar({ id, open, path }: { id: string; open: boolean; path: string }) {
  const { role } = useStaffSession();
  if (!role) return null;
  const current = areaAt(areasFor(role), path);
  return (
    <nav id={id} aria-label="Main" className={open ? "sidebar open" : "sidebar"}>
      {areaGroupsFor(role).map(({ group, label, areas }) => (
        <section key={group} className="nav-group" aria-labelledby={`nav-${group}`}>
          <h2 id={`nav-${group}`}>{label}</h2>
          <ul>
            {areas.map((a) => (
              <li key={a.path}>
                <Link href={a.path} aria-current={a === current ? "page" : undefined}>
                  {a.label}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {/* On a phone the top bar has no room for the member: the open menu says who it is. */}
      <p className="sidebar-member">Signed in as {inWords(roleLabel(role))}</p>
    </nav>
  );
}

/** Where no area is: the role's areas by group, as a start page (a support agent's "/"). */
function Landing({ areas, unknown }: { areas: readonly Area[]; unknown: boolean }) {
  const { role } = useStaffSession();
  return (
    <>
      <h1>Privet console</h1>
      <p>
        {unknown ? "There is no page of yours at this address. " : ""}
        Every read of personal data is decided under the purpose you declare in the bar above, and
        audited.
      </p>
      {role && (
        <ul className="cards">
          {areaGroupsFor(role).map(({ group, label, areas: inGroup }) => (
            <li key={group} className="card">
              <h2>{label}</h2>
              <ul>
                {inGroup
                  .filter((a) => areas.includes(a))
                  .map((a) => (
                    <li key={a.path}>
                      <Link href={a.path}>{a.label}</Link>
                    </li>
                  ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Frame() {
  const path = usePath();
  const { role, loading } = useStaffSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const firstPath = useRef(path);
  // Once an area is chosen, a phone's menu closes and the focus moves to the new page, as a
  // screen reader expects after navigation (as in the portal); not on the first load, where the
  // keyboard starts from the top.
  useEffect(() => {
    setMenuOpen(false);
    if (firstPath.current === path) return;
    firstPath.current = "";
    document.getElementById("main")?.focus({ preventScroll: true });
  }, [path]);
  if (loading) return <Loading what="the console" />;
  if (!role)
    return (
      <main id="main">
        <SignInPage />
      </main>
    );
  const areas = areasFor(role);
  const customer = /^\/customers\/([0-9a-f-]{36})$/i.exec(path);
  const area = areaAt(areas, path);
  return (
    // Each area has its own declaration (a customer's page is the customers area's).
    <PurposeProvider key={role} staffRole={role} scope={area?.path ?? "/"} natural={area?.purpose}>
      <div className="console">
        <a className="skip-link" href="#main">
          Skip to the page
        </a>
        <header className="topbar">
          <button
            type="button"
            className="menu-button secondary"
            aria-expanded={menuOpen}
            aria-controls="sidebar"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            Menu
          </button>
          <Link href="/" className="brand">
            Privet console
          </Link>
          <p className="member">
            <span className="visually-hidden">Signed in as </span>
            {roleLabel(role)}
          </p>
          <SignOut />
        </header>
        <Sidebar id="sidebar" open={menuOpen} path={path} />
        <div className="workspace">
          <PurposeBar />
          <main id="main" tabIndex={-1}>
            {customer?.[1] ? (
              <NeedsPurpose key={path}>
                <CustomerPage id={customer[1]} />
              </NeedsPurpose>
            ) : area?.personal ? (
              <NeedsPurpose key={path}>{area.page()}</NeedsPurpose>
            ) : area ? (
              area.page()
            ) : (
              <Landing areas={areas} unknown={path !== "/"} />
            )}
          </main>
        </div>
      </div>
    </PurposeProvider>
  );
}

export function App() {
  return (
    <StaffSessionProvider>
      <Frame />
    </StaffSessionProvider>
  );
}
