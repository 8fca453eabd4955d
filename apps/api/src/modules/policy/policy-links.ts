/**
 * Links to the policy in the portal, for notices sent by email. The portal's address is
 * `config.portalUrl` (PRIVET_PORTAL_URL, checked at start; no trailing slash).
 */

/** The page of one version. */
export function policyVersionLink(portalUrl: string, versionId: string): string {
  return `${portalUrl}/policy/${encodeURIComponent(versionId)}`;
}

/** The page listing every version (the archive). */
export function policyArchiveLink(portalUrl: string): string {
  return `${portalUrl}/policy/versions`;
}
