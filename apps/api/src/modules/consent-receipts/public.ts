/**
 * The consent-receipts module's surface: the JWK Set route the server mounts at
 * /.well-known/jwks.json. The rest is the module's own (architecture.test.ts).
 */
export { JWKS_PATH, jwksRoute } from "./jwks.route.js";
