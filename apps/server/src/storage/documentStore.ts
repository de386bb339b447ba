import type { Approval, DocumentStatus, Role } from '@perspektiv/model'
import type { Awaitable } from './awaitable.js'
import type { Db } from './db.js'
import { SqliteApprovals, type ApprovalBasis, type ApprovalTable, type ApprovedContent } from './approvals.js'
import { SqliteAudit, type AuditRecord, type AuditTable } from './audit.js'
import {
  SqliteDocuments,
  type DocumentRecord,
  type DeadlineRecord,
  type DocumentTable,
  type ListFilter,
  type ListedDocument,
  type ListedRow,
  type MemberRecord,
  type NewDocument,
  type SummaryFields,
} from './documents.js'
import type { DashboardPage, DashboardQuery } from './dashboardQuery.js'
import { SqliteUpdateLog, type RoomName, type StoredRoom, type StoredUpdate, type UpdateLog } from './updateLog.js'
import { SqliteVersions, type NewVersion, type VersionKind, type VersionRecord, type VersionTable } from './versions.js'
import { SqliteRevisions, type FrozenRevision, type RevisionTable } from './revisions.js'

export type { DeadlineRecord, DocumentRecord, ListFilter, ListedDocument, ListedRow, MemberRecord, SummaryFields } from './documents.js'
export type { RoomName, StoredRoom, StoredUpdate, UpdateLog } from './updateLog.js'
export type { VersionKind, VersionRecord } from './versions.js'
export type { AuditRecord } from './audit.js'
export type { FrozenRevision } from './revisions.js'

/**
 * Everything the server persists about documents, by table group: the documents row and
 * members, the update log (what sync needs, with its contract), versions, approvals and
 * the audit log, in the synchronous form SQLite answers.
 */
export interface SyncDocumentStore extends DocumentTable, UpdateLog, VersionTable, ApprovalTable, AuditTable, RevisionTable {
  /** The row, its members and the first content snapshot, in one transaction. */
  createDocument(doc: NewDocument, initialContent: Uint8Array, members: Array<{ userId: number; role: Role }>): void
  /**
   * Atomically: freezes the approved revision (a version with `state` and the approval
   * record), clears the approvals, and makes the document `utkast` in revision N+1.
   */
  startRevision(documentId: string, state: Uint8Array, createdBy: number): FrozenRevision & { next: number }
}

/**
 * What routes, sync and the CLI use: SQLite's store answering now, or PostgreSQL's
 * (PgDocumentStore) answering promises; every caller awaits (issue 19).
 */
export type DocumentStore = Awaitable<SyncDocumentStore>

/** The SQLite tables as one store: each group in its own module, delegated to from here. */
export class SqliteDocumentStore implements SyncDocumentStore {
  private readonly documents: SqliteDocuments
  private readonly log: SqliteUpdateLog
  private readonly versionTable: SqliteVersions
  private readonly approvalTable: SqliteApprovals
  private readonly auditTable: SqliteAudit
  private readonly revisionTable: SqliteRevisions

  /** `shared`: several server instances write this database (see SqliteUpdateLog). */
  constructor(
    private readonly db: Db,
    options: { shared?: boolean } = {},
  ) {
    this.documents = new SqliteDocuments(db)
    this.log = new SqliteUpdateLog(db, options)
    this.versionTable = new SqliteVersions(db)
    this.approvalTable = new SqliteApprovals(db)
    this.auditTable = new SqliteAudit(db)
    this.revisionTable = new SqliteRevisions(db)
  }

  createDocument(doc: NewDocument, initialContent: Uint8Array, members: Array<{ userId: number; role: Role }>): void {
    this.db.transaction(() => {
      this.documents.insert(doc, members)
      this.log.compactRoom(doc.id, 'content', initialContent)
    })()
  }

