import * as Y from 'yjs'
import type { CoverageReport, DocumentStatus, Role, Template } from '@perspektiv/model'
import { CONTENT_FRAGMENT, yDocToJSON, type PMNode } from '@perspektiv/document'
import { summarizeDoc, SummaryWorker } from '../summary/index.js'
import type { DocumentRecord, DocumentStore, RoomName } from '../storage/documentStore.js'
import { readStoredState } from '../storage/readRoom.js'
import { coverageOfDocument } from '@perspektiv/coverage'
import { CLOSE_GOING_AWAY, CLOSE_INTERNAL, CLOSE_POLICY } from './protocol.js'
import { Room, type Peer, type RoomHooks } from './room.js'
import { mergeInfo, type UpdateInfo } from './roomState.js'

export interface RoomsOptions {
  store: DocumentStore
  templates: Map<string, Template>
  /**
   * Compact a room's log into its snapshot beyond this many rows (default 10,000), or once
   * the log holds twice the snapshot's bytes (at least 1 MB), or when the room is quiet
   * with 100 rows or more.
   */
  compactAfter?: number
  /** Unload a document this long after its last client left. */
  idleUnloadMs?: number
  /**
   * Write updated_at/coverage to the documents row at most this often (and on unload).
   * A change of the meta map (title, dnr) is written within min(this, 2 s).
   */
  summaryDelayMs?: number
  log?: (event: string, details: Record<string, unknown>) => void
  /**
   * Called after a review-room update from a connected user was stored and broadcast
   * (notifications derive comments, mentions and verdicts from it). Must not throw.
   */
  onReviewStored?: (documentId: string, userId: number, update: Uint8Array) => void
}

/** The stored state of a document cannot be read: it is refused, never served blank. */
export class DocumentUnavailableError extends Error {
  constructor(
    readonly documentId: string,
    readonly reason: string,
  ) {
    super(`document ${documentId} is unavailable: ${reason}`)
  }
}

/** A Y.Doc built from the content for reading (REST), with what was derived from it. */
interface ContentView {
  version: number
  doc: Y.Doc
  json?: PMNode
  coverage?: CoverageReport
  timer?: NodeJS.Timeout
}

/** A document loaded in memory: its two rooms. */
export class LiveDocument {
  unloadTimer: NodeJS.Timeout | undefined
  summaryTimer: NodeJS.Timeout | undefined
  /** When the pending summary timer fires (ms since epoch). */
  summaryDue = 0
  summaryDirty = false
  /** The latest summary handed to the worker and not yet written (0: none). */
  summaryInFlight = 0
  lastChangeAt = new Date().toISOString()
  /** When an update was last stored (drives the idle merge of the rooms' states). */
  lastAppendAt = 0
  view: ContentView | undefined
  constructor(
    readonly id: string,
    readonly template: Template,
    public status: DocumentStatus,
    readonly content: Room,
    readonly review: Room,
  ) {}

  room(name: RoomName): Room {
    return name === 'content' ? this.content : this.review
  }

  peerCount(): number {
    return this.content.peers.size + this.review.peers.size
  }
}

interface PendingUpdate {
  room: Room
  update: Uint8Array
  origin: unknown
  info: UpdateInfo
}

/**
 * Title, dnr and "not relevant" edits (map values and attributes, not text) reach the
 * documents list within this (unless summaryDelayMs is shorter).
 */
const META_SUMMARY_DELAY_MS = 2_000

/** A summary waits for this long without updates (see markSummaryDirty). */
const SUMMARY_PAUSE_MS = 500

/** A Y.Doc built for REST is kept this long after its last use, while the content is unchanged. */
const VIEW_TTL_MS = 5_000

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
 * The live documents of this server: loading (fail closed), group-committed update
 * writes, broadcast after commit, compaction, idle unload and the documents-row summary.
 */
export class Rooms {
  private readonly live = new Map<string, LiveDocument>()
  private readonly failed = new Map<string, string>()
  private pending: PendingUpdate[] = []
  private flushScheduled = false
  private readonly compactAfter: number
  private readonly idleUnloadMs: number
  private readonly summaryDelayMs: number
  private readonly log: (event: string, details: Record<string, unknown>) => void
  private readonly hooks: RoomHooks
  private idleMergeTimer: NodeJS.Timeout | undefined
  private readonly summaries: SummaryWorker
  private summarySeq = 0

