import { can, type DocumentStatus, type Role, type Template } from '@perspektiv/model'
import type { ContentRead, ReviewRead, SuggestedRead } from './contentJobs.js'
import type { ReviewChanges } from './reviewChanges.js'
import type { Awaitable, DocumentRecord, DocumentTable, RoomName, UpdateLog } from '../storage/index.js'
import { Compaction } from './compaction.js'
import type { Peer } from './connection.js'
import { ContentViews } from './contentView.js'
import { applyRoleToSockets, closeSessionSockets } from './fanOut.js'
import { GroupCommit, type PendingUpdate } from './groupCommit.js'
import { LiveDocument } from './liveDocument.js'
import { LiveTable } from './liveTable.js'
import { RoomLoader, type LoadedRooms } from './roomLoader.js'
import { RoomOpener } from './roomOpener.js'
import { StatePool } from './statePool.js'
import { applyRemoteUpdate, rereadRoom, type Announcement, type InstancePeers } from './instancePeers.js'
import { guardReviewUpdate, type ReviewGuardOptions } from './reviewWrites.js'
import { Room, type RoomHooks } from './room.js'
import { SummaryScheduler } from './summaries.js'
import { storeOnUnload } from './unloadStore.js'
import { Unloading } from './unloading.js'
import { QuotaCheck, type ByteQuotas } from './quotas.js'

export interface RoomsOptions extends ReviewGuardOptions {
  /** The update log (rooms' state) and the documents row (summary) of the store; answering now or later. */
  store: Awaitable<UpdateLog & Pick<DocumentTable, 'updateSummary'>>
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
   * A header edit (title, dnr, … in the meta map and the types under it) is written within min(this, 2 s).
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
  /**
   * The store is a database that may be away for a while and come back (PostgreSQL): a
   * failed load or commit takes the document offline this time only, not until restart.
   */
  retryStorage?: boolean
  /** The other instances serving these documents (REDIS_URL, issue 19); omitted: this one only. */
  peers?: InstancePeers
  /** Batches a store that answers later may have in flight at once (SRV-ST41; default MAX_IN_FLIGHT, 1 = bench S11's "before"). */
  commitsInFlight?: number
}

/**
 * The live documents of this server: opening (roomOpener.ts), joining and leaving, idle
 * unload and taking a document offline (unloading.ts), and the fan-out of role, status and
 * session changes to open sockets (fanOut.ts, here and on the other instances). The group
 * commit, compaction, the summary scheduler and the content view do their one job each on
 * the documents kept in the live table.
 */
export class Rooms {
  private readonly table: LiveTable
  private readonly log: (event: string, details: Record<string, unknown>) => void
  private readonly hooks: RoomHooks
  private readonly commits: GroupCommit
  private readonly compaction: Compaction
  private readonly summaries: SummaryScheduler
  private readonly views: ContentViews
  private readonly pool: StatePool | undefined
  private readonly opener: RoomOpener
  private readonly unloading: Unloading
  /** Each unloaded document's last writes, until they are done. */
  private readonly unloadWrites = new Map<string, Promise<void>>()

  constructor(private readonly options: RoomsOptions) {
    this.log = options.log ?? (() => {})
    const table = (this.table = new LiveTable(this.log))
    this.summaries = new SummaryScheduler(options.store, options.templates, options.summaryDelayMs ?? 10_000, (doc) => table.holds(doc), this.log)
    this.pool = options.statePool === null ? undefined : (options.statePool ?? new StatePool({ log: this.log }))
    const loader = new RoomLoader(
      options.store,
      this.pool,
      (documentId) => this.log('document loading', { documentId, on: 'state pool' }),
      (documentId) => this.unloadWrites.get(documentId),
    )
    this.opener = new RoomOpener(
      table,
      loader,
      options.templates,
      (record, template, status, loaded) => this.build(record, template, status, loaded),
      this.log,
      options.retryStorage ?? false,
    )
    const roomIsLive = (room: Room) => table.get(room.documentId)?.room(room.name) === room
    this.compaction = new Compaction(options.store, options.compactAfter ?? 10_000, this.log, this.pool, roomIsLive)
    this.views = new ContentViews(this.log, this.pool)
    this.unloading = new Unloading(table, options.idleUnloadMs ?? 30_000, {
      flush: () => this.flush(),
      storeOnUnload: (doc) => {
        const written = storeOnUnload(doc, this.compaction, this.summaries, this.log, this.pool)
        // A large room's writes wait for the pool: the next open of the document waits for them (SRV-S17).
        this.unloadWrites.set(doc.id, written)
        void written.finally(() => this.unloadWrites.get(doc.id) === written && this.unloadWrites.delete(doc.id))
        return written
      },
      drop: (doc) => this.drop(doc),
    })
    const quota = new QuotaCheck(options.quotas)
    this.commits = new GroupCommit(
      options.store,
      {
        accepts: roomIsLive,
        stored: (merged) => this.stored(merged),
        failed: (ids, reason) => {
          for (const id of ids) this.unloading.takeOffline(id, reason, options.retryStorage ?? false)
        },
      },
      options.commitsInFlight,
    )
    this.hooks = {
      canWrite: (room, peer) => this.canWrite(room, peer),
      refusal: (room, peer, bytes) => quota.refusal(room, peer, bytes),
      onUpdate: (room, update, origin, info) => {
        const doc = table.get(room.documentId)
        if (!doc) return
        // Review writes are judged against the server-held review doc first (issue 22).
        if (room.name === 'review' && !guardReviewUpdate(doc, update, origin, this.options)) return
        this.commits.enqueue(room, update, origin, info)
      },
      flushPending: () => this.flush(),
      log: this.log,
      awarenessChanged: (room, update) => options.peers?.awareness(room, update),
      statePool: this.pool,
    }
  }

