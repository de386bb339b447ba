export { oidcConfigFromEnv, localLoginFromEnv, ConfigError, DEFAULT_OIDC_LABEL, type OidcConfig } from './config.js'
export { mapClaims, usernameFrom, type MappedIdentity } from './claims.js'
export { OidcRelyingParty } from './relyingParty.js'
export { OIDC_FAILURES, OidcFailure, type OidcFailureCode } from './failures.js'
