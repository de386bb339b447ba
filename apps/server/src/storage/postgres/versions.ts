import { bytes } from '../updateLog.js'
import type { NewVersion, VersionKind, VersionRecord, VersionTable } from '../versions.js'
import { toVersion as toVersionRecord, VERSION_COLUMNS, VERSION_STATE, VERSION_STATE_JOIN, type VersionRow as Row } from '../rows.js'
import { num, toBuffer, type Promisified, type Queryable } from './queryable.js'

/** A `versions` row as `pg` returns it: BIGINT `id` as text. */
type VersionRow = Omit<Row, 'id'> & { id: string }
const toVersion = (r: VersionRow): VersionRecord => toVersionRecord({ ...r, id: num(r.id) })

const withState = (r: VersionRow & { state: unknown }): VersionRecord & { state: Uint8Array } => ({
  ...toVersion(r),
  state: bytes(r.state, () => `the state of version ${r.id}`),
})

/** The `versions` table in PostgreSQL, with SQLite's rules (dedup by content fingerprint). */
export class PgVersions implements Promisified<VersionTable> {
  constructor(private readonly db: Queryable) {}

  /**
   * One statement: unchanged content (a version with the same fingerprint holds its own
   * state) stores nothing new, the row names that version in state_of; the version belongs
   * to the document's current revision (an unknown document fails the NOT NULL).
   */
  async addVersion(v: NewVersion): Promise<number> {
    const { rows } = await this.db.query<{ id: string }>(
      `WITH same AS (
         SELECT id FROM versions WHERE $8::text IS NOT NULL AND document_id = $1 AND fingerprint = $8 AND state_of IS NULL ORDER BY id DESC LIMIT 1)
       INSERT INTO versions (document_id, status, label, state, created_by, created_at, kind, fingerprint, state_of, revision)
       VALUES ($1, $2, $3, CASE WHEN EXISTS (SELECT 1 FROM same) THEN ''::bytea ELSE $4::bytea END, $5, $6, $7, $8, (SELECT id FROM same),
         (SELECT revision FROM documents WHERE id = $1))
       RETURNING id`,
      [v.documentId, v.status, v.label, toBuffer(v.state), v.createdBy, new Date().toISOString(), v.kind ?? 'manual', v.fingerprint ?? null],
    )
    return num(rows[0]!.id)
  }

  async versionWithFingerprint(documentId: string, fingerprint: string): Promise<VersionRecord | undefined> {
    const { rows } = await this.db.query<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM versions v LEFT JOIN users u ON u.id = v.created_by
       WHERE v.document_id = $1 AND v.fingerprint = $2 AND v.revision = (SELECT revision FROM documents WHERE id = $1) ORDER BY v.id DESC LIMIT 1`,
      [documentId, fingerprint],
    )
    return rows[0] && toVersion(rows[0])
  }

  async versions(documentId: string): Promise<VersionRecord[]> {
    const { rows } = await this.db.query<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.document_id = $1 ORDER BY v.id DESC`,
      [documentId],
    )
    return rows.map(toVersion)
  }

  async version(documentId: string, versionId: number): Promise<(VersionRecord & { state: Uint8Array }) | undefined> {
    const { rows } = await this.db.query<VersionRow & { state: unknown }>(
      `SELECT ${VERSION_COLUMNS}, ${VERSION_STATE} FROM versions v ${VERSION_STATE_JOIN} LEFT JOIN users u ON u.id = v.created_by WHERE v.document_id = $1 AND v.id = $2`,
      [documentId, versionId],
    )
    return rows[0] && withState(rows[0])
  }

  async latestVersion(documentId: string, kind: VersionKind): Promise<(VersionRecord & { state: Uint8Array }) | undefined> {
    const { rows } = await this.db.query<VersionRow & { state: unknown }>(
      `SELECT ${VERSION_COLUMNS}, ${VERSION_STATE} FROM versions v ${VERSION_STATE_JOIN} LEFT JOIN users u ON u.id = v.created_by
       WHERE v.document_id = $1 AND v.kind = $2 ORDER BY v.id DESC LIMIT 1`,
      [documentId, kind],
    )
    return rows[0] && withState(rows[0])
  }
}
