import type * as Y from 'yjs'
import type { RoomName, UpdateLog } from '../storage/index.js'
import { loadState, type RoomState } from './roomState.js'

/** A room read back from the update log, with the log's size (drives compaction). */
export interface StoredState {
  state: RoomState
  /** The root types that hold content in it (the content room must have sections). */
  roots: Set<string>
  count: number
  logBytes: number
  snapshotBytes: number
}

/**
 * A room's stored snapshot and update log as a RoomState (no Y.Doc), every part decoded
 * in full. Throws when the stored state cannot be read: callers must fail closed (SRV-ST5).
 */
export function readStoredState(log: Pick<UpdateLog, 'loadRoom'>, documentId: string, room: RoomName): StoredState {
  try {
    const stored = log.loadRoom(documentId, room)
    const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates
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
export function readStoredDoc(log: Pick<UpdateLog, 'loadRoom'>, documentId: string, room: RoomName): Y.Doc {
  return readStoredState(log, documentId, room).state.toDoc()
}
