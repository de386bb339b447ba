import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import type { Role } from '@perspektiv/model'
import type { RoomName } from '../storage/documentStore.js'
import {
  CLOSE_FLOOD,
  CLOSE_MALFORMED,
  MalformedMessageError,
  decodeClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeUpdate,
} from './protocol.js'
import { inspectUpdate, isEmptyUpdate, type RoomState, type UpdateInfo } from './roomState.js'

/** One WebSocket connection, as the room sees it. */
export interface Peer {
  readonly userId: number
  readonly username: string
  /** sha256 of the session token that opened the socket (to close it on sign-out). */
  readonly sessionHash: string
  role: Role
  send(data: Uint8Array): void
  close(code: number, reason: string): void
  /** Drops the connection without a closing handshake (slow consumers). */
  terminate(): void
  bufferedAmount(): number
}

export interface RoomHooks {
  /** May `peer` change this room's document right now? */
  canWrite(room: Room, peer: Peer): boolean
  /**
   * A valid update from a writer: store it, then `room.state.append` it and
   * `room.broadcastUpdate` it (nobody sees what is not stored).
   */
  onUpdate(room: Room, update: Uint8Array, origin: Peer, info: UpdateInfo): void
  /** Store everything pending now (before answering a sync step 1 with the doc's state). */
  flushPending(): void
  /** Log a refused or broken message (no content). */
  log(event: string, details: Record<string, unknown>): void
}

/** 8 MiB queued on one socket: the client cannot keep up; drop it rather than grow memory. */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024

/**
 * Per-connection budget (token bucket) for messages that cost the server or the room work
 * (sync step 1s answered with the whole document, applied updates and presence, awareness
 * queries): bursts up to 1000, then 300 per second. A fast typist sends a few dozen a
 * second; the awareness echoes stock clients send are dropped before they are charged.
 */
export const MESSAGE_BURST = 1000
export const MESSAGES_PER_SECOND = 300
/** A provider has one awareness client ID (a new one after a reload); more on one socket is forgery. */
export const MAX_AWARENESS_IDS_PER_PEER = 4
/** Presence is a name, a colour and a caret: anything larger is not a real client. */
export const MAX_AWARENESS_BYTES = 64 * 1024

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

/**
 * A document's sockets and its state (update bytes, no Y.Doc): the y-websocket protocol
 * with role checks on every message. Updates are decoded in full (that validates them),
 * then go through `hooks.onUpdate` (store first, broadcast after), unchanged: the bytes a
 * writer sent are the bytes stored and sent on.
 */
export class Room {
  readonly awareness: Awareness
  /** Each peer with the awareness client IDs it controls. */
  readonly peers = new Map<Peer, Set<number>>()
  /** Update rows in the store since the last snapshot, and their bytes (drive compaction). */
  logCount = 0
  logBytes = 0
  /** Size of the stored snapshot. */
  snapshotBytes = 0

  /** What the store holds for this room besides its state (read when loading). */
  setStoredLog(stored: { count: number; logBytes: number; snapshotBytes: number }): void {
    this.logCount = stored.count
    this.logBytes = stored.logBytes
    this.snapshotBytes = stored.snapshotBytes
  }
  private readonly refusedPeers = new WeakSet<Peer>()
  private readonly budgets = new WeakMap<Peer, { tokens: number; at: number }>()

