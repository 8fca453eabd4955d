/** Who is signed in, shared by every page; refreshed after signing in or out. */
import { PortalSessionDocument, type PortalSessionQuery } from "@privet/client";
import { createContext, type ReactNode, useCallback, useContext } from "react";
import { useQuery } from "urql";

interface Session {
  readonly data: PortalSessionQuery | undefined;
  readonly me: PortalSessionQuery["me"] | null;
  readonly loading: boolean;
  refresh(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [{ data, fetching }, reexecute] = useQuery({ query: PortalSessionDocument });
  const refresh = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  return (
    <SessionContext.Provider
      value={{ data, me: data?.me ?? null, loading: fetching && !data, refresh }}
    >
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}
