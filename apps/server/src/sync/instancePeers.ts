import * as Y from 'yjs'
import type { DocumentStatus, Role } from '@perspektiv/model'
import type { Awaitable, UpdateLog } from '../storage/index.js'
import type { LiveDocument } from './liveDocument.js'
import { loadStoredState } from './loadRoom.js'
import { inspectUpdate } from './roomState.js'
import { REMOTE, type Room } from './room.js'

/**
 * What one instance tells the others about open sockets (issue 19): the same shapes as the
 * instance bus's messages (scale/instanceBus.ts validates them on arrival).
 */
export type Announcement =
  | { type: 'session-ended'; sessionHash: string; reason: string }
  | { type: 'role'; documentId: string; userId: number; role: Role | null }
  | { type: 'status'; documentId: string; status: DocumentStatus }

/**
 * The other server instances serving the same documents (scale/cluster.ts, when REDIS_URL
 * is set). The registry tells them what it committed and what changed; they call back into
 * the registry with what arrives from elsewhere. Without it the registry is one instance.
 */
export interface InstancePeers {
  /**
   * A document was loaded here: follow its rooms. `reread` applies to a room whatever the
   * store holds beyond its state (what was committed elsewhere since it was loaded).
   */
  opened(doc: LiveDocument, reread: (room: Room) => unknown): void
  /** The document left memory here: stop following it. */
  closed(doc: LiveDocument): void
  /** An update this instance committed (never one that came from a peer). */
  committed(room: Room, update: Uint8Array): void
  /** Presence of this instance's clients changed (never presence that came from a peer). */
  awareness(room: Room, update: Uint8Array): void
  /** A change that concerns open sockets on every instance. */
  announce(message: Announcement): void
}

/**
 * An update another instance committed, applied here: joined to the room's state and sent
 * to this instance's clients, never stored (the other instance stored it) and never
 * published again. Decoded in full first: a broken one throws and changes nothing.
 */
export function applyRemoteUpdate(doc: LiveDocument, room: Room, update: Uint8Array): void {
  const info = inspectUpdate(update, room.state.header)
  if (info.empty) return
  // A sync reply or a re-read of the store carries the whole delete set: nothing new.
  if (info.structs === 0 && room.state.isKnownDeleteSet(update)) return
  room.state.append(update, info)
  if (room.name === 'review' && doc.reviewGuard) {
    // The guard's review doc judges the next write against what entries held before: it is
    // rebuilt from the room's state (now with the peer's update) rather than patched.
    doc.reviewGuard.destroy()
    doc.reviewGuard = undefined
  }
  room.broadcastUpdate(update, REMOTE)
}

/** Applies what the store holds beyond the room's state (committed by another instance since the load). */
export async function rereadRoom(store: Pick<Awaitable<UpdateLog>, 'loadRoom'>, doc: LiveDocument, room: Room, isLive: () => boolean): Promise<void> {
  const stored = (await loadStoredState(store, doc.id, room.name)).state.stateAsUpdate()
  // Unloaded while the store answered: nothing to apply to.
  if (isLive()) applyRemoteUpdate(doc, room, Y.diffUpdate(stored, room.state.stateVector()))
}

/** A peer's sync request: what this instance holds beyond the peer's state vector. */
export function answerSyncRequest(room: Room, stateVector: Uint8Array): Uint8Array {
  return Y.diffUpdate(room.state.stateAsUpdate(), stateVector)
}