  canWrite(room: Room, peer: Peer): boolean {
    const doc = this.table.get(room.documentId)
    if (!doc) return false
    // The permission table decides (packages/model): both rooms are locked once `godkand`.
    return can(peer.role, room.name === 'content' ? 'content.edit' : 'review.write', doc.status)
  }

  isLoaded(id: string): boolean {
    return this.table.has(id)
  }

  failure(id: string): string | undefined {
    return this.table.failure(id)
  }

  /**
   * The live document, loading it from the store if needed: one load however many ask at
   * once, large rooms decoded on the state pool (SRV-S15). Rejects with
   * DocumentUnavailableError (transient: the state pool failed, try again).
   */
  open(record: DocumentRecord): Promise<LiveDocument> {
    return this.opener.open(record)
  }

  /** A live document of both rooms read back (the opener checked that they hold a document). */
  private build(record: DocumentRecord, template: Template, status: DocumentStatus, { content, review }: LoadedRooms): LiveDocument {
    const doc = new LiveDocument(
      record.id,
      template,
      status,
      new Room(record.id, 'content', content.state, this.hooks),
      new Room(record.id, 'review', review.state, this.hooks),
    )
    doc.content.setStoredLog(content)
    doc.review.setStoredLog(review)
    this.table.add(doc)
    this.options.peers?.opened(doc, (room) => (this.table.holds(doc) ? rereadRoom(this.options.store, doc, room, () => this.table.holds(doc)) : undefined))
    this.compaction.start(() => this.table.values())
    // Loaded for REST only: unload again unless a socket joins.
    this.unloading.schedule(doc)
    return doc
  }

  /** An update another instance committed (the relay): applied and sent on, not stored here. */
  applyRemote(room: Room, update: Uint8Array): void {
    const doc = this.table.get(room.documentId)
    if (doc && doc.room(room.name) === room) applyRemoteUpdate(doc, room, update)
  }

  join(doc: LiveDocument, roomName: RoomName, peer: Peer): Room {
    this.unloading.cancel(doc)
    const room = doc.room(roomName)
    room.join(peer)
    return room
  }

  leave(room: Room, peer: Peer): void {
    room.leave(peer)
    const doc = this.table.get(room.documentId)
    if (doc && doc.peerCount() === 0) this.unloading.schedule(doc)
  }

  /** Stores what is pending, compacts, writes the summary and drops the document from memory. */
  unload(doc: LiveDocument): Promise<void> {
    return this.unloading.unload(doc)
  }

  /** Forgets a document that is closed: timers, its rooms, the REST view. */
  private drop(doc: LiveDocument): void {
    this.unloading.cancel(doc)
    this.summaries.forget(doc)
    this.views.drop(doc)
    doc.reviewGuard?.destroy()
    doc.content.destroy()
    doc.review.destroy()
    this.table.remove(doc)
    this.options.peers?.closed(doc)
    if (this.table.size === 0) this.compaction.stop()
  }

  /**
   * Stores what is pending now, and settles once it and every batch before it is stored
   * (before a status change judges "what everyone has seen").
   */
  flush(): Promise<void> {
    return this.commits.flush()
  }

