import type { Approval, DocumentStatus, Role } from '@perspektiv/model'
import type pg from 'pg'
import type { ApprovalBasis, ApprovedContent } from '../approvals.js'
import type { AuditRecord } from '../audit.js'
import type { DeadlineRecord, DocumentRecord, ListFilter, ListedDocument, ListedRow, MemberRecord, NewDocument, SummaryFields } from '../documents.js'
import type { DashboardPage, DashboardQuery } from '../dashboardQuery.js'
import type { SyncDocumentStore } from '../documentStore.js'
import type { FrozenRevision } from '../revisions.js'
import type { RoomName, StoredRoom, StoredUpdate } from '../updateLog.js'
import type { NewVersion, VersionKind, VersionRecord } from '../versions.js'
import { PgApprovals } from './approvals.js'
import { PgAudit } from './audit.js'
import { PgDocuments } from './documents.js'
import { inTransaction, toBuffer, type Promisified } from './queryable.js'
import { PgRevisions } from './revisions.js'
import { PgUpdateLog } from './updateLog.js'
import { PgVersions } from './versions.js'

/**
 * The PostgreSQL tables as one store, method for method SQLite's `SqliteDocumentStore`
 * answering promises. Single statements go through the pool; `createDocument` and
 * `startRevision` run their steps on one client between BEGIN and COMMIT (the table modules
 * are built over that client), so a failing step leaves nothing (SRV-ST27).
 */
export class PgDocumentStore implements Promisified<SyncDocumentStore> {
  private readonly documents: PgDocuments
  private readonly log: PgUpdateLog
  private readonly versionTable: PgVersions
  private readonly approvalTable: PgApprovals
  private readonly auditTable: PgAudit
  private readonly revisionTable: PgRevisions

  constructor(private readonly pool: pg.Pool) {
    this.documents = new PgDocuments(pool)
    this.log = new PgUpdateLog(pool)
    this.versionTable = new PgVersions(pool)
    this.approvalTable = new PgApprovals(pool)
    this.auditTable = new PgAudit(pool)
    this.revisionTable = new PgRevisions(pool)
  }

