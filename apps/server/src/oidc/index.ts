// What the rest of the server and the tests use of OIDC; routes/oidc/oidc.ts and app.ts import the parts directly.
export { oidcConfigFromEnv, localLoginFromEnv, ConfigError, type OidcConfig } from './config.js'
export { mapClaims, usernameFrom } from './claims.js'
export { OIDC_FAILURES } from './failures.js'
