import type * as Y from 'yjs'
import { can, type CoverageReport, type DocumentStatus, type Role, type Template } from '@perspektiv/model'
import { CONTENT_FRAGMENT, type PMNode } from '@perspektiv/document'
import type { DocumentRecord, DocumentTable, RoomName, UpdateLog } from '../storage/index.js'
import { Compaction } from './compaction.js'
import type { Peer } from './connection.js'
import { ContentViews } from './contentView.js'
import { DocumentUnavailableError } from './errors.js'
import { GroupCommit, type PendingUpdate } from './groupCommit.js'
import { LiveDocument } from './liveDocument.js'
import { RoomLoader, type LoadedRooms } from './roomLoader.js'
import { StatePool, StatePoolError } from './statePool.js'
import { applyRemoteUpdate, rereadRoom, type Announcement, type InstancePeers } from './instancePeers.js'
import { CLOSE_GOING_AWAY, CLOSE_INTERNAL, CLOSE_POLICY } from '@perspektiv/model'
import { guardReviewUpdate, type ReviewGuardOptions } from './reviewWrites.js'
import { Room, type RoomHooks } from './room.js'
import { SummaryScheduler } from './summaries.js'
import { storeOnUnload } from './unloadStore.js'
import { QuotaCheck, type ByteQuotas } from './quotas.js'

export interface RoomsOptions extends ReviewGuardOptions {
  /** The update log (rooms' state) and the documents row (summary) of the store. */
  store: UpdateLog & Pick<DocumentTable, 'updateSummary'>
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
  /** Byte quotas on what writers store (SRV-S14; default DEFAULT_BYTE_QUOTAS). */
  quotas?: ByteQuotas
  /**
   * Called after a review-room update from one connected user was stored and broadcast
   * (notifications derive comments, mentions and verdicts from it). Must not throw.
   */
  onReviewStored?: (documentId: string, userId: number, update: Uint8Array) => void
  /**
   * Called after a content update of a document under review was stored (approvals of
   * the text before it may no longer hold, issue 22.4). Must not throw.
   */
  onReviewedContentStored?: (documentId: string) => void
  /** Decodes and merges large rooms off the main thread (SRV-S15); default: a pool of its own; null: on this thread (bench S12's "before"). */
  statePool?: StatePool | null
  /** The other instances serving these documents (REDIS_URL, issue 19); omitted: this one only. */
  peers?: InstancePeers
}

/**
 * The live documents of this server: opening (loading fail-closed), joining and leaving,
 * idle unload, taking a document offline, and the fan-out of role, status and session
 * changes to open sockets. The group commit, compaction, the summary scheduler and the
 * content view do their one job each on the documents kept here.
 */
export class Rooms {
  private readonly live = new Map<string, LiveDocument>()
  private readonly failed = new Map<string, string>()
  private readonly idleUnloadMs: number
  private readonly log: (event: string, details: Record<string, unknown>) => void
  private readonly hooks: RoomHooks
  private readonly commits: GroupCommit
  private readonly compaction: Compaction
  private readonly summaries: SummaryScheduler
  private readonly views: ContentViews
  private readonly pool: StatePool | undefined
  private readonly loader: RoomLoader
  private readonly statusWhileLoading = new Map<string, DocumentStatus>()

  constructor(private readonly options: RoomsOptions) {
    this.idleUnloadMs = options.idleUnloadMs ?? 30_000
    this.log = options.log ?? (() => {})
    const isLive = (doc: LiveDocument) => this.live.get(doc.id) === doc
    this.summaries = new SummaryScheduler(options.store, options.templates, options.summaryDelayMs ?? 10_000, isLive, this.log)
    this.pool = options.statePool === null ? undefined : (options.statePool ?? new StatePool({ log: this.log }))
    this.loader = new RoomLoader(options.store, this.pool)
    const roomIsLive = (room: Room) => this.live.get(room.documentId)?.room(room.name) === room
    this.compaction = new Compaction(options.store, options.compactAfter ?? 10_000, this.log, this.pool, roomIsLive)
    this.views = new ContentViews(this.log)
    const quota = new QuotaCheck(options.quotas)
    this.commits = new GroupCommit(options.store, {
      stored: (merged) => this.stored(merged),
      failed: (ids, reason) => {
        for (const id of ids) this.takeOffline(id, reason)
      },
    })
    this.hooks = {
      canWrite: (room, peer) => this.canWrite(room, peer),
      refusal: (room, peer, bytes) => quota.refusal(room, peer, bytes),
      onUpdate: (room, update, origin, info) => {
        const doc = this.live.get(room.documentId)
        if (!doc) return
        // Review writes are judged against the server-held review doc first (issue 22).
        if (room.name === 'review' && !guardReviewUpdate(doc, update, origin, this.options)) return
        this.commits.enqueue(room, update, origin, info)
      },
      flushPending: () => this.flush(),
      log: this.log,
      awarenessChanged: (room, update) => options.peers?.awareness(room, update),
    }
  }

