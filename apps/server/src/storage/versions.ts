import type { DocumentStatus, VersionInfo, VersionKind } from '@perspektiv/model'
import type Database from 'better-sqlite3'
import { statementCache, type Db } from './db.js'
import { toVersion, VERSION_COLUMNS, VERSION_STATE, VERSION_STATE_JOIN, type VersionRow } from './rows.js'

export type { VersionKind }

/** A version to store; `fingerprint` is its content's (contentFingerprint.ts), to find unchanged content again. */
export interface NewVersion {
  documentId: string
  status: DocumentStatus
  label: string
  state: Uint8Array
  createdBy: number | null
  kind?: VersionKind
  fingerprint?: string
}

export interface VersionRecord extends VersionInfo {
  documentId: string
}

export interface VersionTable {
  addVersion(v: NewVersion): number
  /** The newest version of the document's current revision whose content has `fingerprint`. */
  versionWithFingerprint(documentId: string, fingerprint: string): VersionRecord | undefined
  /** Versions of a document, newest first (without their state). */
  versions(documentId: string): VersionRecord[]
  version(documentId: string, versionId: number): (VersionRecord & { state: Uint8Array }) | undefined
  /** The newest version of the given kind, with its state. */
  latestVersion(documentId: string, kind: VersionKind): (VersionRecord & { state: Uint8Array }) | undefined
}

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)

/** The `versions` table: named and automatic snapshots of the content. */
export class SqliteVersions implements VersionTable {
  private readonly sql: (sql: string) => Database.Statement
  constructor(db: Db) {
    this.sql = statementCache(db)
  }

  addVersion(v: NewVersion): number {
    // Unchanged content stores nothing new: the row shares the state of a version with the same fingerprint.
    const same = v.fingerprint
      ? (this.sql('SELECT id FROM versions WHERE document_id = ? AND fingerprint = ? AND state_of IS NULL ORDER BY id DESC LIMIT 1').get(
          v.documentId,
          v.fingerprint,
        ) as { id: number } | undefined)
      : undefined
    // The version belongs to the document's current revision.
    const info = this.sql(
      `INSERT INTO versions (document_id, status, label, state, created_by, created_at, kind, fingerprint, state_of, revision)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT revision FROM documents WHERE id = ?))`,
    ).run(
      v.documentId,
      v.status,
      v.label,
      same ? Buffer.alloc(0) : v.state,
      v.createdBy,
      new Date().toISOString(),
      v.kind ?? 'manual',
      v.fingerprint ?? null,
      same?.id ?? null,
      v.documentId,
    )
    return Number(info.lastInsertRowid)
  }

  versionWithFingerprint(documentId: string, fingerprint: string): VersionRecord | undefined {
    const row = this.sql(
      `SELECT ${VERSION_COLUMNS} FROM versions v LEFT JOIN users u ON u.id = v.created_by
       WHERE v.document_id = ? AND v.fingerprint = ? AND v.revision = (SELECT revision FROM documents WHERE id = ?) ORDER BY v.id DESC LIMIT 1`,
    ).get(documentId, fingerprint, documentId) as VersionRow | undefined
    return row && toVersion(row)
  }

  versions(documentId: string): VersionRecord[] {
    const rows = this.sql(`SELECT ${VERSION_COLUMNS} FROM versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.document_id = ? ORDER BY v.id DESC`).all(
      documentId,
    ) as VersionRow[]
    return rows.map(toVersion)
  }

  version(documentId: string, versionId: number): (VersionRecord & { state: Uint8Array }) | undefined {
    const row = this.sql(
      `SELECT ${VERSION_COLUMNS}, ${VERSION_STATE} FROM versions v ${VERSION_STATE_JOIN} LEFT JOIN users u ON u.id = v.created_by WHERE v.document_id = ? AND v.id = ?`,
    ).get(documentId, versionId) as (VersionRow & { state: Buffer }) | undefined
    return row && { ...toVersion(row), state: bytes(row.state) }
  }

  latestVersion(documentId: string, kind: VersionKind): (VersionRecord & { state: Uint8Array }) | undefined {
    const row = this.sql(
      `SELECT ${VERSION_COLUMNS}, ${VERSION_STATE} FROM versions v ${VERSION_STATE_JOIN} LEFT JOIN users u ON u.id = v.created_by
       WHERE v.document_id = ? AND v.kind = ? ORDER BY v.id DESC LIMIT 1`,
    ).get(documentId, kind) as (VersionRow & { state: Buffer }) | undefined
    return row && { ...toVersion(row), state: bytes(row.state) }
  }
}