  constructor(private readonly options: RoomsOptions) {
    this.compactAfter = options.compactAfter ?? 10_000
    this.idleUnloadMs = options.idleUnloadMs ?? 30_000
    this.summaryDelayMs = options.summaryDelayMs ?? 10_000
    this.log = options.log ?? (() => {})
    this.summaries = new SummaryWorker(options.templates, this.log)
    this.hooks = {
      canWrite: (room, peer) => this.canWrite(room, peer),
      onUpdate: (room, update, origin, info) => this.enqueue(room, update, origin, info),
      flushPending: () => this.flush(),
      log: this.log,
    }
  }

  private get store(): DocumentStore {
    return this.options.store
  }

  canWrite(room: Room, peer: Peer): boolean {
    const doc = this.live.get(room.documentId)
    if (!doc) return false
    if (room.name === 'content') return peer.role === 'author' && doc.status !== 'godkand'
    return peer.role === 'author' || peer.role === 'reviewer' || peer.role === 'approver'
  }

  isLoaded(id: string): boolean {
    return this.live.has(id)
  }

  failure(id: string): string | undefined {
    return this.failed.get(id)
  }

  /** The live document, loading it from the store if needed. Throws DocumentUnavailableError. */
  open(record: DocumentRecord): LiveDocument {
    const existing = this.live.get(record.id)
    if (existing) return existing
    const failure = this.failed.get(record.id)
    if (failure) throw new DocumentUnavailableError(record.id, failure)
    const template = this.options.templates.get(record.templateId)
    if (!template) return this.fail(record.id, `unknown template "${record.templateId}"`)
    let doc: LiveDocument
    try {
      // Every stored part is decoded in full here, so a broken one fails the load now
      // (never a blank document later). No Y.Doc is built: see RoomState.
      const content = readStoredState(this.store, record.id, 'content')
      const review = readStoredState(this.store, record.id, 'review')
      if (!content.roots.has(CONTENT_FRAGMENT)) throw new Error('stored content holds no sections')
      doc = new LiveDocument(
        record.id,
        template,
        record.status,
        new Room(record.id, 'content', content.state, this.hooks),
        new Room(record.id, 'review', review.state, this.hooks),
      )
      doc.content.setStoredLog(content)
      doc.review.setStoredLog(review)
    } catch (err) {
      return this.fail(record.id, (err as Error).message)
    }
    this.live.set(record.id, doc)
    this.idleMergeTimer ??= setInterval(() => this.mergeIdle(), IDLE_WORK_INTERVAL_MS).unref()
    // Loaded for REST only: unload again unless a socket joins.
    this.scheduleUnload(doc)
    return doc
  }

  /**
   * Merges the updates stored since a quiet room's base into it (a typed page is hundreds
   * of updates: as separate arrays they cost more memory than merged), or compacts a quiet
   * room with a log worth it. Busy rooms are left to compaction. A few milliseconds per
   * call at most: with hundreds of documents open, merging them all at once would stall
   * every socket.
   */
  private mergeIdle(): void {
    const started = performance.now()
    const quietSince = Date.now() - IDLE_MERGE_MS
    for (const doc of this.live.values()) {
      if (doc.lastAppendAt > quietSince) continue
      for (const room of [doc.content, doc.review]) {
        if (room.state.tailLength < IDLE_MERGE_MIN_PARTS && room.logCount < COMPACT_IDLE_MIN_ROWS) continue
        if (performance.now() - started > IDLE_WORK_BUDGET_MS) return
        try {
          if (room.logCount >= COMPACT_IDLE_MIN_ROWS) this.compact(room)
          else room.state.update()
        } catch (err) {
          this.log('merge failed', { documentId: doc.id, room: room.name, reason: (err as Error).message })
        }
      }
    }
  }

  private fail(id: string, reason: string): never {
    this.failed.set(id, reason)
    this.log('document unavailable', { documentId: id, reason })
    throw new DocumentUnavailableError(id, reason)
  }