  canWrite(room: Room, peer: Peer): boolean {
    const doc = this.live.get(room.documentId)
    if (!doc) return false
    // The permission table decides (packages/model): both rooms are locked once `godkand`.
    return can(peer.role, room.name === 'content' ? 'content.edit' : 'review.write', doc.status)
  }

  isLoaded(id: string): boolean {
    return this.live.has(id)
  }

  failure(id: string): string | undefined {
    return this.failed.get(id)
  }

  /**
   * The live document, loading it from the store if needed. Throws DocumentUnavailableError.
   * A document with a large room is not decoded here (it would stall every socket): its load
   * starts on the state pool and this throws a transient DocumentUnavailableError (503, try
   * again); callers that can wait use `load` (SRV-S15).
   */
  open(record: DocumentRecord): LiveDocument {
    const existing = this.live.get(record.id)
    if (existing) return existing
    const failure = this.failed.get(record.id)
    if (failure) throw new DocumentUnavailableError(record.id, failure)
    if (this.loader.loading(record.id)) throw new DocumentUnavailableError(record.id, 'it is still being loaded', true)
    let loaded: LoadedRooms | undefined
    try {
      loaded = this.loader.readNow(record.id)
    } catch (err) {
      return this.fail(record.id, (err as Error).message)
    }
    if (!loaded) {
      this.load(record).catch(() => {}) // its outcome is logged; the next open finds it
      throw new DocumentUnavailableError(record.id, 'it is still being loaded', true)
    }
    return this.build(record, loaded)
  }

  /** The live document, loading it from the store if needed (large rooms on the state pool). */
  async load(record: DocumentRecord): Promise<LiveDocument> {
    const existing = this.live.get(record.id)
    if (existing) return existing
    const failure = this.failed.get(record.id)
    if (failure) throw new DocumentUnavailableError(record.id, failure)
    if (!this.loader.loading(record.id)) {
      // Small: as `open`, without a turn of the event loop.
      let now: LoadedRooms | undefined
      try {
        now = this.loader.readNow(record.id)
      } catch (err) {
        return this.fail(record.id, (err as Error).message)
      }
      if (now) return this.build(record, now)
    }
    let loaded: LoadedRooms
    try {
      if (!this.loader.loading(record.id)) this.log('document loading', { documentId: record.id, on: 'state pool' })
      loaded = await this.loader.load(record.id)
    } catch (err) {
      // The pool failed (thread crashed, hung, busy, closed): nothing is known about the
      // stored state, so it is not marked offline; this load fails, the next may succeed.
      if (err instanceof StatePoolError) {
        this.log('document load failed', { documentId: record.id, reason: err.message })
        throw new DocumentUnavailableError(record.id, err.message, true)
      }
      return this.live.get(record.id) ?? this.fail(record.id, (err as Error).message)
    }
    return this.live.get(record.id) ?? this.build(record, loaded)
  }

  /** A live document of both rooms read back; fails it (offline) when they do not hold a document. */
  private build(record: DocumentRecord, { content, review }: LoadedRooms): LiveDocument {
    const failure = this.failed.get(record.id)
    if (failure) throw new DocumentUnavailableError(record.id, failure)
    const template = this.options.templates.get(record.templateId)
    if (!template) return this.fail(record.id, `unknown template "${record.templateId}"`)
    // Every stored part was decoded in full, so a broken one failed the load already
    // (never a blank document later, SRV-S1). No Y.Doc is built: see RoomState.
    if (!content.roots.has(CONTENT_FRAGMENT)) return this.fail(record.id, 'stored content holds no sections')
    const status = this.statusWhileLoading.get(record.id) ?? record.status
    this.statusWhileLoading.delete(record.id)
    const doc = new LiveDocument(
      record.id,
      template,
      status,
      new Room(record.id, 'content', content.state, this.hooks),
      new Room(record.id, 'review', review.state, this.hooks),
    )
    doc.content.setStoredLog(content)
    doc.review.setStoredLog(review)
    this.live.set(record.id, doc)
    this.options.peers?.opened(doc, (room) => this.live.get(doc.id) === doc && rereadRoom(this.options.store, doc, room))
    this.compaction.start(() => this.live.values())
    // Loaded for REST only: unload again unless a socket joins.
    this.scheduleUnload(doc)
    return doc
  }

  /** An update another instance committed (the relay): applied and sent on, not stored here. */
  applyRemote(room: Room, update: Uint8Array): void {
    const doc = this.live.get(room.documentId)
    if (doc && doc.room(room.name) === room) applyRemoteUpdate(doc, room, update)
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
    // The flush failed and took the document offline: nothing more is written for it (SRV-S7).
    if (this.live.get(doc.id) !== doc) return
    storeOnUnload(doc, this.compaction, this.summaries, this.log)
    for (const room of doc.rooms()) room.closeAll(CLOSE_GOING_AWAY, 'server going away')
    this.drop(doc)
  }

