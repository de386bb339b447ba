import type { Approval, CoverageSummary, DocumentStatus, Role } from '@perspektiv/model'
import type Database from 'better-sqlite3'
import { statementCache, type Db } from './db.js'

/** The two Y.Docs of a document: the text, and the review data (comments, verdicts). */
export type RoomName = 'content' | 'review'

export interface DocumentRecord {
  id: string
  templateId: string
  title: string
  dnr: string
  status: DocumentStatus
  /** 1 until an approved document is revised (POST /revisions). */
  revision: number
  coverage: CoverageSummary | null
  createdAt: string
  updatedAt: string
  createdBy: number | null
}

/** An approved revision, frozen when the next one was started. */
export interface FrozenRevision {
  revision: number
  versionId: number
  approvals: Approval[]
  frozenAt: string
}

export interface MemberRecord {
  userId: number
  username: string
  name: string
  title: string
  role: Role
}

export interface StoredRoom {
  snapshot: Uint8Array | null
  updates: Uint8Array[]
}

export interface StoredUpdate {
  documentId: string
  room: RoomName
  data: Uint8Array
}

/**
 * Everything the server persists about documents. SQLite implements it today; a
 * PostgreSQL implementation can replace it without touching routes or sync.
 * All methods are synchronous because better-sqlite3 is; an async backend would widen
 * these to promises at the few call sites.
 */
export interface DocumentStore {
  createDocument(
    doc: { id: string; templateId: string; title: string; dnr: string; createdBy: number; createdAt: string },
    initialContent: Uint8Array,
    members: Array<{ userId: number; role: Role }>,
  ): void
  getDocument(id: string): DocumentRecord | undefined
  /** Documents `userId` has a role in, most recently changed first. */
  listDocumentsForUser(userId: number): Array<DocumentRecord & { role: Role }>
  roleOf(documentId: string, userId: number): Role | undefined
  members(documentId: string): MemberRecord[]
  setMember(documentId: string, userId: number, role: Role): void
  removeMember(documentId: string, userId: number): void
  updateSummary(id: string, summary: { title: string; dnr: string; updatedAt: string; coverage: CoverageSummary | null }): void
  setStatus(id: string, status: DocumentStatus): void

  loadRoom(documentId: string, room: RoomName): StoredRoom
  /** Writes a batch of updates in one transaction (group commit). */
  appendUpdates(batch: StoredUpdate[]): void
  countUpdates(documentId: string, room: RoomName): number
  /** Replaces the room's snapshot with `state` and deletes the log rows it merged, atomically. */
  compactRoom(documentId: string, room: RoomName, state: Uint8Array): void

  addVersion(v: { documentId: string; status: DocumentStatus; label: string; state: Uint8Array; createdBy: number | null; kind?: VersionKind }): number
  /** Versions of a document, newest first (without their state). */
  versions(documentId: string): VersionRecord[]
  version(documentId: string, versionId: number): (VersionRecord & { state: Uint8Array }) | undefined
  /** The newest version of the given kind, with its state. */
  latestVersion(documentId: string, kind: VersionKind): (VersionRecord & { state: Uint8Array }) | undefined
  approvals(documentId: string): Approval[]
  addApproval(documentId: string, userId: number, name: string, title: string, at: string): void
  clearApprovals(documentId: string): void
  audit(entry: { documentId: string | null; actor: number | null; action: string; details?: unknown }): void
  /** The document's audit entries, oldest first. */
  auditLog(documentId: string): AuditRecord[]
  /**
   * Atomically: freezes the approved revision (a version with `state` and the approval
   * record), clears the approvals, and makes the document `utkast` in revision N+1.
   */
  startRevision(documentId: string, state: Uint8Array, createdBy: number): FrozenRevision & { next: number }
  /** Frozen revisions, oldest first. */
  revisions(documentId: string): FrozenRevision[]
}

/** Why a version was taken: sent to review, another status change, or saved by name. */
export type VersionKind = 'review' | 'status' | 'manual' | 'revision'

