import type { Approval } from '@perspektiv/model'
import type Database from 'better-sqlite3'
import { statementCache, type Db } from './db.js'

/** What an approval approved: the content's fingerprint and the version holding that content. */
export interface ApprovedContent {
  fingerprint: string
  versionId: number
}

/** An approval with what it approved (null for approvals given before fingerprints were recorded). */
export interface ApprovalBasis {
  userId: number
  username: string
  fingerprint: string | null
  versionId: number | null
}

export interface ApprovalTable {
  /** The document's approvals, in the order they were given. */
  approvals(documentId: string): Approval[]
  addApproval(documentId: string, userId: number, name: string, title: string, at: string, approved?: ApprovedContent): void
  clearApprovals(documentId: string): void
  /** What each of the document's approvals approved. */
  approvalBases(documentId: string): ApprovalBasis[]
  removeApproval(documentId: string, userId: number): void
}

/** The `approvals` table (name and title as they were when the approval was given). */
export class SqliteApprovals implements ApprovalTable {
  private readonly sql: (sql: string) => Database.Statement
  constructor(db: Db) {
    this.sql = statementCache(db)
  }

  approvals(documentId: string): Approval[] {
    return this.sql(
      `SELECT u.username, a.name, a.title, a.approved_at AS approvedAt FROM approvals a JOIN users u ON u.id = a.user_id
       WHERE a.document_id = ? ORDER BY a.approved_at, a.rowid`,
    ).all(documentId) as Approval[]
  }

  addApproval(documentId: string, userId: number, name: string, title: string, at: string, approved?: ApprovedContent): void {
    this.sql('INSERT OR REPLACE INTO approvals (document_id, user_id, name, title, approved_at, fingerprint, version_id) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      documentId,
      userId,
      name,
      title,
      at,
      approved?.fingerprint ?? null,
      approved?.versionId ?? null,
    )
  }

  approvalBases(documentId: string): ApprovalBasis[] {
    return this.sql(
      `SELECT a.user_id AS userId, u.username, a.fingerprint, a.version_id AS versionId FROM approvals a JOIN users u ON u.id = a.user_id
       WHERE a.document_id = ? ORDER BY a.approved_at, a.rowid`,
    ).all(documentId) as ApprovalBasis[]
  }

  removeApproval(documentId: string, userId: number): void {
    this.sql('DELETE FROM approvals WHERE document_id = ? AND user_id = ?').run(documentId, userId)
  }

  clearApprovals(documentId: string): void {
    this.sql('DELETE FROM approvals WHERE document_id = ?').run(documentId)
  }
}
