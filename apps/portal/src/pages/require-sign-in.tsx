/** Pages about the customer's own data ask visitors to sign in first. */

import { Link } from "@privet/ui/router";
import { Loading } from "@privet/ui/states";
import type { ReactNode } from "react";
import { useSession } from "../session.js";

export function RequireSignIn({ children }: { children: ReactNode }) {
  const { me, loading } = useSession();
  if (loading) return <Loading what="your account" />;
  if (!me) {
    return (
      <>
        <h1>Please sign in</h1>
        <p>
          This page shows your own data. <Link href="/sign-in">Sign in</Link> or{" "}
          <Link href="/sign-up">create an account</Link>.
        </p>
      </>
    );
  }
  return children;
}