  getDocument(id: string): DocumentRecord | undefined {
    return this.documents.getDocument(id)
  }
  listDocumentsForUser(userId: number, filter?: ListFilter): ListedDocument[] {
    return this.documents.listDocumentsForUser(userId, filter)
  }
  listRowsForUser(userId: number, filter?: ListFilter): ListedRow[] {
    return this.documents.listRowsForUser(userId, filter)
  }
  dashboardPage(userId: number, query: DashboardQuery): DashboardPage {
    return this.documents.dashboardPage(userId, query)
  }
  documentsDueBy(lastDay: string): DeadlineRecord[] {
    return this.documents.documentsDueBy(lastDay)
  }
  roleOf(documentId: string, userId: number): Role | undefined {
    return this.documents.roleOf(documentId, userId)
  }
  members(documentId: string): MemberRecord[] {
    return this.documents.members(documentId)
  }
  setMember(documentId: string, userId: number, role: Role): void {
    this.documents.setMember(documentId, userId, role)
  }
  removeMember(documentId: string, userId: number): void {
    this.documents.removeMember(documentId, userId)
  }
  updateSummary(id: string, summary: SummaryFields): void {
    this.documents.updateSummary(id, summary)
  }
  setStatus(id: string, status: DocumentStatus): void {
    this.documents.setStatus(id, status)
  }
  documentsInStatus(statuses: DocumentStatus[]): DocumentRecord[] {
    return this.documents.documentsInStatus(statuses)
  }

  loadRoom(documentId: string, room: RoomName): StoredRoom {
    return this.log.loadRoom(documentId, room)
  }
  appendUpdates(batch: StoredUpdate[]): void {
    this.log.appendUpdates(batch)
  }
  compactRoom(documentId: string, room: RoomName, state: Uint8Array): void {
    this.log.compactRoom(documentId, room, state)
  }

  addVersion(v: NewVersion): number {
    return this.versionTable.addVersion(v)
  }
  versionWithFingerprint(documentId: string, fingerprint: string): VersionRecord | undefined {
    return this.versionTable.versionWithFingerprint(documentId, fingerprint)
  }
  versions(documentId: string): VersionRecord[] {
    return this.versionTable.versions(documentId)
  }
  version(documentId: string, versionId: number): (VersionRecord & { state: Uint8Array }) | undefined {
    return this.versionTable.version(documentId, versionId)
  }
  latestVersion(documentId: string, kind: VersionKind): (VersionRecord & { state: Uint8Array }) | undefined {
    return this.versionTable.latestVersion(documentId, kind)
  }

  approvals(documentId: string): Approval[] {
    return this.approvalTable.approvals(documentId)
  }
  addApproval(documentId: string, userId: number, name: string, title: string, at: string, approved?: ApprovedContent): void {
    this.approvalTable.addApproval(documentId, userId, name, title, at, approved)
  }
  approvalBases(documentId: string): ApprovalBasis[] {
    return this.approvalTable.approvalBases(documentId)
  }
  removeApproval(documentId: string, userId: number): void {
    this.approvalTable.removeApproval(documentId, userId)
  }
  clearApprovals(documentId: string): void {
    this.approvalTable.clearApprovals(documentId)
  }

  audit(entry: { documentId: string | null; actor: number | null; action: string; details?: unknown }): void {
    this.auditTable.audit(entry)
  }
  auditLog(documentId: string): AuditRecord[] {
    return this.auditTable.auditLog(documentId)
  }

  startRevision(documentId: string, state: Uint8Array, createdBy: number): FrozenRevision & { next: number } {
    return this.db.transaction(() => {
      const record = this.documents.getDocument(documentId)
      if (!record) throw new Error(`no document ${documentId}`)
      const { revision } = record
      const approvals = this.approvals(documentId)
      const versionId = this.addVersion({ documentId, status: 'godkand', label: `Revision ${revision}, godkänd`, state, createdBy, kind: 'revision' })
      const frozen: FrozenRevision = { revision, versionId, approvals, frozenAt: new Date().toISOString() }
      this.revisionTable.insert(documentId, frozen)
      this.clearApprovals(documentId)
      this.documents.startNextRevision(documentId, revision + 1)
      return { ...frozen, next: revision + 1 }
    })()
  }
  revisions(documentId: string): FrozenRevision[] {
    return this.revisionTable.revisions(documentId)
  }
}
