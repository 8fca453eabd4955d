/** The signed-in staff member's role, shared by every page; refreshed after signing in or out. */
import { ConsoleSessionDocument, type StaffRole } from "@privet/client";
import { createContext, type ReactNode, useCallback, useContext } from "react";
import { useQuery } from "urql";

interface StaffSession {
  readonly role: StaffRole | null;
  readonly loading: boolean;
  refresh(): void;
}

const SessionContext = createContext<StaffSession | null>(null);

export function StaffSessionProvider({ children }: { children: ReactNode }) {
  const [{ data, fetching }, reexecute] = useQuery({ query: ConsoleSessionDocument });
  const refresh = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  const role = data?.viewer.kind === "staff" ? (data.viewer.role ?? null) : null;
  return (
    <SessionContext.Provider value={{ role, loading: fetching && !data, refresh }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useStaffSession(): StaffSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useStaffSession outside StaffSessionProvider");
  return session;
}
