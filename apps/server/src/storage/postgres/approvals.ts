import type { Approval } from '@perspektiv/model'
import type { ApprovalBasis, ApprovalTable, ApprovedContent } from '../approvals.js'
import { num, numOrNull, type Promisified, type Queryable } from './queryable.js'

/**
 * The `approvals` table in PostgreSQL. Ordered by when given, then by `seq` (SQLite's rowid:
 * an approval given again is a new row there, so it takes a new seq here too).
 */
export class PgApprovals implements Promisified<ApprovalTable> {
  constructor(private readonly db: Queryable) {}

  async approvals(documentId: string): Promise<Approval[]> {
    const { rows } = await this.db.query<Approval>(
      `SELECT u.username, a.name, a.title, a.approved_at AS "approvedAt" FROM approvals a JOIN users u ON u.id = a.user_id
       WHERE a.document_id = $1 ORDER BY a.approved_at COLLATE "C", a.seq`,
      [documentId],
    )
    return rows
  }

  async addApproval(documentId: string, userId: number, name: string, title: string, at: string, approved?: ApprovedContent): Promise<void> {
    await this.db.query(
      `INSERT INTO approvals (document_id, user_id, name, title, approved_at, fingerprint, version_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (document_id, user_id) DO UPDATE SET name = excluded.name, title = excluded.title, approved_at = excluded.approved_at,
         fingerprint = excluded.fingerprint, version_id = excluded.version_id, seq = DEFAULT`,
      [documentId, userId, name, title, at, approved?.fingerprint ?? null, approved?.versionId ?? null],
    )
  }

  async approvalBases(documentId: string): Promise<ApprovalBasis[]> {
    const { rows } = await this.db.query<{ userId: string; username: string; fingerprint: string | null; versionId: string | null }>(
      `SELECT a.user_id AS "userId", u.username, a.fingerprint, a.version_id AS "versionId" FROM approvals a JOIN users u ON u.id = a.user_id
       WHERE a.document_id = $1 ORDER BY a.approved_at COLLATE "C", a.seq`,
      [documentId],
    )
    return rows.map((r) => ({ ...r, userId: num(r.userId), versionId: numOrNull(r.versionId) }))
  }

  async removeApproval(documentId: string, userId: number): Promise<void> {
    await this.db.query('DELETE FROM approvals WHERE document_id = $1 AND user_id = $2', [documentId, userId])
  }

  async clearApprovals(documentId: string): Promise<void> {
    await this.db.query('DELETE FROM approvals WHERE document_id = $1', [documentId])
  }
}
