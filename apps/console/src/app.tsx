/**
 * The console's frame: staff sign in, then see the areas their role may use; every read of
 * personal data goes out under the purpose declared in the purpose bar.
 */
import { ConsoleSignOutDocument } from "@privet/client";
import { inWords, roleLabel } from "@privet/domain/labels";
import { Link, navigate, usePath } from "@privet/ui/router";
import { Loading } from "@privet/ui/states";
import { useMutation } from "urql";
import { areasFor } from "./areas.js";
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
      className="link-button"
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
  const areas = areasFor(role);
  const customer = /^\/customers\/([0-9a-f-]{36})$/i.exec(path);
  const area = areas.find((a) => a.path === path);
  // A customer's page belongs to the customers area: it reads under that area's declaration.
  const scoped = customer ? areas.find((a) => a.path === "/customers") : area;
  return (
    <PurposeProvider
      key={role}
      staffRole={role}
      scope={scoped?.path ?? "/"}
      natural={scoped?.purpose}
    >
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
          <NeedsPurpose key={path}>
            <CustomerPage id={customer[1]} />
          </NeedsPurpose>
        ) : area?.personal ? (
          <NeedsPurpose key={path}>{area.page()}</NeedsPurpose>
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