  join(doc: LiveDocument, roomName: RoomName, peer: Peer): Room {
    if (doc.unloadTimer) {
      clearTimeout(doc.unloadTimer)
      doc.unloadTimer = undefined
    }
    const room = doc.room(roomName)
    room.join(peer)
    return room
  }

  leave(room: Room, peer: Peer): void {
    room.leave(peer)
    const doc = this.live.get(room.documentId)
    if (doc && doc.peerCount() === 0) this.scheduleUnload(doc)
  }

  private scheduleUnload(doc: LiveDocument): void {
    if (doc.unloadTimer || doc.peerCount() > 0) return
    doc.unloadTimer = setTimeout(() => {
      doc.unloadTimer = undefined
      if (doc.peerCount() === 0) this.unload(doc)
    }, this.idleUnloadMs)
    doc.unloadTimer.unref()
  }

  /** Stores what is pending, compacts, writes the summary and drops the document from memory. */
  unload(doc: LiveDocument): void {
    if (this.live.get(doc.id) !== doc) return
    this.flush()
    try {
      // Nobody is waiting now: store the garbage-collected form (deleted text dropped),
      // which a Y.Doc built from the state gives. One build serves the summary too (written
      // here, not by the worker: an answer after unload would be dropped).
      const summarize = doc.summaryDirty || doc.summaryInFlight > 0
      const contentDoc = summarize || doc.content.logCount > 0 ? doc.content.state.toDoc() : undefined
      try {
        if (contentDoc && summarize) this.writeSummary(doc, contentDoc)
        if (doc.content.logCount > 0) this.compact(doc.content, contentDoc)
      } finally {
        contentDoc?.destroy()
      }
      if (doc.review.logCount > 0) {
        const reviewDoc = doc.review.state.toDoc()
        try {
          this.compact(doc.review, reviewDoc)
        } finally {
          reviewDoc.destroy()
        }
      }
    } catch (err) {
      this.log('unload failed', { documentId: doc.id, reason: (err as Error).message })
    }
    doc.content.closeAll(CLOSE_GOING_AWAY, 'server going away')
    doc.review.closeAll(CLOSE_GOING_AWAY, 'server going away')
    this.drop(doc)
  }

  /** Forgets a document that is closed: timers, its rooms, the REST view. */
  private drop(doc: LiveDocument): void {
    if (doc.unloadTimer) clearTimeout(doc.unloadTimer)
    if (doc.summaryTimer) clearTimeout(doc.summaryTimer)
    this.dropView(doc)
    doc.content.destroy()
    doc.review.destroy()
    this.live.delete(doc.id)
    if (this.live.size === 0 && this.idleMergeTimer) {
      clearInterval(this.idleMergeTimer)
      this.idleMergeTimer = undefined
    }
  }

  private enqueue(room: Room, update: Uint8Array, origin: unknown, info: UpdateInfo): void {
    const doc = this.live.get(room.documentId)
    if (!doc) return
    this.pending.push({ room, update, origin, info })
    if (!this.flushScheduled) {
      this.flushScheduled = true
      // Group commit: every update that arrives in this turn of the event loop goes into
      // one transaction, so durability costs one commit per batch, not per message.
      setImmediate(() => this.flush())
    }
  }

