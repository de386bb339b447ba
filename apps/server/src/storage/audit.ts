import type { AuditEntry } from '@perspektiv/model'
import type Database from 'better-sqlite3'
import { statementCache, type Db } from './db.js'
import { toAuditRecord, type AuditRow } from './rows.js'

export type AuditRecord = AuditEntry

export interface AuditTable {
  audit(entry: { documentId: string | null; actor: number | null; action: string; details?: unknown }): void
  /** The document's audit entries, oldest first. */
  auditLog(documentId: string): AuditRecord[]
}

/** The append-only `audit_log` table. */
export class SqliteAudit implements AuditTable {
  private readonly sql: (sql: string) => Database.Statement
  constructor(db: Db) {
    this.sql = statementCache(db)
  }

  audit(entry: { documentId: string | null; actor: number | null; action: string; details?: unknown }): void {
    this.sql('INSERT INTO audit_log (document_id, actor, action, details, at) VALUES (?, ?, ?, ?, ?)').run(
      entry.documentId,
      entry.actor,
      entry.action,
      entry.details === undefined ? null : JSON.stringify(entry.details),
      new Date().toISOString(),
    )
  }

  auditLog(documentId: string): AuditRecord[] {
    const rows = this.sql(
      `SELECT a.id, a.action, a.details, a.at, u.username, u.name FROM audit_log a LEFT JOIN users u ON u.id = a.actor
       WHERE a.document_id = ? ORDER BY a.id`,
    ).all(documentId) as AuditRow[]
    return rows.map(toAuditRecord)
  }
}
