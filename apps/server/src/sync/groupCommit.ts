import * as Y from 'yjs'
import { isPromise, type Awaitable, type UpdateLog } from '../storage/index.js'
import type { Room } from './room.js'
import { mergeInfo, type UpdateInfo } from './roomState.js'

export interface PendingUpdate {
  room: Room
  update: Uint8Array
  origin: unknown
  info: UpdateInfo
}

export interface CommitHooks {
  /** Is the room still one of a loaded document? Updates of a document taken offline are not stored. */
  accepts(room: Room): boolean
  /**
   * The batch is stored, one merged update per room: each must now join its room's state
   * and be broadcast (SRV-S3). Called once per batch.
   */
  stored(merged: PendingUpdate[]): void
  /** The batch could not be stored: nobody may see it, and these documents go offline. */
  failed(documentIds: Set<string>, reason: string): void
}

/** Marks a merged update of several origins: it goes to every peer of the room. */
const MANY_ORIGINS = Symbol('many origins')

/**
 * One update per room, in the order rooms first appear. The origin is kept when a room's
 * updates all came from one peer (it is not sent back to that peer); a merge of several
 * peers' updates goes to everyone, including its senders, which Yjs ignores as known.
 */
function mergePerRoom(batch: PendingUpdate[]): PendingUpdate[] {
  if (batch.length === 1) return batch
  const byRoom = new Map<Room, { updates: Uint8Array[]; origin: unknown; info: UpdateInfo }>()
  for (const p of batch) {
    const group = byRoom.get(p.room)
    if (!group) byRoom.set(p.room, { updates: [p.update], origin: p.origin, info: p.info })
    else {
      group.updates.push(p.update)
      group.info = mergeInfo(group.info, p.info)
      if (group.origin !== p.origin) group.origin = MANY_ORIGINS
    }
  }
  const merged: PendingUpdate[] = []
  for (const [room, { updates, origin, info }] of byRoom) {
    if (updates.length === 1) merged.push({ room, update: updates[0]!, origin, info })
    else {
      try {
        merged.push({ room, update: Y.mergeUpdates(updates), origin, info })
      } catch {
        // Cannot happen for updates that decoded; if it did, store and send them one by one.
        for (const p of batch) if (p.room === room) merged.push(p)
      }
    }
  }
  return merged
}

/**
 * Group commit (SRV-S2): every update that arrives in one turn of the event loop goes into
 * one transaction, so durability costs one commit per batch, not per message. Each room's
 * updates of the batch are merged into one update: one row, and one message encoded once
 * and sent as the same bytes to every peer. Sending a message costs a socket write per
 * peer, so at many editors per room this is what keeps up.
 *
 * A store that answers later (PostgreSQL) has one batch in flight at a time: what arrives
 * meanwhile waits and goes in the next one, so updates are committed in arrival order and
 * each is broadcast only after its commit (SRV-S3). A store that answers now (SQLite) is
 * written and broadcast within the flush, as before.
 */
export class GroupCommit {
  private pending: PendingUpdate[] = []
  private scheduled = false
  /** The batch being written by an asynchronous store. */
  private inFlight: Promise<void> | undefined
  /** The flush queued behind it (every caller that asks meanwhile shares it). */
  private next: Promise<void> | undefined

  constructor(
    private readonly log: Pick<Awaitable<UpdateLog>, 'appendUpdates'>,
    private readonly hooks: CommitHooks,
  ) {}

  enqueue(room: Room, update: Uint8Array, origin: unknown, info: UpdateInfo): void {
    this.pending.push({ room, update, origin, info })
    if (!this.scheduled) {
      this.scheduled = true
      setImmediate(() => void this.flush())
    }
  }

  /**
   * Writes what is pending in one transaction, then hands it on (store before anyone sees).
   * Settles when it, and every batch before it, is stored or failed.
   */
  flush(): Promise<void> {
    this.scheduled = false
    if (this.inFlight) {
      const after = () => {
        this.next = undefined
        return this.flush()
      }
      this.next ??= this.inFlight.then(after, after)
      return this.next
    }
    const batch = this.pending.filter((p) => this.hooks.accepts(p.room))
    this.pending = []
    if (batch.length === 0) return Promise.resolve()
    const merged = mergePerRoom(batch)
    const failed = (err: unknown) => this.hooks.failed(new Set(batch.map((p) => p.room.documentId)), `cannot store updates: ${(err as Error).message}`)
    let written: void | Promise<void>
    try {
      written = this.log.appendUpdates(merged.map((m) => ({ documentId: m.room.documentId, room: m.room.name, data: m.update })))
    } catch (err) {
      failed(err)
      return Promise.resolve()
    }
    if (!isPromise(written)) {
      this.hooks.stored(merged)
      return Promise.resolve()
    }
    const inFlight = written.then(
      () => {
        this.inFlight = undefined
        this.hooks.stored(merged)
      },
      (err: unknown) => {
        this.inFlight = undefined
        failed(err)
      },
    )
    this.inFlight = inFlight
    return inFlight
  }
}