  /**
   * Writes pending updates in one transaction, then broadcasts them (store before anyone
   * sees). Each room's updates of the batch are merged into one update: one row, and one
   * message encoded once and sent as the same bytes to every peer. Sending a message costs
   * a socket write per peer, so at many editors per room this is what keeps up.
   */
  flush(): void {
    this.flushScheduled = false
    if (this.pending.length === 0) return
    const batch = this.pending
    this.pending = []
    const merged = mergePerRoom(batch)
    try {
      this.store.appendUpdates(merged.map((m) => ({ documentId: m.room.documentId, room: m.room.name, data: m.update })))
    } catch (err) {
      // Not stored, so never shown to anyone: take the affected documents offline.
      const reason = `cannot store updates: ${(err as Error).message}`
      for (const id of new Set(batch.map((p) => p.room.documentId))) {
        const doc = this.live.get(id)
        this.failed.set(id, reason)
        this.log('document unavailable', { documentId: id, reason })
        if (doc) {
          doc.content.closeAll(CLOSE_INTERNAL, 'storage failure')
          doc.review.closeAll(CLOSE_INTERNAL, 'storage failure')
          this.drop(doc)
        }
      }
      return
    }
    let now: string | undefined
    const at = Date.now()
    for (const { room, update, origin, info } of merged) {
      room.logCount++
      room.logBytes += update.byteLength
      room.state.append(update, info)
      room.broadcastUpdate(update, origin)
      const doc = this.live.get(room.documentId)
      if (!doc) continue
      doc.lastAppendAt = at
      if (room.name === 'content') {
        doc.lastChangeAt = now ??= new Date(at).toISOString()
        this.markSummaryDirty(doc, info.attributes, at)
      }
    }
    if (this.options.onReviewStored) {
      for (const { room, update, origin } of batch) {
        if (room.name === 'review' && origin && typeof (origin as Peer).userId === 'number') {
          this.options.onReviewStored(room.documentId, (origin as Peer).userId, update)
        }
      }
    }
    for (const { room } of merged) {
      const logTooLarge = room.logBytes > Math.max(COMPACT_MIN_LOG_BYTES, 2 * room.snapshotBytes)
      if ((room.logCount > this.compactAfter || logTooLarge) && this.live.has(room.documentId)) {
        try {
          this.compact(room)
        } catch (err) {
          this.log('compaction failed', { documentId: room.documentId, room: room.name, reason: (err as Error).message })
        }
      }
    }
  }

  /**
   * Writes the room's whole state as its snapshot, replacing the log rows: merged update
   * bytes, or, given a Y.Doc built from the state, its garbage-collected encoding.
   */
  private compact(room: Room, built?: Y.Doc): void {
    const state = built ? Y.encodeStateAsUpdate(built) : room.state.update()
    this.store.compactRoom(room.documentId, room.name, state)
    room.logCount = 0
    room.logBytes = 0
    room.snapshotBytes = state.byteLength
    if (built) room.state.replace(state)
  }

  /**
   * The documents row (dashboard) follows the text within `summaryDelayMs` and title/dnr
   * edits within 2 s: computing coverage means a JSON copy of the whole document, so it
   * is never done per update: only by these timers and on unload (REST computes its own).
   */
  private markSummaryDirty(doc: LiveDocument, soon: boolean, now = Date.now()): void {
    doc.summaryDirty = true
    const delay = soon ? Math.min(this.summaryDelayMs, META_SUMMARY_DELAY_MS) : this.summaryDelayMs
    const due = now + delay
    if (doc.summaryTimer) {
      if (doc.summaryDue <= due) return
      clearTimeout(doc.summaryTimer)
    }
    doc.summaryDue = due
    // Building the content for the summary stalls the event loop for a moment (tens of ms
    // for a long text): while the room is busy it waits for a pause, at most `delay` more.
    const latest = due + delay
    const fire = () => {
      doc.summaryTimer = undefined
      if (this.live.get(doc.id) !== doc) return
      const now = Date.now()
      if (now - doc.lastAppendAt < SUMMARY_PAUSE_MS && now + SUMMARY_PAUSE_MS <= latest) {
        doc.summaryDue = now + SUMMARY_PAUSE_MS
        doc.summaryTimer = setTimeout(fire, SUMMARY_PAUSE_MS).unref()
        return
      }
      this.requestSummary(doc)
    }
    doc.summaryTimer = setTimeout(fire, delay).unref()
  }

  /** Has the worker compute the documents row; written when it answers, unless outdated. */
  private requestSummary(doc: LiveDocument): void {
    doc.summaryDirty = false
    const seq = ++this.summarySeq
    doc.summaryInFlight = seq
    const updatedAt = doc.lastChangeAt
    this.summaries.summarize(doc.template.id, doc.content.state.parts()).then(
      (summary) => {
        // Unloaded meanwhile (unload wrote its own), or a newer request is on its way.
        if (this.live.get(doc.id) !== doc || doc.summaryInFlight !== seq) return
        doc.summaryInFlight = 0
        this.store.updateSummary(doc.id, { ...summary, updatedAt })
      },
      (err: Error) => {
        if (doc.summaryInFlight === seq) doc.summaryInFlight = 0
        this.log('summary failed', { documentId: doc.id, reason: err.message })
        // The worker went away: try again (on this thread) rather than lose the change.
        if (!this.summaries.available && this.live.get(doc.id) === doc) this.markSummaryDirty(doc, false)
      },
    )
  }

