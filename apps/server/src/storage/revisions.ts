import type { Approval, FrozenRevision } from '@perspektiv/model'
import type Database from 'better-sqlite3'
import { statementCache, type Db } from './db.js'

export type { FrozenRevision }

export interface RevisionTable {
  /** Frozen revisions, oldest first. */
  revisions(documentId: string): FrozenRevision[]
}

/** The `revisions` table: each approved revision's frozen version and approval record (issue 13). */
export class SqliteRevisions implements RevisionTable {
  private readonly sql: (sql: string) => Database.Statement
  constructor(db: Db) {
    this.sql = statementCache(db)
  }

  /** Records a frozen revision (the caller wraps it with the version and the status change in one transaction). */
  insert(documentId: string, frozen: FrozenRevision): void {
    this.sql('INSERT INTO revisions (document_id, revision, version_id, approvals_json, frozen_at) VALUES (?, ?, ?, ?, ?)').run(
      documentId,
      frozen.revision,
      frozen.versionId,
      JSON.stringify(frozen.approvals),
      frozen.frozenAt,
    )
  }

  revisions(documentId: string): FrozenRevision[] {
    const rows = this.sql('SELECT revision, version_id, approvals_json, frozen_at FROM revisions WHERE document_id = ? ORDER BY revision').all(
      documentId,
    ) as Array<{
      revision: number
      version_id: number
      approvals_json: string
      frozen_at: string
    }>
    return rows.map((r) => ({ revision: r.revision, versionId: r.version_id, approvals: JSON.parse(r.approvals_json) as Approval[], frozenAt: r.frozen_at }))
  }
}