  /** A committed batch: each room's update joins its state and goes to its peers. */
  private stored(merged: PendingUpdate[]): void {
    let now: string | undefined
    const at = Date.now()
    for (const { room, update, origin, info } of merged) {
      // Its document went offline while the batch was in flight (another batch of it failed; SRV-ST41):
      // committed, so the other instances get it, but its rooms here are gone (or a reload's, which read the store).
      if (this.table.get(room.documentId)?.room(room.name) !== room) {
        this.options.peers?.committed(room, update)
        continue
      }
      room.logCount++
      room.logBytes += update.byteLength
      room.state.append(update, info)
      if (room.name === 'review') this.table.get(room.documentId)?.reviewGuard?.storedAll()
      room.broadcastUpdate(update, origin)
      this.options.peers?.committed(room, update)
      if (room.name === 'review' && this.options.onReviewStored && origin && typeof (origin as Peer).userId === 'number') {
        this.options.onReviewStored(room.documentId, (origin as Peer).userId, update)
      }
      const doc = this.table.get(room.documentId)
      if (!doc) continue
      doc.lastAppendAt = at
      if (room.name === 'content') {
        doc.lastChangeAt = now ??= new Date(at).toISOString()
        this.summaries.markDirty(doc, info.headerOrAttributes, at)
        if (doc.status === 'granskning') this.options.onReviewedContentStored?.(doc.id)
      }
    }
    for (const { room } of merged) if (this.table.has(room.documentId)) this.compaction.afterAppend(room)
  }

  /** What a reader sees of the content (JSON, header, coverage): one read per version, large rooms on the state pool (SRV-S16). */
  content(doc: LiveDocument): Promise<ContentRead> {
    return this.views.content(doc)
  }

  /** A stored state of the document (a version) read alike, on the pool when large (SRV-S16). */
  contentOf(documentId: string, state: Uint8Array, template: Template): Promise<ContentRead> {
    return this.views.contentOf(documentId, state, template)
  }

  /** The content's whole state as one update, merged on the pool when large (SRV-S16). */
  contentState(doc: LiveDocument): Promise<Uint8Array> {
    return this.views.merged(doc)
  }

  /** The review room as plain data (verdicts, threads, suggestions), read on the pool when large. */
  review(doc: LiveDocument): Promise<ReviewRead> {
    return this.views.review(doc)
  }

  /** What an accepted review-room update added (comments, verdicts), on the pool when large (SRV-S19). */
  reviewChanges(doc: LiveDocument, update: Uint8Array): Promise<ReviewChanges> {
    return this.views.reviewChanges(doc, update)
  }

  /** The content with its open suggestions applied (coverage) or marked (tracked export), on the pool when large (SRV-S16). */
  suggested(doc: LiveDocument, as: 'coverage' | 'tracked'): Promise<SuggestedRead> {
    return this.views.suggested(doc, as)
  }

  /** Applies a membership change to open sockets here and on every other instance. */
  updateRole(documentId: string, userId: number, role: Role | undefined): void {
    this.options.peers?.announce({ type: 'role', documentId, userId, role: role ?? null })
    applyRoleToSockets(this.table, this.leaveRoom, documentId, userId, role)
  }

  /** A change another instance announced, applied to this instance's sockets only. */
  applyAnnounced(message: Announcement): void {
    if (message.type === 'role') applyRoleToSockets(this.table, this.leaveRoom, message.documentId, message.userId, message.role ?? undefined)
    else if (message.type === 'status') this.applyStatus(message.documentId, message.status)
    else closeSessionSockets(this.table, this.leaveRoom, message.sessionHash, message.reason)
  }

  /** The status everywhere at once: approval locks both rooms on every instance. */
  setStatus(documentId: string, status: DocumentStatus): void {
    this.options.peers?.announce({ type: 'status', documentId, status })
    this.applyStatus(documentId, status)
  }

  private applyStatus(documentId: string, status: DocumentStatus): void {
    const doc = this.table.get(documentId)
    if (doc) doc.status = status
    // Loading from a record read before the change: it must open with this one.
    else this.opener.statusChanged(documentId, status)
  }

  /** Closes every socket opened with the session (signed out, or expired). */
  closeSession(sessionHash: string, reason = 'session ended'): void {
    this.options.peers?.announce({ type: 'session-ended', sessionHash, reason })
    closeSessionSockets(this.table, this.leaveRoom, sessionHash, reason)
  }

  private readonly leaveRoom = (room: Room, peer: Peer) => this.leave(room, peer)

  /** Flushes and unloads everything (shutdown). */
  async close(): Promise<void> {
    await this.flush()
    await Promise.all([...this.table.values()].map((doc) => this.unload(doc)))
    this.compaction.stop()
    this.summaries.close()
    if (!this.options.statePool) await this.pool?.close()
  }
}
