import type * as Y from 'yjs'
import type { AsyncUpdateLog, RoomName, StoredRoom, UpdateLog } from '../storage/index.js'
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
    return decodeStored(log.loadRoom(documentId, room))
  } catch (err) {
    throw unreadable(room, err)
  }
}

/** `readStoredState` for a backend that answers asynchronously (PostgreSQL): the same checks. */
export async function loadStoredState(log: Pick<AsyncUpdateLog, 'loadRoom'>, documentId: string, room: RoomName): Promise<StoredState> {
  try {
    return decodeStored(await log.loadRoom(documentId, room))
  } catch (err) {
    throw unreadable(room, err)
  }
}

const unreadable = (room: RoomName, err: unknown) => new Error(`cannot read stored ${room} state: ${(err as Error).message}`)

function decodeStored(stored: StoredRoom): StoredState {
  const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates
  return {
    ...loadState(parts),
    count: stored.updates.length,
    logBytes: stored.updates.reduce((n, u) => n + u.byteLength, 0),
    snapshotBytes: stored.snapshot?.byteLength ?? 0,
  }
}

/**
 * A room's Y.Doc built from what is stored, without writing anything (the CLI's export).
 * Throws when the stored state cannot be read: callers must fail closed.
 */
export function readStoredDoc(log: Pick<UpdateLog, 'loadRoom'>, documentId: string, room: RoomName): Y.Doc {
  return readStoredState(log, documentId, room).state.toDoc()
}
