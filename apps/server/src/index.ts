export { createApp, type AppOptions, type PerspektivApp } from './app.js'
export { startServer, DEFAULT_PORT, type StartOptions, type RunningServer } from './main.js'
export { createDocument, type DocumentSummary, type DocumentDetail } from './documents.js'
export * from './storage/index.js'
export { exportStoredDocument, contentDisposition, ExportRefused } from './exporting.js'
export {
  loadStoredState,
  loadStoredDoc,
  readStoredState,
  DocumentUnavailableError,
  StateJobError,
  StatePool,
  StatePoolError,
  type StatePoolOptions,
} from './sync/index.js'
export { oidcConfigFromEnv, localLoginFromEnv, ConfigError, mapClaims, usernameFrom, OIDC_FAILURES, type OidcConfig } from './oidc/index.js'
export { planImport, storeWordSuggestions } from './imports/index.js'
export { RoomRelay, type RelayHandlers } from './scale/relay.js'
export { InstanceBus, type BusMessage } from './scale/instanceBus.js'
export { openCliStores, type CliStores } from './cliStores.js'