  /** Storage failed for the document: its sockets are closed and it stays offline (SRV-S7). */
  private takeOffline(id: string, reason: string): void {
    this.failed.set(id, reason)
    this.log('document unavailable', { documentId: id, reason })
    const doc = this.live.get(id)
    if (!doc) return
    for (const room of doc.rooms()) room.closeAll(CLOSE_INTERNAL, 'storage failure')
    this.drop(doc)
  }

  /** Forgets a document that is closed: timers, its rooms, the REST view. */
  private drop(doc: LiveDocument): void {
    if (doc.unloadTimer) clearTimeout(doc.unloadTimer)
    this.summaries.forget(doc)
    this.views.drop(doc)
    doc.reviewGuard?.destroy()
    doc.content.destroy()
    doc.review.destroy()
    this.live.delete(doc.id)
    this.options.peers?.closed(doc)
    if (this.live.size === 0) this.compaction.stop()
  }

  /** Stores what is pending now (before a status change judges "what everyone has seen"). */
  flush(): void {
    this.commits.flush()
  }

  /** A committed batch: each room's update joins its state and goes to its peers. */
  private stored(merged: PendingUpdate[]): void {
    let now: string | undefined
    const at = Date.now()
    for (const { room, update, origin, info } of merged) {
      room.logCount++
      room.logBytes += update.byteLength
      room.state.append(update, info)
      if (room.name === 'review') this.live.get(room.documentId)?.reviewGuard?.storedAll()
      room.broadcastUpdate(update, origin)
      this.options.peers?.committed(room, update)
      if (room.name === 'review' && this.options.onReviewStored && origin && typeof (origin as Peer).userId === 'number') {
        this.options.onReviewStored(room.documentId, (origin as Peer).userId, update)
      }
      const doc = this.live.get(room.documentId)
      if (!doc) continue
      doc.lastAppendAt = at
      if (room.name === 'content') {
        doc.lastChangeAt = now ??= new Date(at).toISOString()
        this.summaries.markDirty(doc, info.attributes, at)
        if (doc.status === 'granskning') this.options.onReviewedContentStored?.(doc.id)
      }
    }
    for (const { room } of merged) if (this.live.has(room.documentId)) this.compaction.afterAppend(room)
  }

  contentDoc(doc: LiveDocument): Y.Doc {
    return this.views.contentDoc(doc)
  }

  contentJson(doc: LiveDocument): PMNode {
    return this.views.contentJson(doc)
  }

  coverage(doc: LiveDocument): CoverageReport {
    return this.views.coverage(doc)
  }

  /** Applies a membership change to open sockets here and on every other instance. */
  updateRole(documentId: string, userId: number, role: Role | undefined): void {
    this.options.peers?.announce({ type: 'role', documentId, userId, role: role ?? null })
    this.applyRole(documentId, userId, role)
  }

  /** A change another instance announced, applied to this instance's sockets only. */
  applyAnnounced(message: Announcement): void {
    if (message.type === 'role') this.applyRole(message.documentId, message.userId, message.role ?? undefined)
    else if (message.type === 'status') this.applyStatus(message.documentId, message.status)
    else this.closeLocalSession(message.sessionHash, message.reason)
  }

  /** Applies a membership change to open sockets: new role, or closed when removed. */
  private applyRole(documentId: string, userId: number, role: Role | undefined): void {
    const doc = this.live.get(documentId)
    if (!doc) return
    for (const room of doc.rooms()) {
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

  /** The status everywhere at once: approval locks both rooms on every instance. */
  setStatus(documentId: string, status: DocumentStatus): void {
    this.options.peers?.announce({ type: 'status', documentId, status })
    this.applyStatus(documentId, status)
  }

  private applyStatus(documentId: string, status: DocumentStatus): void {
    const doc = this.live.get(documentId)
    if (doc) doc.status = status
    // Loading on the pool from a record read before the change: it must open with this one.
    else if (this.loader.loading(documentId)) this.statusWhileLoading.set(documentId, status)
  }

  /** Closes every socket opened with the session (signed out, or expired). */
  closeSession(sessionHash: string, reason = 'session ended'): void {
    this.options.peers?.announce({ type: 'session-ended', sessionHash, reason })
    this.closeLocalSession(sessionHash, reason)
  }

  private closeLocalSession(sessionHash: string, reason: string): void {
    for (const doc of this.live.values()) {
      for (const room of doc.rooms()) {
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
    this.compaction.stop()
    this.summaries.close()
    if (!this.options.statePool) void this.pool?.close()
  }
}
