import type { AuditRecord, AuditTable } from '../audit.js'
import { toAuditRecord } from '../rows.js'
import { num, type Promisified, type Queryable } from './queryable.js'

/** The append-only `audit_log` table in PostgreSQL (details as JSON text, as in SQLite). */
export class PgAudit implements Promisified<AuditTable> {
  constructor(private readonly db: Queryable) {}

  async audit(entry: { documentId: string | null; actor: number | null; action: string; details?: unknown }): Promise<void> {
    await this.db.query('INSERT INTO audit_log (document_id, actor, action, details, at) VALUES ($1, $2, $3, $4, $5)', [
      entry.documentId,
      entry.actor,
      entry.action,
      entry.details === undefined ? null : JSON.stringify(entry.details),
      new Date().toISOString(),
    ])
  }

  async auditLog(documentId: string): Promise<AuditRecord[]> {
    const { rows } = await this.db.query<{ id: string; action: string; details: string | null; at: string; username: string | null; name: string | null }>(
      `SELECT a.id, a.action, a.details, a.at, u.username, u.name FROM audit_log a LEFT JOIN users u ON u.id = a.actor
       WHERE a.document_id = $1 ORDER BY a.id`,
      [documentId],
    )
    return rows.map((r) => toAuditRecord({ ...r, id: num(r.id) }))
  }
}
