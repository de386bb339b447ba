import * as Y from 'yjs'
import { isPromise, type Awaitable, type UpdateLog } from '../storage/index.js'
import type { Room } from './room.js'
import { mergeInfo, type UpdateInfo } from './roomState.js'
import * as trace from './latencyTrace.js'

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
 * How many batches a store that answers later (PostgreSQL) may have in flight at once, each
 * on a pool connection of its own. PostgreSQL writes the WAL of commits that wait at the same
 * moment with one fsync, so a batch sent while others are in flight costs about one commit
 * of latency, not a place in a queue of them. Three: enough that a room with nothing in
 * flight is committed at once although others' commits are under way, few enough to leave
 * the pool to the rest — the pool has 10 connections (storage/postgres/database.ts): 3 for
 * commits leave 7 for loads, re-reads, compactions, summaries and REST reads; the workflow
 * locks have a pool of their own (4, storage/postgres/stores.ts).
 */
export const MAX_IN_FLIGHT = 3

/** A pending update with its place in the arrival order. */
interface Queued extends PendingUpdate {
  seq: number
  /** PERSPEKTIV_LATENCY_TRACE only: when its message arrived and when it was enqueued (latencyTrace.ts). */
  arrivedAt?: number
  enqueuedAt?: number
}

/** A batch an asynchronous store is writing. */
interface InFlight {
  /** Its rooms (`documentId/room`): none of them goes in another batch until it answered. */
  rooms: string[]
  /** The earliest arrival in it. */
  firstSeq: number
}

const roomKey = (room: Room) => `${room.documentId}/${room.name}`

/**
 * Group commit (SRV-S2): every update that arrives in one turn of the event loop goes into
 * one transaction, so durability costs one commit per batch, not per message. Each room's
 * updates of the batch are merged into one update: one row, and one message encoded once
 * and sent as the same bytes to every peer. Sending a message costs a socket write per
 * peer, so at many editors per room this is what keeps up.
 *
 * A store that answers later (PostgreSQL) has up to `maxInFlight` batches in flight at once
 * (SRV-ST41), and at most one per room: an update of a room with a batch in flight waits and
 * goes in that room's next batch, so each room's updates are committed in arrival order (the
 * review guard's `storedAll`, the summaries and the relay rely on it); an update of a room
 * with nothing in flight goes in the next batch at once instead of waiting behind other
 * rooms' commits (Yjs updates of different rooms need no order between them). Each is
 * broadcast only after its commit (SRV-S2). A store that answers now (SQLite) is written and
 * broadcast within the flush, as before.
 */
export class GroupCommit {
  private pending: Queued[] = []
  private scheduled = false
  /** The arrival number of the latest update enqueued. */
  private seq = 0
  private readonly inFlight = new Set<InFlight>()
  /** The rooms of the batches in flight. */
  private readonly busy = new Set<string>()
  /** Each flush waiting for every update enqueued before it (up to `upTo`) to be stored or failed. */
  private waiters: Array<{ upTo: number; done: () => void }> = []

  constructor(
    private readonly log: Pick<Awaitable<UpdateLog>, 'appendUpdates'>,
    private readonly hooks: CommitHooks,
    private readonly maxInFlight = MAX_IN_FLIGHT,
  ) {}

  enqueue(room: Room, update: Uint8Array, origin: unknown, info: UpdateInfo): void {
    const queued: Queued = { room, update, origin, info, seq: ++this.seq }
    if (trace.tracing && trace.currentArrival() > 0) {
      queued.arrivedAt = trace.currentArrival()
      queued.enqueuedAt = trace.now()
      trace.record('decode', queued.enqueuedAt - trace.currentStart())
    }
    this.pending.push(queued)
    if (!this.scheduled) {
      this.scheduled = true
      setImmediate(() => void this.flush())
    }
  }

  /**
   * Writes what can be written now (store before anyone sees), and settles once every
   * update enqueued before the call is stored or failed, whichever batch it went in.
   */
  flush(): Promise<void> {
    this.scheduled = false
    const upTo = this.seq
    this.pump()
    if (this.settledThrough() >= upTo) return Promise.resolve()
    return new Promise((done) => this.waiters.push({ upTo, done }))
  }

  /** Every update up to this arrival number is stored, failed or dropped. */
  private settledThrough(): number {
    let first = this.pending[0]?.seq ?? this.seq + 1
    for (const b of this.inFlight) first = Math.min(first, b.firstSeq)
    return first - 1
  }

  /** Sends the pending updates of every room with nothing in flight as one batch, if a batch may start. */
  private pump(): void {
    if (this.pending.length > 0 && this.inFlight.size < this.maxInFlight) {
      const batch: Queued[] = []
      const waiting: Queued[] = []
      for (const p of this.pending) {
        if (this.busy.has(roomKey(p.room))) waiting.push(p)
        else if (this.hooks.accepts(p.room)) batch.push(p)
      }
      this.pending = waiting
      if (batch.length > 0) this.write(batch)
    }
    this.wake()
  }

  private wake(): void {
    if (this.waiters.length === 0) return
    const through = this.settledThrough()
    const ready = this.waiters.filter((w) => w.upTo <= through)
    if (ready.length === 0) return
    this.waiters = this.waiters.filter((w) => w.upTo > through)
    for (const w of ready) w.done()
  }

  private write(batch: Queued[]): void {
    const merged = mergePerRoom(batch)
    const failed = (err: unknown) => this.hooks.failed(new Set(batch.map((p) => p.room.documentId)), `cannot store updates: ${(err as Error).message}`)
    let written: void | Promise<void>
    try {
      written = this.log.appendUpdates(merged.map((m) => ({ documentId: m.room.documentId, room: m.room.name, data: m.update })))
    } catch (err) {
      failed(err)
      return
    }
    if (!isPromise(written)) {
      this.hooks.stored(merged)
      return
    }
    const sentAt = trace.tracing ? trace.now() : 0
    if (trace.tracing) for (const p of batch) if (p.enqueuedAt !== undefined) trace.record('slot', sentAt - p.enqueuedAt)
    const flight: InFlight = { rooms: [...new Set(batch.map((p) => roomKey(p.room)))], firstSeq: batch[0]!.seq }
    this.inFlight.add(flight)
    for (const r of flight.rooms) this.busy.add(r)
    const answered = (then: () => void) => {
      this.inFlight.delete(flight)
      for (const r of flight.rooms) this.busy.delete(r)
      try {
        then()
      } finally {
        // Its rooms' next updates, and whatever waited for a free place, go now.
        this.pump()
      }
    }
    void written.then(
      () =>
        answered(() => {
          if (!trace.tracing) return this.hooks.stored(merged)
          const at = trace.now()
          trace.record('commit', at - sentAt)
          trace.record('batchRows', merged.length)
          this.hooks.stored(merged)
          const done = trace.now()
          trace.record('broadcast', done - at)
          for (const p of batch) if (p.arrivedAt !== undefined) trace.record('total', done - p.arrivedAt)
        }),
      (err: unknown) => answered(() => failed(err)),
    )
  }
}
