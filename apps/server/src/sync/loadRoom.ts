import type * as Y from 'yjs'
import { StoredStateError, type Awaitable, type RoomName, type StoredRoom, type UpdateLog } from '../storage/index.js'
import { fromLoaded, loadState, type RoomState } from './roomState.js'
import { StatePoolError, type StatePool } from './statePool.js'

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
 * Rooms storing at least this many bytes are decoded and merged on a state thread: below
 * it a load takes a few milliseconds at most, less than sending it to a thread costs.
 */
export const OFF_THREAD_BYTES = 128 * 1024

/**
 * A room's stored snapshot and update log as a RoomState (no Y.Doc), every part decoded
 * in full. Throws when the stored state cannot be read: callers must fail closed (SRV-ST5).
 */
export function readStoredState(log: Pick<UpdateLog, 'loadRoom'>, documentId: string, room: RoomName): StoredState {
  try {
    const stored = log.loadRoom(documentId, room)
    return withSizes(loadState(partsOf(stored)), stored)
  } catch (err) {
    throw unreadable(room, err)
  }
}

/**
 * `readStoredState` for a backend that answers asynchronously (PostgreSQL), or with a state
 * pool: a room of OFF_THREAD_BYTES or more is decoded and merged on the pool's thread (the
 * same checks, SRV-S15). A failure of the pool itself (crashed, hung or busy thread)
 * rejects with the pool's StatePoolError, not as "cannot read": it says nothing about the
 * stored state, and the load may be tried again.
 */
export async function loadStoredState(
  log: Pick<Awaitable<UpdateLog>, 'loadRoom'>,
  documentId: string,
  room: RoomName,
  pool?: StatePool,
  /** Told when the room goes to the pool (a load that takes a while). */
  onOffThread?: () => void,
): Promise<StoredState> {
  let stored: StoredRoom
  try {
    stored = await log.loadRoom(documentId, room)
  } catch (err) {
    // Damaged rows are the stored state's fault; anything else (the database away) is the backend's.
    if (err instanceof StoredStateError) throw unreadable(room, err)
    throw new StoreReadError(`cannot read stored ${room} state: ${(err as Error).message}`)
  }
  const parts = partsOf(stored)
  const bytes = parts.reduce((n, p) => n + p.byteLength, 0)
  try {
    if (!pool || bytes < OFF_THREAD_BYTES) return withSizes(loadState(parts), stored)
    onOffThread?.()
    const loaded = await pool.run({ kind: 'load', parts })
    return withSizes(fromLoaded(loaded), stored)
  } catch (err) {
    if (err instanceof StatePoolError) throw err
    throw unreadable(room, err)
  }
}

/** The backend did not answer a load (not damage in what it stores): a later load may succeed. */
export class StoreReadError extends Error {}

const unreadable = (room: RoomName, err: unknown) => new Error(`cannot read stored ${room} state: ${(err as Error).message}`)

const partsOf = (stored: StoredRoom) => (stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates)

function withSizes(loaded: ReturnType<typeof loadState>, stored: StoredRoom): StoredState {
  return {
    ...loaded,
    count: stored.updates.length,
    logBytes: stored.updates.reduce((n, u) => n + u.byteLength, 0),
    snapshotBytes: stored.snapshot?.byteLength ?? 0,
  }
}

/**
 * A room's Y.Doc built from what is stored, without writing anything (the CLI's export,
 * the template upgrade). Rejects when the stored state cannot be read: callers must fail closed.
 */
export async function loadStoredDoc(log: Pick<Awaitable<UpdateLog>, 'loadRoom'>, documentId: string, room: RoomName): Promise<Y.Doc> {
  return (await loadStoredState(log, documentId, room)).state.toDoc()
}
