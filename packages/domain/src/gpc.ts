/**
 * The Global Privacy Control support resource (GPC spec, "/.well-known/gpc.json"): the site
 * says it honours the signal, and since when this statement stands. The API serves it and the
 * portal ships the same file (apps/portal/public/.well-known/gpc.json, tested to match).
 * Move `lastUpdate` when what Privet does with GPC changes (P-15: an opt-out of advertising,
 * recorded with its source, and the GPP string's GPC flag for the advertising partner).
 */
export const GPC_SUPPORT = { gpc: true, lastUpdate: "2026-12-06" } as const;

export const GPC_SUPPORT_PATH = "/.well-known/gpc.json";