  /**
   * A Y.Doc of the document's current content, for reading only (nothing done to it is
   * stored). Built from the state on demand; reused while the content is unchanged and
   * dropped VIEW_TTL_MS after its last use, so an idle document holds no Y.Doc.
   */
  contentDoc(doc: LiveDocument): Y.Doc {
    return this.view(doc).doc
  }

  /** The content as ProseMirror JSON (cached with the view). */
  contentJson(doc: LiveDocument): PMNode {
    const view = this.view(doc)
    return (view.json ??= yDocToJSON(view.doc))
  }

  /** The CoverageReport of the document's current state. */
  coverage(doc: LiveDocument): CoverageReport {
    const view = this.view(doc)
    return (view.coverage ??= coverageOfDocument(doc.template, (view.json ??= yDocToJSON(view.doc))))
  }

  private view(doc: LiveDocument): ContentView {
    const version = doc.content.state.version
    let view = doc.view
    if (view?.version !== version) {
      this.dropView(doc)
      let built: Y.Doc
      try {
        built = doc.content.state.toDoc()
      } catch (err) {
        // Decoded, stored, but not applicable: say so rather than answer from a partial doc.
        const reason = `cannot read stored content state: ${(err as Error).message}`
        this.log('document unreadable', { documentId: doc.id, reason })
        throw new DocumentUnavailableError(doc.id, reason)
      }
      view = doc.view = { version, doc: built }
    }
    const current = view
    if (current.timer) clearTimeout(current.timer)
    current.timer = setTimeout(() => {
      if (doc.view === current) this.dropView(doc)
    }, VIEW_TTL_MS).unref()
    return current
  }

  private dropView(doc: LiveDocument): void {
    const view = doc.view
    if (!view) return
    doc.view = undefined
    if (view.timer) clearTimeout(view.timer)
    view.doc.destroy()
  }

  /** The documents row, now, on this thread, from a Y.Doc of the current content. */
  private writeSummary(doc: LiveDocument, current: Y.Doc): void {
    doc.summaryDirty = false
    doc.summaryInFlight = 0
    this.store.updateSummary(doc.id, { ...summarizeDoc(doc.template, current), updatedAt: doc.lastChangeAt })
  }

  /** Applies a membership change to open sockets: new role, or closed when removed. */
  updateRole(documentId: string, userId: number, role: Role | undefined): void {
    const doc = this.live.get(documentId)
    if (!doc) return
    for (const room of [doc.content, doc.review]) {
      for (const peer of [...room.peers.keys()]) {
        if (peer.userId !== userId) continue
        if (role) peer.role = role
        else {
          this.leave(room, peer)
          peer.close(CLOSE_POLICY, 'role revoked')
        }
      }
    }
  }

  setStatus(documentId: string, status: DocumentStatus): void {
    const doc = this.live.get(documentId)
    if (doc) doc.status = status
  }

  /** Closes every socket opened with the session (signed out, or expired). */
  closeSession(sessionHash: string, reason = 'session ended'): void {
    for (const doc of this.live.values()) {
      for (const room of [doc.content, doc.review]) {
        for (const peer of [...room.peers.keys()]) {
          if (peer.sessionHash !== sessionHash) continue
          this.leave(room, peer)
          peer.close(CLOSE_POLICY, reason)
        }
      }
    }
  }

  /** Flushes and unloads everything (shutdown). */
  close(): void {
    this.flush()
    for (const doc of [...this.live.values()]) this.unload(doc)
    if (this.idleMergeTimer) clearInterval(this.idleMergeTimer)
    this.idleMergeTimer = undefined
    this.summaries.close()
  }
}
