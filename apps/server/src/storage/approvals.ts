import type { Approval } from '@perspektiv/model'
import type Database from 'better-sqlite3'
import { statementCache, type Db } from './db.js'

export interface ApprovalTable {
  /** The document's approvals, in the order they were given. */
  approvals(documentId: string): Approval[]
  addApproval(documentId: string, userId: number, name: string, title: string, at: string): void
  clearApprovals(documentId: string): void
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

  addApproval(documentId: string, userId: number, name: string, title: string, at: string): void {
    this.sql('INSERT OR REPLACE INTO approvals (document_id, user_id, name, title, approved_at) VALUES (?, ?, ?, ?, ?)').run(documentId, userId, name, title, at)
  }

  clearApprovals(documentId: string): void {
    this.sql('DELETE FROM approvals WHERE document_id = ?').run(documentId)
  }
}
