import * as Y from 'yjs'

/**
 * What `stored` holds that `state` lacks, merged into `state`. When `state` already holds
 * everything (the usual case: this instance wrote every row), `state` itself is returned,
 * so a garbage-collected encoding stays as compact as the caller made it.
 */
export function mergeMissing(state: Uint8Array, stored: Uint8Array[]): Uint8Array {
  if (stored.length === 0) return state
  const all = Y.mergeUpdates(stored)
  const missing = Y.diffUpdate(all, Y.encodeStateVectorFromUpdate(state))
  // The diff carries the stored delete set in full: deletions are merged as well (a union).
  const { structs, ds } = Y.decodeUpdate(missing)
  return structs.length > 0 || ds.clients.size > 0 ? Y.mergeUpdates([state, missing]) : state
}
