import * as Y from 'yjs'
import type { DocumentStore, RoomName } from './documentStore.js'
import { loadState, type RoomState } from '../sync/roomState.js'

/**
 * A room's stored snapshot and update log as a RoomState (no Y.Doc), every part decoded
 * in full. Throws when the stored state cannot be read: callers must fail closed.
 */
export function readStoredState(
  store: DocumentStore,
  documentId: string,
  room: RoomName,
): { state: RoomState; roots: Set<string>; count: number; logBytes: number; snapshotBytes: number } {
  const stored = store.loadRoom(documentId, room)
  const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates
  try {
    return {
      ...loadState(parts),
      count: stored.updates.length,
      logBytes: stored.updates.reduce((n, u) => n + u.byteLength, 0),
      snapshotBytes: stored.snapshot?.byteLength ?? 0,
    }
  } catch (err) {
    throw new Error(`cannot read stored ${room} state: ${(err as Error).message}`)
  }
}

/**
 * A room's Y.Doc built from what is stored, without writing anything (the CLI's export).
 * Throws when the stored state cannot be read: callers must fail closed.
 */
export function readStoredDoc(store: DocumentStore, documentId: string, room: RoomName): Y.Doc {
  return readStoredState(store, documentId, room).state.toDoc()
}
