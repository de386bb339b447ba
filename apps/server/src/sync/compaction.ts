import * as Y from 'yjs'
import { isPromise, type Awaitable, type UpdateLog } from '../storage/index.js'
import type { LiveDocument } from './liveDocument.js'
import type { Room } from './room.js'
import { OFF_THREAD_BYTES } from './loadRoom.js'
import type { StatePool } from './statePool.js'

/** A room quiet this long gets the updates stored since its base merged into it (memory). */
const IDLE_MERGE_MS = 2_000
/** …when they are this many arrays at least (fewer cost less than merging them). */
const IDLE_MERGE_MIN_PARTS = 8
/** Idle merging runs this often, for at most this long each time. */
const IDLE_WORK_INTERVAL_MS = 500
const IDLE_WORK_BUDGET_MS = 2
/**
 * Compaction merges the whole document (a stall of milliseconds to tens of milliseconds
 * for every socket), so while a room is busy it waits until the log is twice the snapshot
 * (its cost then grows with what was written, not with how often); a quiet room with a
 * log worth merging is compacted at once. Loading a long log costs little more than
 * loading the snapshot: every part is decoded anyway, then merged once.
 */
const COMPACT_MIN_LOG_BYTES = 1024 * 1024
const COMPACT_IDLE_MIN_ROWS = 100

/**
 * Merges rooms' update logs into their snapshots (SRV-S5), and the updates held in memory
 * since a quiet room's base into it.
 */
export class Compaction {
  private idleTimer: NodeJS.Timeout | undefined
  /** Rooms whose merge is running on the state pool (one at a time per room). */
  private readonly merging = new Set<Room>()
  /** Rooms whose compaction an asynchronous store is writing (one at a time per room). */
  private readonly writing = new Set<Room>()

  constructor(
    private readonly log: Pick<Awaitable<UpdateLog>, 'compactRoom'>,
    /** Compact a busy room's log beyond this many rows. */
    private readonly compactAfter: number,
    private readonly logEvent: (event: string, details: Record<string, unknown>) => void,
    /** Merges rooms of OFF_THREAD_BYTES or more off the main thread (SRV-S15); none = here. */
    private readonly pool?: StatePool,
    /** Is `room` still a room of a loaded document (not unloaded, not taken offline)? */
    private readonly isLive: (room: Room) => boolean = () => true,
  ) {}

  /**
   * Writes the room's whole state as its snapshot, replacing the log rows: merged update
   * bytes, or its garbage-collected encoding (a Y.Doc built from the state, or the bytes a
   * state thread encoded from one, SRV-S17). The
   * write is issued before this returns (a store answering later settles the promise); an
   * asynchronous store merges rows appended meanwhile rather than deleting them (SRV-ST12).
   */
  compact(room: Room, built?: Y.Doc | Uint8Array): void | Promise<void> {
    const state = built instanceof Y.Doc ? Y.encodeStateAsUpdate(built) : (built ?? room.state.stateAsUpdate())
    const written = this.log.compactRoom(room.documentId, room.name, state)
    const { logCount, logBytes } = room
    room.logCount = 0
    room.logBytes = 0
    room.snapshotBytes = state.byteLength
    if (built) room.state.replace(state)
    if (!isPromise(written)) return
    this.writing.add(room)
    return written
      .catch((err: unknown) => {
        // The rows are still in the log: count them again for the next try.
        room.logCount += logCount
        room.logBytes += logBytes
        throw err
      })
      .finally(() => this.writing.delete(room))
  }

  /** `compact`, its failure logged (from a timer or after a commit, where nobody waits). */
  private compactLogged(room: Room): void {
    const failed = (err: unknown) => this.logEvent('compaction failed', { documentId: room.documentId, room: room.name, reason: (err as Error).message })
    try {
      this.compact(room)?.catch(failed)
    } catch (err) {
      failed(err)
    }
  }