export interface VersionRecord {
  id: number
  documentId: string
  kind: VersionKind
  status: DocumentStatus
  /** The revision the version belongs to. */
  revision: number
  label: string
  createdBy: { username: string; name: string } | null
  createdAt: string
}

export interface AuditRecord {
  id: number
  action: string
  actor: { username: string; name: string } | null
  details: unknown
  at: string
}

interface VersionRow {
  id: number
  document_id: string
  kind: VersionKind
  status: DocumentStatus
  revision: number
  label: string
  created_at: string
  username: string | null
  name: string | null
}

const toVersion = (r: VersionRow): VersionRecord => ({
  id: r.id,
  documentId: r.document_id,
  kind: r.kind,
  status: r.status,
  revision: r.revision,
  label: r.label,
  createdBy: r.username ? { username: r.username, name: r.name ?? r.username } : null,
  createdAt: r.created_at,
})

const VERSION_COLUMNS = `v.id, v.document_id, v.kind, v.status, v.revision, v.label, v.created_at, u.username, u.name`

interface DocumentRow {
  id: string
  template_id: string
  title: string
  dnr: string
  status: DocumentStatus
  revision: number
  coverage_json: string | null
  created_at: string
  updated_at: string
  created_by: number | null
}

function parseCoverage(json: string | null): CoverageSummary | null {
  if (!json) return null
  try {
    return JSON.parse(json) as CoverageSummary
  } catch {
    return null
  }
}

const toRecord = (r: DocumentRow): DocumentRecord => ({
  id: r.id,
  templateId: r.template_id,
  title: r.title,
  dnr: r.dnr,
  status: r.status,
  revision: r.revision,
  coverage: parseCoverage(r.coverage_json),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  createdBy: r.created_by,
})

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)

export class SqliteDocumentStore implements DocumentStore {
  private readonly sql: (sql: string) => Database.Statement
  private readonly insertUpdates: (batch: StoredUpdate[], now: number) => void
  constructor(private readonly db: Db) {
    this.sql = statementCache(db)
    const insert = db.prepare('INSERT INTO doc_updates (document_id, room, data, created_at) VALUES (?, ?, ?, ?)')
    this.insertUpdates = db.transaction((batch: StoredUpdate[], now: number) => {
      for (const u of batch) insert.run(u.documentId, u.room, u.data, now)
    })
  }

  createDocument(
    doc: { id: string; templateId: string; title: string; dnr: string; createdBy: number; createdAt: string },
    initialContent: Uint8Array,
    members: Array<{ userId: number; role: Role }>,
  ): void {
    this.db.transaction(() => {
      this.sql(
          `INSERT INTO documents (id, template_id, title, dnr, status, created_at, updated_at, created_by)
           VALUES (?, ?, ?, ?, 'utkast', ?, ?, ?)`,
        )
        .run(doc.id, doc.templateId, doc.title, doc.dnr, doc.createdAt, doc.createdAt, doc.createdBy)
      this.sql("INSERT INTO snapshots (document_id, room, data, updated_at) VALUES (?, 'content', ?, ?)")
        .run(doc.id, initialContent, Date.now())
      const addMember = this.sql('INSERT OR REPLACE INTO members (document_id, user_id, role) VALUES (?, ?, ?)')
      for (const m of members) addMember.run(doc.id, m.userId, m.role)
    })()
  }