  constructor(
    readonly documentId: string,
    readonly name: RoomName,
    readonly state: RoomState,
    private readonly hooks: RoomHooks,
  ) {
    // Awareness wants a Y.Doc only for its own client ID: an empty one (the server has no presence).
    this.awareness = new Awareness(new Y.Doc({ gc: true }))
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onAwarenessUpdate)
  }

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed]
    const owned = this.peers.get(origin as Peer)
    if (owned) {
      for (const id of added) owned.add(id)
      for (const id of removed) owned.delete(id)
    }
    if (changed.length === 0) return
    this.sendToAll(encodeAwareness(encodeAwarenessUpdate(this.awareness, changed)))
  }

  join(peer: Peer): void {
    this.peers.set(peer, new Set())
    this.send(peer, encodeSyncStep1(this.state.stateVector()))
    const states = [...this.awareness.getStates().keys()]
    if (states.length > 0) this.send(peer, encodeAwareness(encodeAwarenessUpdate(this.awareness, states)))
  }

  leave(peer: Peer): void {
    const owned = this.peers.get(peer)
    if (!owned) return
    this.peers.delete(peer)
    if (owned.size > 0) removeAwarenessStates(this.awareness, [...owned], null)
  }

  /** Handles one binary message; a malformed one closes only this peer's connection. */
  receive(peer: Peer, data: Uint8Array): void {
    if (!this.peers.has(peer)) return
    try {
      const message = decodeClientMessage(data)
      switch (message.type) {
        case 'sync-step1':
          if (!this.charge(peer)) return
          this.hooks.flushPending()
          this.send(peer, this.state.syncStep2(message.stateVector))
          break
        case 'sync-update':
          // A sync step 2 is an update too: from someone without write access, drop it.
          if (!this.hooks.canWrite(this, peer)) {
            // Logged once per connection: a reader typing would otherwise log every keystroke.
            // A read-only client's own sync step 2 is an empty update ([0, 0]): not worth a line.
            if (!isEmptyUpdate(message.update) && !this.refusedPeers.has(peer)) {
              this.refusedPeers.add(peer)
              this.hooks.log('updates refused', { documentId: this.documentId, room: this.name, user: peer.username, role: peer.role })
            }
            return
          }
          if (!this.charge(peer)) return
          {
            const info = inspectUpdate(message.update)
            if (info.empty) return
            // A reply to our sync step 1 with nothing new but the delete set we already have.
            if (message.step2 && info.structs === 0 && this.state.isKnownDeleteSet(message.update)) return
            this.hooks.onUpdate(this, message.update, peer, info)
          }
          break
        case 'awareness': {
          if (message.update.length > MAX_AWARENESS_BYTES) throw new MalformedMessageError(`awareness update larger than ${MAX_AWARENESS_BYTES} bytes`)
          const entries = awarenessEntries(message.update)
          for (const [other, owned] of this.peers) {
            // Presence of another connection is not this peer's to change. (Stock y-websocket
            // clients echo every awareness update they receive: those end here, for free.)
            if (other !== peer && entries.some((e) => owned.has(e.id))) return
          }
          // Nothing newer than what the room has (e.g. late echoes of a peer that left): free.
          const changes = entries.some(({ id, clock, removal }) => {
            const current = this.awareness.meta.get(id)?.clock ?? 0
            return current < clock || (current === clock && removal && this.awareness.states.has(id))
          })
          if (!changes) return
          if (!this.charge(peer)) return
          applyAwarenessUpdate(this.awareness, message.update, peer)
          if (this.peers.get(peer)!.size > MAX_AWARENESS_IDS_PER_PEER) {
            this.hooks.log('presence flood', { documentId: this.documentId, room: this.name, user: peer.username })
            peer.close(CLOSE_FLOOD, `more than ${MAX_AWARENESS_IDS_PER_PEER} presence client ids on one connection`)
            this.leave(peer)
          }
          break
        }
        case 'query-awareness':
          if (!this.charge(peer)) return
          this.send(peer, encodeAwareness(encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])))
          break
      }
    } catch (err) {
      const reason = err instanceof MalformedMessageError ? err.message : `malformed message: ${(err as Error).message}`
      this.hooks.log('malformed message', { documentId: this.documentId, room: this.name, user: peer.username, reason })
      // Close reasons are limited to 123 bytes.
      peer.close(CLOSE_MALFORMED, reason.slice(0, 120))
      this.leave(peer)
    }
  }

  /** Takes one message from the peer's budget; closes the connection when it is spent. */
  private charge(peer: Peer): boolean {
    const now = Date.now()
    const b = this.budgets.get(peer) ?? { tokens: MESSAGE_BURST, at: now }
    b.tokens = Math.min(MESSAGE_BURST, b.tokens + ((now - b.at) / 1000) * MESSAGES_PER_SECOND) - 1
    b.at = now
    this.budgets.set(peer, b)
    if (b.tokens >= 0) return true
    this.hooks.log('message flood', { documentId: this.documentId, room: this.name, user: peer.username })
    peer.close(CLOSE_FLOOD, `more than ${MESSAGES_PER_SECOND} messages per second`)
    this.leave(peer)
    return false
  }

  /** Sends a stored update to every peer but its origin; encoded once. */
  broadcastUpdate(update: Uint8Array, origin: unknown): void {
    const message = encodeUpdate(update)
    for (const peer of this.peers.keys()) if (peer !== origin) this.send(peer, message)
  }

  private sendToAll(message: Uint8Array): void {
    for (const peer of this.peers.keys()) this.send(peer, message)
  }

  send(peer: Peer, message: Uint8Array): void {
    if (peer.bufferedAmount() > MAX_BUFFERED_BYTES) {
      this.hooks.log('slow client dropped', { documentId: this.documentId, room: this.name, user: peer.username })
      this.leave(peer)
      peer.terminate()
      return
    }
    try {
      peer.send(message)
    } catch {
      this.leave(peer)
      peer.terminate()
    }
  }

  closeAll(code: number, reason: string): void {
    for (const peer of [...this.peers.keys()]) {
      this.leave(peer)
      peer.close(code, reason)
    }
  }

  destroy(): void {
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
    this.awareness.doc.destroy()
  }
}
