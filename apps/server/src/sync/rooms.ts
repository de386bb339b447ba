import * as Y from 'yjs'
import type { CoverageReport, DocumentStatus, Role, Template } from '@perspektiv/model'
import { CONTENT_FRAGMENT, META_MAP, readMeta, yDocToJSON } from '@perspektiv/document'
import { summarizeCoverage } from '@perspektiv/model'
import type { DocumentRecord, DocumentStore, RoomName } from '../storage/documentStore.js'
import { readStoredRoom } from '../storage/readRoom.js'
import { coverageOfDocument } from '@perspektiv/coverage'
import { CLOSE_GOING_AWAY, CLOSE_INTERNAL, CLOSE_POLICY } from './protocol.js'
import { Room, type Peer, type RoomHooks } from './room.js'

export interface RoomsOptions {
  store: DocumentStore
  templates: Map<string, Template>
  /** Compact a room's log into its snapshot beyond this many rows. */
  compactAfter?: number
  /** Unload a document this long after its last client left. */
  idleUnloadMs?: number
  /**
   * Write updated_at/coverage to the documents row at most this often (and on unload).
   * A change of the meta map (title, dnr) is written within min(this, 2 s).
   */
  summaryDelayMs?: number
  log?: (event: string, details: Record<string, unknown>) => void
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

/** A document loaded in memory: its two rooms. */
export class LiveDocument {
  unloadTimer: NodeJS.Timeout | undefined
  summaryTimer: NodeJS.Timeout | undefined
  /** When the pending summary timer fires (ms since epoch). */
  summaryDue = 0
  summaryDirty = false
  /** The meta map changed since title/dnr were last read. */
  metaChanged = false
  /** Title and dnr as last read from the meta map (undefined: not read since loading). */
  title: string | undefined
  dnr = ''
  lastChangeAt = new Date().toISOString()
  constructor(
    readonly id: string,
    readonly template: Template,
    public status: DocumentStatus,
    readonly content: Room,
    readonly review: Room,
  ) {
    // Reading meta means zod-parsing it: done only when it changed, not on every summary.
    content.doc.getMap(META_MAP).observeDeep(() => {
      this.metaChanged = true
    })
  }

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
}

interface LoadedDoc {
  doc: Y.Doc
  count: number
  /** The stored whole state when it is one snapshot. */
  state: Uint8Array | undefined
}

/** Title and dnr edits reach the documents list within this (unless summaryDelayMs is shorter). */
const META_SUMMARY_DELAY_MS = 2_000

/** Marks a merged update of several origins: it goes to every peer of the room. */
const MANY_ORIGINS = Symbol('many origins')

/**
 * One update per room, in the order rooms first appear. The origin is kept when a room's
 * updates all came from one peer (it is not sent back to that peer); a merge of several
 * peers' updates goes to everyone, including its senders, which Yjs ignores as known.
 */
function mergePerRoom(batch: PendingUpdate[]): PendingUpdate[] {
  if (batch.length === 1) return batch
  const byRoom = new Map<Room, { updates: Uint8Array[]; origin: unknown }>()
  for (const p of batch) {
    const group = byRoom.get(p.room)
    if (!group) byRoom.set(p.room, { updates: [p.update], origin: p.origin })
    else {
      group.updates.push(p.update)
      if (group.origin !== p.origin) group.origin = MANY_ORIGINS
    }
  }
  const merged: PendingUpdate[] = []
  for (const [room, { updates, origin }] of byRoom) {
    if (updates.length === 1) merged.push({ room, update: updates[0]!, origin })
    else {
      try {
        merged.push({ room, update: Y.mergeUpdates(updates), origin })
      } catch {
        // Cannot happen for updates the Y.Doc emitted; if it did, store and send them one by one.
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

  constructor(private readonly options: RoomsOptions) {
    this.compactAfter = options.compactAfter ?? 500
    this.idleUnloadMs = options.idleUnloadMs ?? 30_000
    this.summaryDelayMs = options.summaryDelayMs ?? 10_000
    this.log = options.log ?? (() => {})
    this.hooks = {
      canWrite: (room, peer) => this.canWrite(room, peer),
      onUpdate: (room, update, origin) => this.enqueue(room, update, origin),
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
    let content: Y.Doc | undefined
    let review: Y.Doc | undefined
    let loaded: [LoadedDoc, LoadedDoc] | undefined
    try {
      const c = this.loadDoc(record.id, 'content')
      content = c.doc
      const r = this.loadDoc(record.id, 'review')
      review = r.doc
      loaded = [c, r]
      if (content.getXmlFragment(CONTENT_FRAGMENT).length === 0) throw new Error('stored content holds no sections')
    } catch (err) {
      content?.destroy()
      review?.destroy()
      return this.fail(record.id, (err as Error).message)
    }
    const doc = new LiveDocument(
      record.id,
      template,
      record.status,
      new Room(record.id, 'content', content, this.hooks),
      new Room(record.id, 'review', review, this.hooks),
    )
    for (const [room, { count, state }] of [[doc.content, loaded[0]], [doc.review, loaded[1]]] as const) {
      room.logCount = count
      if (state) room.rememberWholeState(state)
    }
    this.live.set(record.id, doc)
    // Loaded for REST only: unload again unless a socket joins.
    this.scheduleUnload(doc)
    return doc
  }

  private loadDoc(id: string, room: RoomName): LoadedDoc {
    const { doc, count, pending, state } = readStoredRoom(this.store, id, room)
    // Structs waiting for missing dependencies were never visible to anyone (a client may
    // have sent them); they are kept, like a live server keeps them, but noted.
    if (pending) this.log('stored state has pending structs', { documentId: id, room })
    return { doc, count, state }
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
    if (doc.unloadTimer) clearTimeout(doc.unloadTimer)
    if (doc.summaryTimer) clearTimeout(doc.summaryTimer)
    try {
      if (doc.summaryDirty) this.writeSummary(doc)
      for (const room of [doc.content, doc.review]) if (room.logCount > 0) this.compact(room)
    } catch (err) {
      this.log('unload failed', { documentId: doc.id, reason: (err as Error).message })
    }
    doc.content.closeAll(CLOSE_GOING_AWAY, 'server going away')
    doc.review.closeAll(CLOSE_GOING_AWAY, 'server going away')
    doc.content.destroy()
    doc.review.destroy()
    this.live.delete(doc.id)
  }

  private enqueue(room: Room, update: Uint8Array, origin: unknown): void {
    const doc = this.live.get(room.documentId)
    if (!doc) return
    this.pending.push({ room, update, origin })
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
          if (doc.unloadTimer) clearTimeout(doc.unloadTimer)
          if (doc.summaryTimer) clearTimeout(doc.summaryTimer)
          doc.content.destroy()
          doc.review.destroy()
          this.live.delete(id)
        }
      }
      return
    }
    let now: string | undefined
    for (const { room, update, origin } of merged) {
      room.logCount++
      room.broadcastUpdate(update, origin)
      if (room.name === 'content') {
        const doc = this.live.get(room.documentId)
        if (doc) {
          doc.lastChangeAt = now ??= new Date().toISOString()
          this.markSummaryDirty(doc)
        }
      }
    }
    for (const { room } of merged) {
      if (room.logCount > this.compactAfter && this.live.has(room.documentId)) {
        try {
          this.compact(room)
        } catch (err) {
          this.log('compaction failed', { documentId: room.documentId, room: room.name, reason: (err as Error).message })
        }
      }
    }
  }

  private compact(room: Room): void {
    const state = Y.encodeStateAsUpdate(room.doc)
    this.store.compactRoom(room.documentId, room.name, state)
    room.logCount = 0
    room.rememberWholeState(state)
  }

  /**
   * The documents row (dashboard) follows the text within `summaryDelayMs` and title/dnr
   * edits within 2 s: computing coverage means a JSON copy of the whole document, so it
   * is never done per update: only by these timers and on unload (REST computes its own).
   */
  private markSummaryDirty(doc: LiveDocument): void {
    doc.summaryDirty = true
    const delay = doc.metaChanged ? Math.min(this.summaryDelayMs, META_SUMMARY_DELAY_MS) : this.summaryDelayMs
    const due = Date.now() + delay
    if (doc.summaryTimer) {
      if (doc.summaryDue <= due) return
      clearTimeout(doc.summaryTimer)
    }
    doc.summaryDue = due
    doc.summaryTimer = setTimeout(() => {
      doc.summaryTimer = undefined
      if (this.live.get(doc.id) !== doc) return
      try {
        this.writeSummary(doc)
      } catch (err) {
        this.log('summary failed', { documentId: doc.id, reason: (err as Error).message })
      }
    }, delay)
    doc.summaryTimer.unref()
  }

  /** The CoverageReport of the document's current state. */
  coverage(doc: LiveDocument): CoverageReport {
    return coverageOfDocument(doc.template, yDocToJSON(doc.content.doc))
  }

  private writeSummary(doc: LiveDocument): void {
    doc.summaryDirty = false
    if (doc.metaChanged || doc.title === undefined) {
      doc.metaChanged = false
      const meta = readMeta(doc.content.doc)
      doc.title = meta.title
      doc.dnr = meta.dnr
    }
    this.store.updateSummary(doc.id, {
      title: doc.title,
      dnr: doc.dnr,
      updatedAt: doc.lastChangeAt,
      coverage: summarizeCoverage(this.coverage(doc)),
    })
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
  }
}
