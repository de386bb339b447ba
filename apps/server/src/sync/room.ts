import * as Y from 'yjs'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import type { RoomName } from '../storage/index.js'
import type { Peer } from './connection.js'
import { handleAwareness, handleQueryAwareness, handleSyncStep1, handleSyncUpdate } from './messages.js'
import { MalformedMessageError, decodeClientMessage, encodeAwareness, encodeSyncStep1, encodeUpdate } from './protocol.js'
import { CLOSE_MALFORMED } from '@perspektiv/model'
import type { RoomState, UpdateInfo } from './roomState.js'
import type { StatePool } from './statePool.js'

export type { Peer } from './connection.js'

/** The origin of an update or presence that came from another server instance (issue 19). */
export const REMOTE = Symbol('another instance')

export interface RoomHooks {
  /** May `peer` change this room's document right now? */
  canWrite(room: Room, peer: Peer): boolean
  /**
   * A valid update from a writer: store it, then `room.state.append` it and
   * `room.broadcastUpdate` it (nobody sees what is not stored).
   */
  onUpdate(room: Room, update: Uint8Array, origin: Peer, info: UpdateInfo): void
  /** Why `peer` may not store an update of `bytes` in `room` now (a byte quota), or null. */
  refusal(room: Room, peer: Peer, bytes: number): string | null
  /** Store everything pending now (before answering a sync step 1 with the doc's state). */
  flushPending(): void
  /** Log a refused or broken message (no content). */
  log(event: string, details: Record<string, unknown>): void
  /** Presence of this instance's clients changed (to tell the other instances); optional. */
  awarenessChanged?(room: Room, update: Uint8Array): void
  /** Where a large room's sync step 1 diffs are computed (SRV-S18); none: on this thread. */
  statePool?: StatePool
}

/**
 * A document's sockets and its state (update bytes, no Y.Doc): who is in the room, their
 * presence, and sending to them. Each decoded message goes to its handler (messages.ts)
 * with role checks; updates go through `hooks.onUpdate` (store first, broadcast after),
 * unchanged: the bytes a writer sent are the bytes stored and sent on.
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
  /** Peers whose refused updates were logged already (once per connection). */
  readonly refusedPeers = new WeakSet<Peer>()

  constructor(
    readonly documentId: string,
    readonly name: RoomName,
    readonly state: RoomState,
    readonly hooks: RoomHooks,
  ) {
    // Awareness wants a Y.Doc only for its own client ID: an empty one (the server has no presence).
    this.awareness = new Awareness(new Y.Doc({ gc: true }))
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onAwarenessUpdate)
  }

  /** What the store holds for this room besides its state (read when loading). */
  setStoredLog(stored: { count: number; logBytes: number; snapshotBytes: number }): void {
    this.logCount = stored.count
    this.logBytes = stored.logBytes
    this.snapshotBytes = stored.snapshotBytes
  }

  private onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    const changed = [...added, ...updated, ...removed]
    const owned = this.peers.get(origin as Peer)
    if (owned) {
      for (const id of added) owned.add(id)
      for (const id of removed) owned.delete(id)
    }
    if (changed.length === 0) return
    const update = encodeAwarenessUpdate(this.awareness, changed)
    this.sendToAll(encodeAwareness(update))
    // Another instance's presence, or one expired here (each instance expires it itself), stays here.
    if (origin !== REMOTE && origin !== 'timeout') this.hooks.awarenessChanged?.(this, update)
  }

  /** Presence from another instance's clients: to this instance's clients, not published again. */
  applyRemoteAwareness(update: Uint8Array): void {
    applyAwarenessUpdate(this.awareness, update, REMOTE)
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

  /**
   * Handles one binary message; a malformed one closes only this peer's connection. A
   * promise: the message's work goes on on the state pool (SRV-S18), settling with its
   * milliseconds there once done; the peer's next message must wait for it.
   */
  receive(peer: Peer, data: Uint8Array): Promise<number> | undefined {
    if (!this.peers.has(peer)) return
    try {
      const message = decodeClientMessage(data)
      switch (message.type) {
        case 'sync-step1':
          return handleSyncStep1(this, peer, message)
        case 'sync-update':
          handleSyncUpdate(this, peer, message)
          return
        case 'awareness':
          handleAwareness(this, peer, message)
          return
        case 'query-awareness':
          handleQueryAwareness(this, peer)
          return
      }
    } catch (err) {
      const reason = err instanceof MalformedMessageError ? err.message : `malformed message: ${(err as Error).message}`
      this.hooks.log('malformed message', { documentId: this.documentId, room: this.name, user: peer.username, reason })
      // Close reasons are limited to 123 bytes.
      peer.close(CLOSE_MALFORMED, reason.slice(0, 120))
      this.leave(peer)
    }
  }

  /** Takes one message from the peer's budget; a peer whose budget is spent was closed and leaves. */
  charge(peer: Peer): boolean {
    if (peer.charge()) return true
    this.leave(peer)
    return false
  }

  /** Sends a stored update to every peer but its origin; encoded once. */
  broadcastUpdate(update: Uint8Array, origin: unknown): void {
    const message = encodeUpdate(update)
    for (const peer of this.peers.keys()) if (peer !== origin) this.send(peer, message)
  }

  sendToAll(message: Uint8Array): void {
    for (const peer of this.peers.keys()) this.send(peer, message)
  }

  /** A peer that cannot take the message (dropped for back-pressure) leaves the room. */
  send(peer: Peer, message: Uint8Array): void {
    if (!peer.send(message)) this.leave(peer)
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