  /** The row, its members and the first content snapshot, in one transaction. */
  createDocument(doc: NewDocument, initialContent: Uint8Array, members: Array<{ userId: number; role: Role }>): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      await new PgDocuments(client).insert(doc, members)
      // A new document has no log rows and no other writer yet: the snapshot is its whole state.
      await client.query("INSERT INTO snapshots (document_id, room, data, updated_at) VALUES ($1, 'content', $2, $3)", [
        doc.id,
        toBuffer(initialContent),
        Date.now(),
      ])
    })
  }

  /**
   * Atomically freezes the approved revision, clears the approvals and opens revision N+1.
   * The documents row is locked first (FOR UPDATE): two instances revising the same document
   * at once run one after the other, and the second sees revision N+1 (never two frozen N).
   */
  startRevision(documentId: string, state: Uint8Array, createdBy: number): Promise<FrozenRevision & { next: number }> {
    return inTransaction(this.pool, async (client) => {
      const locked = await client.query<{ revision: number }>('SELECT revision FROM documents WHERE id = $1 FOR UPDATE', [documentId])
      const revision = locked.rows[0]?.revision
      if (revision === undefined) throw new Error(`no document ${documentId}`)
      const approvalTable = new PgApprovals(client)
      const approvals = await approvalTable.approvals(documentId)
      const versionId = await new PgVersions(client).addVersion({
        documentId,
        status: 'godkand',
        label: `Revision ${revision}, godkänd`,
        state,
        createdBy,
        kind: 'revision',
      })
      const frozen: FrozenRevision = { revision, versionId, approvals, frozenAt: new Date().toISOString() }
      await new PgRevisions(client).insert(documentId, frozen)
      await approvalTable.clearApprovals(documentId)
      await new PgDocuments(client).startNextRevision(documentId, revision + 1)
      return { ...frozen, next: revision + 1 }
    })
  }

  getDocument(id: string): Promise<DocumentRecord | undefined> {
    return this.documents.getDocument(id)
  }
  listDocumentsForUser(userId: number, filter?: ListFilter): Promise<ListedDocument[]> {
    return this.documents.listDocumentsForUser(userId, filter)
  }
  listRowsForUser(userId: number, filter?: ListFilter): Promise<ListedRow[]> {
    return this.documents.listRowsForUser(userId, filter)
  }
  dashboardPage(userId: number, query: DashboardQuery): Promise<DashboardPage> {
    return this.documents.dashboardPage(userId, query)
  }
  documentsDueBy(lastDay: string): Promise<DeadlineRecord[]> {
    return this.documents.documentsDueBy(lastDay)
  }
  roleOf(documentId: string, userId: number): Promise<Role | undefined> {
    return this.documents.roleOf(documentId, userId)
  }
  members(documentId: string): Promise<MemberRecord[]> {
    return this.documents.members(documentId)
  }
  setMember(documentId: string, userId: number, role: Role): Promise<void> {
    return this.documents.setMember(documentId, userId, role)
  }
  removeMember(documentId: string, userId: number): Promise<void> {
    return this.documents.removeMember(documentId, userId)
  }
  updateSummary(id: string, summary: SummaryFields): Promise<void> {
    return this.documents.updateSummary(id, summary)
  }
  setStatus(id: string, status: DocumentStatus): Promise<void> {
    return this.documents.setStatus(id, status)
  }
  documentsInStatus(statuses: DocumentStatus[]): Promise<DocumentRecord[]> {
    return this.documents.documentsInStatus(statuses)
  }

  loadRoom(documentId: string, room: RoomName): Promise<StoredRoom> {
    return this.log.loadRoom(documentId, room)
  }
  appendUpdates(batch: StoredUpdate[]): Promise<void> {
    return this.log.appendUpdates(batch)
  }
  compactRoom(documentId: string, room: RoomName, state: Uint8Array): Promise<void> {
    return this.log.compactRoom(documentId, room, state)
  }

  addVersion(v: NewVersion): Promise<number> {
    return this.versionTable.addVersion(v)
  }
  versionWithFingerprint(documentId: string, fingerprint: string): Promise<VersionRecord | undefined> {
    return this.versionTable.versionWithFingerprint(documentId, fingerprint)
  }
  versions(documentId: string): Promise<VersionRecord[]> {
    return this.versionTable.versions(documentId)
  }
  version(documentId: string, versionId: number): Promise<(VersionRecord & { state: Uint8Array }) | undefined> {
    return this.versionTable.version(documentId, versionId)
  }
  latestVersion(documentId: string, kind: VersionKind): Promise<(VersionRecord & { state: Uint8Array }) | undefined> {
    return this.versionTable.latestVersion(documentId, kind)
  }

  approvals(documentId: string): Promise<Approval[]> {
    return this.approvalTable.approvals(documentId)
  }
  addApproval(documentId: string, userId: number, name: string, title: string, at: string, approved?: ApprovedContent): Promise<void> {
    return this.approvalTable.addApproval(documentId, userId, name, title, at, approved)
  }
  approvalBases(documentId: string): Promise<ApprovalBasis[]> {
    return this.approvalTable.approvalBases(documentId)
  }
  removeApproval(documentId: string, userId: number): Promise<void> {
    return this.approvalTable.removeApproval(documentId, userId)
  }
  clearApprovals(documentId: string): Promise<void> {
    return this.approvalTable.clearApprovals(documentId)
  }

  audit(entry: { documentId: string | null; actor: number | null; action: string; details?: unknown }): Promise<void> {
    return this.auditTable.audit(entry)
  }
  auditLog(documentId: string): Promise<AuditRecord[]> {
    return this.auditTable.auditLog(documentId)
  }

  revisions(documentId: string): Promise<FrozenRevision[]> {
    return this.revisionTable.revisions(documentId)
  }
}
