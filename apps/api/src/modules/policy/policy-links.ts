/**
 * Links to the policy in the portal, for notices sent by email. The portal's address comes
 * from PRIVET_PORTAL_URL (the development portal's by default).
 */
const DEFAULT_PORTAL_URL = "http://localhost:5173";

export function portalUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.PRIVET_PORTAL_URL?.trim() || DEFAULT_PORTAL_URL).replace(/\/+$/, "");
}

/** The page of one version. */
export function policyVersionLink(versionId: string, base = portalUrl()): string {
  return `${base}/policy/${encodeURIComponent(versionId)}`;
}

/** The page listing every version (the archive). */
export function policyArchiveLink(base = portalUrl()): string {
  return `${base}/policy/versions`;
}