  /** After a commit: compacts a busy room whose log grew past its limits. */
  afterAppend(room: Room): void {
    const logTooLarge = room.logBytes > Math.max(COMPACT_MIN_LOG_BYTES, 2 * room.snapshotBytes)
    if ((room.logCount <= this.compactAfter && !logTooLarge) || this.writing.has(room)) return
    if (this.offThread(room)) return void this.mergeOffThread(room, true)
    this.compactLogged(room)
  }

  /** Is the room large enough for its merge to go to the state pool? */
  private offThread(room: Room): boolean {
    return this.pool !== undefined && room.state.byteLength >= OFF_THREAD_BYTES
  }

  /**
   * Merges the room's state on the state pool; when the merge comes back and nothing was
   * appended meanwhile, it becomes the room's base (and, with `store`, its snapshot). If the
   * room changed, the result is dropped: replacing the log with it would lose the rows
   * stored since (the next append or quiet turn tries again).
   */
  private async mergeOffThread(room: Room, store: boolean): Promise<void> {
    if (this.merging.has(room)) return
    this.merging.add(room)
    const version = room.state.version
    try {
      const { update } = await this.pool!.run({ kind: 'merge', parts: room.state.parts() })
      if (!this.isLive(room) || room.state.version !== version) return
      if (store && this.writing.has(room)) return
      // Issued, counted and replaced in this turn: whatever is appended after it is in neither.
      const { logCount, logBytes } = room
      const written = store ? this.log.compactRoom(room.documentId, room.name, update) : undefined
      if (store) {
        room.logCount = 0
        room.logBytes = 0
        room.snapshotBytes = update.byteLength
      }
      room.state.replace(update)
      if (isPromise(written)) {
        this.writing.add(room)
        try {
          await written
        } catch (err) {
          room.logCount += logCount
          room.logBytes += logBytes
          throw err
        } finally {
          this.writing.delete(room)
        }
      }
    } catch (err) {
      this.logEvent(store ? 'compaction failed' : 'merge failed', { documentId: room.documentId, room: room.name, reason: (err as Error).message })
    } finally {
      this.merging.delete(room)
    }
  }

  /** Runs idle merging over `live` while any document is loaded. */
  start(live: () => Iterable<LiveDocument>): void {
    this.idleTimer ??= setInterval(() => this.mergeIdle(live()), IDLE_WORK_INTERVAL_MS).unref()
  }

  stop(): void {
    if (this.idleTimer) clearInterval(this.idleTimer)
    this.idleTimer = undefined
  }

  /**
   * Merges the updates stored since a quiet room's base into it (a typed page is hundreds
   * of updates: as separate arrays they cost more memory than merged), or compacts a quiet
   * room with a log worth it. Busy rooms are left to compaction. A few milliseconds per
   * call at most: with hundreds of documents open, merging them all at once would stall
   * every socket.
   */
  private mergeIdle(live: Iterable<LiveDocument>): void {
    const started = performance.now()
    const quietSince = Date.now() - IDLE_MERGE_MS
    for (const doc of live) {
      if (doc.lastAppendAt > quietSince) continue
      for (const room of doc.rooms()) {
        if (room.state.tailLength < IDLE_MERGE_MIN_PARTS && room.logCount < COMPACT_IDLE_MIN_ROWS) continue
        if (performance.now() - started > IDLE_WORK_BUDGET_MS) return
        if (this.writing.has(room)) continue
        if (this.offThread(room)) {
          void this.mergeOffThread(room, room.logCount >= COMPACT_IDLE_MIN_ROWS)
          continue
        }
        if (room.logCount >= COMPACT_IDLE_MIN_ROWS) {
          this.compactLogged(room)
          continue
        }
        try {
          room.state.stateAsUpdate()
        } catch (err) {
          this.logEvent('merge failed', { documentId: doc.id, room: room.name, reason: (err as Error).message })
        }
      }
    }
  }
}