  getDocument(id: string): DocumentRecord | undefined {
    const row = this.sql('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined
    return row && toRecord(row)
  }

  listDocumentsForUser(userId: number): Array<DocumentRecord & { role: Role }> {
    const rows = this.sql(
        `SELECT d.*, m.role FROM documents d JOIN members m ON m.document_id = d.id
         WHERE m.user_id = ? ORDER BY d.updated_at DESC, d.created_at DESC`,
      )
      .all(userId) as Array<DocumentRow & { role: Role }>
    return rows.map((r) => ({ ...toRecord(r), role: r.role }))
  }

  roleOf(documentId: string, userId: number): Role | undefined {
    const row = this.sql('SELECT role FROM members WHERE document_id = ? AND user_id = ?').get(documentId, userId) as
      | { role: Role }
      | undefined
    return row?.role
  }

  members(documentId: string): MemberRecord[] {
    return (
      this.sql(
          `SELECT u.id AS userId, u.username, u.name, u.title, m.role FROM members m JOIN users u ON u.id = m.user_id
           WHERE m.document_id = ?
           ORDER BY CASE m.role WHEN 'author' THEN 0 WHEN 'reviewer' THEN 1 WHEN 'approver' THEN 2 ELSE 3 END, u.name`,
        )
        .all(documentId) as MemberRecord[]
    )
  }

  setMember(documentId: string, userId: number, role: Role): void {
    this.sql(
        `INSERT INTO members (document_id, user_id, role) VALUES (?, ?, ?)
         ON CONFLICT (document_id, user_id) DO UPDATE SET role = excluded.role`,
      )
      .run(documentId, userId, role)
  }

  removeMember(documentId: string, userId: number): void {
    this.sql('DELETE FROM members WHERE document_id = ? AND user_id = ?').run(documentId, userId)
  }

  updateSummary(id: string, s: { title: string; dnr: string; updatedAt: string; coverage: CoverageSummary | null }): void {
    this.sql('UPDATE documents SET title = ?, dnr = ?, updated_at = ?, coverage_json = ? WHERE id = ?')
      .run(s.title, s.dnr, s.updatedAt, s.coverage ? JSON.stringify(s.coverage) : null, id)
  }

  setStatus(id: string, status: DocumentStatus): void {
    this.sql('UPDATE documents SET status = ? WHERE id = ?').run(status, id)
  }

  loadRoom(documentId: string, room: RoomName): StoredRoom {
    const snap = this.sql('SELECT data FROM snapshots WHERE document_id = ? AND room = ?').get(documentId, room) as
      | { data: Buffer }
      | undefined
    const updates = this.sql('SELECT data FROM doc_updates WHERE document_id = ? AND room = ? ORDER BY id')
      .all(documentId, room) as Array<{ data: Buffer }>
    return { snapshot: snap ? bytes(snap.data) : null, updates: updates.map((u) => bytes(u.data)) }
  }

  appendUpdates(batch: StoredUpdate[]): void {
    if (batch.length === 0) return
    this.insertUpdates(batch, Date.now())
  }

  countUpdates(documentId: string, room: RoomName): number {
    return (
      this.sql('SELECT COUNT(*) AS n FROM doc_updates WHERE document_id = ? AND room = ?').get(documentId, room) as {
        n: number
      }
    ).n
  }

  compactRoom(documentId: string, room: RoomName, state: Uint8Array): void {
    // Single writer (this process, synchronous SQLite): every logged row of the room is
    // already merged into `state`, so the whole log of the room can go.
    this.db.transaction(() => {
      this.sql(
          `INSERT INTO snapshots (document_id, room, data, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (document_id, room) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
        )
        .run(documentId, room, state, Date.now())
      this.sql('DELETE FROM doc_updates WHERE document_id = ? AND room = ?').run(documentId, room)
    })()
  }

  addVersion(v: { documentId: string; status: DocumentStatus; label: string; state: Uint8Array; createdBy: number | null; kind?: VersionKind }): number {
    const info = this.sql(
        `INSERT INTO versions (document_id, status, label, state, created_by, created_at, kind, revision)
         VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT revision FROM documents WHERE id = ?))`,
      )
      .run(v.documentId, v.status, v.label, v.state, v.createdBy, new Date().toISOString(), v.kind ?? 'manual', v.documentId)
    return Number(info.lastInsertRowid)
  }

  versions(documentId: string): VersionRecord[] {
    const rows = this.sql(`SELECT ${VERSION_COLUMNS} FROM versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.document_id = ? ORDER BY v.id DESC`)
      .all(documentId) as VersionRow[]
    return rows.map(toVersion)
  }

  version(documentId: string, versionId: number): (VersionRecord & { state: Uint8Array }) | undefined {
    const row = this.sql(`SELECT ${VERSION_COLUMNS}, v.state FROM versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.document_id = ? AND v.id = ?`)
      .get(documentId, versionId) as (VersionRow & { state: Buffer }) | undefined
    return row && { ...toVersion(row), state: bytes(row.state) }
  }

  latestVersion(documentId: string, kind: VersionKind): (VersionRecord & { state: Uint8Array }) | undefined {
    const row = this.sql(
        `SELECT ${VERSION_COLUMNS}, v.state FROM versions v LEFT JOIN users u ON u.id = v.created_by
         WHERE v.document_id = ? AND v.kind = ? ORDER BY v.id DESC LIMIT 1`,
      )
      .get(documentId, kind) as (VersionRow & { state: Buffer }) | undefined
    return row && { ...toVersion(row), state: bytes(row.state) }
  }

  approvals(documentId: string): Approval[] {
    return this.sql(
        `SELECT u.username, a.name, a.title, a.approved_at AS approvedAt FROM approvals a JOIN users u ON u.id = a.user_id
         WHERE a.document_id = ? ORDER BY a.approved_at, a.rowid`,
      )
      .all(documentId) as Approval[]
  }

  addApproval(documentId: string, userId: number, name: string, title: string, at: string): void {
    this.sql('INSERT OR REPLACE INTO approvals (document_id, user_id, name, title, approved_at) VALUES (?, ?, ?, ?, ?)')
      .run(documentId, userId, name, title, at)
  }

  clearApprovals(documentId: string): void {
    this.sql('DELETE FROM approvals WHERE document_id = ?').run(documentId)
  }

  audit(entry: { documentId: string | null; actor: number | null; action: string; details?: unknown }): void {
    this.sql('INSERT INTO audit_log (document_id, actor, action, details, at) VALUES (?, ?, ?, ?, ?)')
      .run(entry.documentId, entry.actor, entry.action, entry.details === undefined ? null : JSON.stringify(entry.details), new Date().toISOString())
  }

  auditLog(documentId: string): AuditRecord[] {
    const rows = this.sql(
        `SELECT a.id, a.action, a.details, a.at, u.username, u.name FROM audit_log a LEFT JOIN users u ON u.id = a.actor
         WHERE a.document_id = ? ORDER BY a.id`,
      )
      .all(documentId) as Array<{ id: number; action: string; details: string | null; at: string; username: string | null; name: string | null }>
    return rows.map((r) => {
      let details: unknown = null
      try {
        details = r.details ? JSON.parse(r.details) : null
      } catch {
        details = null
      }
      return { id: r.id, action: r.action, actor: r.username ? { username: r.username, name: r.name ?? r.username } : null, details, at: r.at }
    })
  }

  startRevision(documentId: string, state: Uint8Array, createdBy: number): FrozenRevision & { next: number } {
    return this.db.transaction(() => {
      const { revision } = this.sql('SELECT revision FROM documents WHERE id = ?').get(documentId) as { revision: number }
      const approvals = this.approvals(documentId)
      const versionId = this.addVersion({ documentId, status: 'godkand', label: `Revision ${revision}, godkänd`, state, createdBy, kind: 'revision' })
      const frozenAt = new Date().toISOString()
      this.sql('INSERT INTO revisions (document_id, revision, version_id, approvals_json, frozen_at) VALUES (?, ?, ?, ?, ?)')
        .run(documentId, revision, versionId, JSON.stringify(approvals), frozenAt)
      this.clearApprovals(documentId)
      this.sql("UPDATE documents SET status = 'utkast', revision = ? WHERE id = ?").run(revision + 1, documentId)
      return { revision, versionId, approvals, frozenAt, next: revision + 1 }
    })()
  }

  revisions(documentId: string): FrozenRevision[] {
    const rows = this.sql('SELECT revision, version_id, approvals_json, frozen_at FROM revisions WHERE document_id = ? ORDER BY revision')
      .all(documentId) as Array<{ revision: number; version_id: number; approvals_json: string; frozen_at: string }>
    return rows.map((r) => ({ revision: r.revision, versionId: r.version_id, approvals: JSON.parse(r.approvals_json) as Approval[], frozenAt: r.frozen_at }))
  }
}
