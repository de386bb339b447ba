import * as decoding from 'lib0/decoding'
import { applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import type { Peer } from './connection.js'
import { MalformedMessageError, encodeAwareness, encodeSyncStep2FromUpdate, type ClientMessage } from './protocol.js'
import { CLOSE_FLOOD, CLOSE_INTERNAL, CLOSE_MALFORMED, CLOSE_QUOTA } from '@perspektiv/model'
import { OFF_THREAD_BYTES } from './loadRoom.js'
import { StateJobError } from './statePool.js'
import type { Room } from './room.js'
import { inspectUpdate, isEmptyUpdate } from './roomState.js'

/**
 * One handler per decoded client message kind (protocol.ts decodes, room.ts dispatches).
 * Each checks what the peer may do and charges its budget only for work the server does.
 */

/** A provider has one awareness client ID (a new one after a reload); more on one socket is forgery. */
export const MAX_AWARENESS_IDS_PER_PEER = 4
/** Presence is a name, a colour and a caret: anything larger is not a real client. */
export const MAX_AWARENESS_BYTES = 64 * 1024

type MessageOf<T extends ClientMessage['type']> = Extract<ClientMessage, { type: T }>

/**
 * Sync step 1: answered with what the peer lacks, after storing what is pending. In a room
 * of OFF_THREAD_BYTES or more, a diff that is not kept already (also the whole document
 * for a fresh client, when what was appended since would have to be merged) is computed
 * on the state pool (SRV-S18: a second on the main thread for 4 MB); the promise settles with the
 * milliseconds it took there (charged to the user's work budget) once the answer is sent,
 * and the socket's later messages wait for it (fairQueue.ts).
 */
export function handleSyncStep1(room: Room, peer: Peer, message: MessageOf<'sync-step1'>): Promise<number> | undefined {
  if (!room.charge(peer)) return
  room.hooks.flushPending()
  const { stateVector } = message
  const pool = room.hooks.statePool
  const known = pool && room.state.byteLength >= OFF_THREAD_BYTES ? room.state.knownSyncStep2(stateVector, true) : undefined
  if (!pool || known || room.state.byteLength < OFF_THREAD_BYTES) {
    room.send(peer, known ?? room.state.syncStep2(stateVector))
    return
  }
  const version = room.state.version
  return pool.run({ kind: 'diff', parts: room.state.parts(), stateVector }).then(
    (result) => {
      const answer = encodeSyncStep2FromUpdate(result.update)
      room.state.keepAnswer(stateVector, version, answer)
      if (room.peers.has(peer)) room.send(peer, answer)
      return result.ms ?? 0
    },
    (err: Error) => {
      // Yjs refused the state vector: the client's fault, as on this thread; else the pool's.
      const malformed = err instanceof StateJobError
      room.hooks.log(malformed ? 'malformed message' : 'sync step 1 failed', {
        documentId: room.documentId,
        room: room.name,
        user: peer.username,
        reason: err.message,
      })
      if (malformed) peer.close(CLOSE_MALFORMED, `malformed message: ${err.message}`.slice(0, 120))
      else peer.close(CLOSE_INTERNAL, 'server busy, reconnect later')
      room.leave(peer)
      return 0
    },
  )
}

/** Sync step 2 or update: a writer's update is stored then sent on; anyone else's is dropped. */
export function handleSyncUpdate(room: Room, peer: Peer, message: MessageOf<'sync-update'>): void {
  if (!room.hooks.canWrite(room, peer)) {
    // Logged once per connection: a reader typing would otherwise log every keystroke.
    // A read-only client's own sync step 2 is an empty update ([0, 0]): not worth a line.
    if (!isEmptyUpdate(message.update) && !room.refusedPeers.has(peer)) {
      room.refusedPeers.add(peer)
      room.hooks.log('updates refused', { documentId: room.documentId, room: room.name, user: peer.username, role: peer.role })
    }
    return
  }
  if (!room.charge(peer)) return
  // Before decoding: an update over a quota costs nothing more and is never stored (SRV-S14).
  const refused = room.hooks.refusal(room, peer, message.update.byteLength)
  if (refused) {
    room.hooks.log('quota exceeded', { documentId: room.documentId, room: room.name, user: peer.username, reason: refused })
    peer.close(CLOSE_QUOTA, refused)
    room.leave(peer)
    return
  }
  const info = inspectUpdate(message.update, room.state.header)
  if (info.empty) return
  // A reply to our sync step 1 with nothing new but the delete set we already have.
  if (message.step2 && info.structs === 0 && room.state.isKnownDeleteSet(message.update)) return
  room.hooks.onUpdate(room, message.update, peer, info)
}

/** The entries of an awareness update (varuint count, then id, clock, JSON state each). */
function awarenessEntries(update: Uint8Array): Array<{ id: number; clock: number; removal: boolean }> {
  const decoder = decoding.createDecoder(update)
  const n = decoding.readVarUint(decoder)
  const entries: Array<{ id: number; clock: number; removal: boolean }> = []
  for (let i = 0; i < n; i++) {
    const id = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    entries.push({ id, clock, removal: decoding.readVarString(decoder) === 'null' })
  }
  return entries
}

/** Presence: applied when it is the peer's own and newer than what the room has. */
export function handleAwareness(room: Room, peer: Peer, message: MessageOf<'awareness'>): void {
  if (message.update.length > MAX_AWARENESS_BYTES) throw new MalformedMessageError(`awareness update larger than ${MAX_AWARENESS_BYTES} bytes`)
  const entries = awarenessEntries(message.update)
  for (const [other, owned] of room.peers) {
    // Presence of another connection is not this peer's to change. (Stock y-websocket
    // clients echo every awareness update they receive: those end here, for free.)
    if (other !== peer && entries.some((e) => owned.has(e.id))) return
  }
  // Nothing newer than what the room has (e.g. late echoes of a peer that left): free.
  const changes = entries.some(({ id, clock, removal }) => {
    const current = room.awareness.meta.get(id)?.clock ?? 0
    return current < clock || (current === clock && removal && room.awareness.states.has(id))
  })
  if (!changes) return
  if (!room.charge(peer)) return
  applyAwarenessUpdate(room.awareness, message.update, peer)
  if (room.peers.get(peer)!.size > MAX_AWARENESS_IDS_PER_PEER) {
    room.hooks.log('presence flood', { documentId: room.documentId, room: room.name, user: peer.username })
    peer.close(CLOSE_FLOOD, `more than ${MAX_AWARENESS_IDS_PER_PEER} presence client ids on one connection`)
    room.leave(peer)
  }
}

/** Query awareness: the room's presence states. */
export function handleQueryAwareness(room: Room, peer: Peer): void {
  if (!room.charge(peer)) return
  room.send(peer, encodeAwareness(encodeAwarenessUpdate(room.awareness, [...room.awareness.getStates().keys()])))
}
