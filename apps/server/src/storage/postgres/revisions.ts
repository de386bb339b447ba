import type { Approval } from '@perspektiv/model'
import type { FrozenRevision, RevisionTable } from '../revisions.js'
import { num, type Promisified, type Queryable } from './queryable.js'

/** The `revisions` table in PostgreSQL: each approved revision's frozen version and approvals. */
export class PgRevisions implements Promisified<RevisionTable> {
  constructor(private readonly db: Queryable) {}

  /** Records a frozen revision (PgDocumentStore wraps it with the version and the status change in one transaction). */
  async insert(documentId: string, frozen: FrozenRevision): Promise<void> {
    await this.db.query('INSERT INTO revisions (document_id, revision, version_id, approvals_json, frozen_at) VALUES ($1, $2, $3, $4, $5)', [
      documentId,
      frozen.revision,
      frozen.versionId,
      JSON.stringify(frozen.approvals),
      frozen.frozenAt,
    ])
  }

  async revisions(documentId: string): Promise<FrozenRevision[]> {
    const { rows } = await this.db.query<{ revision: number; version_id: string; approvals_json: string; frozen_at: string }>(
      'SELECT revision, version_id, approvals_json, frozen_at FROM revisions WHERE document_id = $1 ORDER BY revision',
      [documentId],
    )
    return rows.map((r) => ({
      revision: r.revision,
      versionId: num(r.version_id),
      approvals: JSON.parse(r.approvals_json) as Approval[],
      frozenAt: r.frozen_at,
    }))
  }
}
