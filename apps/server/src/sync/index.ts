/**
 * The sync server's public face, for the HTTP routes and the app: the registry of live
 * documents and what it throws, and the stored-room loader (the CLI's export). The socket
 * route (socket.ts) is mounted by app.ts directly: it is built on http/, which imports
 * this file, and going through here would make the two import each other.
 */
export { Rooms } from './registry.js'
export { DocumentUnavailableError } from './errors.js'
export type { ReviewChanges } from './reviewChanges.js'
export { loadStoredState, loadStoredDoc, readStoredState } from './loadRoom.js'
export { StateJobError, StatePool, StatePoolError, type StatePoolOptions } from './statePool.js'
