/**
 * The tables' rows as both backends read them, and how a row becomes a record: one place,
 * so SQLite and PostgreSQL cannot drift apart (the storage contract checks they agree).
 * Ids are numbers here; PostgreSQL returns BIGINT as text, so its modules convert those
 * columns before mapping.
 */
import type { AppNotification, CoverageSummary, DocumentStatus, NotificationKind, VersionKind } from '@perspektiv/model'
import type { AuditRecord } from './audit.js'
import type { DocumentRecord } from './documents.js'
import type { VersionRecord } from './versions.js'

/** A `documents` row. */
export interface DocumentRow {
  id: string
  template_id: string
  title: string
  dnr: string
  namnd: string
  meeting_date: string
  deadline: string
  status: DocumentStatus
  revision: number
  coverage_json: string | null
  created_at: string
  updated_at: string
  created_by: number | null
}

/** The stored coverage summary; null when absent or unreadable (it is recomputed then). */
export function parseCoverage(json: string | null): CoverageSummary | null {
  if (!json) return null
  try {
    return JSON.parse(json) as CoverageSummary
  } catch {
    return null
  }
}

/** The row without its coverage (parsed, or passed on as text, by the callers). */
export const toDocumentBase = (r: DocumentRow): Omit<DocumentRecord, 'coverage'> => ({
  id: r.id,
  templateId: r.template_id,
  title: r.title,
  dnr: r.dnr,
  namnd: r.namnd,
  meetingDate: r.meeting_date,
  deadline: r.deadline,
  status: r.status,
  revision: r.revision,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  createdBy: r.created_by,
})

export const toDocumentRecord = (r: DocumentRow): DocumentRecord => ({ ...toDocumentBase(r), coverage: parseCoverage(r.coverage_json) })

/** A `versions` row joined with its author (VERSION_COLUMNS). */
export interface VersionRow {
  id: number
  document_id: string
  kind: VersionKind
  status: DocumentStatus
  revision: number
  label: string
  created_at: string
  username: string | null
  name: string | null
}

export const toVersion = (r: VersionRow): VersionRecord => ({
  id: r.id,
  documentId: r.document_id,
  kind: r.kind,
  status: r.status,
  revision: r.revision,
  label: r.label,
  createdBy: r.username ? { username: r.username, name: r.name ?? r.username } : null,
  createdAt: r.created_at,
})

export const VERSION_COLUMNS = `v.id, v.document_id, v.kind, v.status, v.revision, v.label, v.created_at, u.username, u.name`
/** A version's state: its own, or that of the version it shares it with (unchanged content, SQLite migration 7). */
export const VERSION_STATE = `COALESCE(shared.state, v.state) AS state`
export const VERSION_STATE_JOIN = `LEFT JOIN versions shared ON shared.id = v.state_of`

/** A `notifications` row. */
export interface NotificationRow {
  id: number
  kind: NotificationKind
  document_id: string | null
  target: string | null
  text: string
  created_at: string
  read_at: string | null
}

export const toNotification = (r: NotificationRow): AppNotification => ({
  id: r.id,
  kind: r.kind,
  documentId: r.document_id,
  target: r.target,
  text: r.text,
  createdAt: r.created_at,
  read: r.read_at !== null,
})

/** An `audit_log` row joined with its actor. */
export interface AuditRow {
  id: number
  action: string
  details: string | null
  at: string
  username: string | null
  name: string | null
}

/** Unreadable details are shown as none rather than failing the whole log. */
export function toAuditRecord(r: AuditRow): AuditRecord {
  let details: unknown = null
  try {
    details = r.details ? JSON.parse(r.details) : null
  } catch {
    details = null
  }
  return { id: r.id, action: r.action, actor: r.username ? { username: r.username, name: r.name ?? r.username } : null, details, at: r.at }
}
