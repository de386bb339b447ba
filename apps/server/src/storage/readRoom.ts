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
 * Rebuilds a room's Y.Doc from its snapshot and update log, without writing anything.
 * Throws when the stored state cannot be read: callers must fail closed (never serve,
 * and never save, a blank document in its place).
 */
export function readStoredRoom(
  store: DocumentStore,
  documentId: string,
  room: RoomName,
): { doc: Y.Doc; count: number; pending: boolean; state: Uint8Array | undefined } {
  const stored = store.loadRoom(documentId, room)
  const doc = new Y.Doc({ gc: true })
  try {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const u of stored.updates) Y.applyUpdate(doc, u)
  } catch (err) {
    doc.destroy()
    throw new Error(`cannot read stored ${room} state: ${(err as Error).message}`)
  }
  return {
    doc,
    count: stored.updates.length,
    pending: Boolean(doc.store.pendingStructs || doc.store.pendingDs),
    // With no log rows the snapshot is the whole state, already encoded.
    state: stored.updates.length === 0 ? (stored.snapshot ?? undefined) : undefined,
  }
}
