/**
 * The dashboard's paged list (SRV-ST32, SRV-ST33): the SQL both backends share, so SQLite and
 * PostgreSQL section, count and order a user's documents alike. Only texts from the fixed
 * tables below reach the SQL; the values are parameters.
 */
import type { DashboardSection, DashboardSortKey, WaitingReason } from '@perspektiv/model'
import type { ListFilter, ListedRow } from './documents.js'

export type { WaitingReason } from '@perspektiv/model'

export interface DashboardQuery extends ListFilter {
  section: DashboardSection
  sort: DashboardSortKey
  ascending: boolean
  offset: number
  limit: number
}

export interface DashboardRow extends ListedRow {
  waiting: WaitingReason | null
}

export interface DashboardPage {
  /** One page of the section, in the order asked for. */
  rows: DashboardRow[]
  /** How many documents each section has with the same filter. */
  counts: Record<DashboardSection, number>
  /** The nämnder of all my documents (unfiltered, for the filter's choices), A–Ö. */
  namnder: string[]
}

/** Which of `mine`'s rows each section holds (the web app's sections before paging). */
export const SECTION_WHERE: Record<DashboardSection, string> = {
  waiting: 'waiting IS NOT NULL',
  drafts: "role = 'author' AND status = 'utkast'",
  shared: "role <> 'author'",
  all: '1 = 1',
}

/**
 * The rows of a user's documents with their role, approval and waiting reason; `where` is
 * the backend's filter on `d` and `m`. Comments count when unread mentions or replies to me.
 */
export function mineSql(where: string): string {
  return `WITH mine AS (
      SELECT d.id, d.template_id, d.title, d.dnr, d.namnd, d.meeting_date, d.deadline, d.status, d.revision,
        d.coverage_json, d.created_at, d.updated_at, d.created_by, d.title_key, d.dnr_key, d.namnd_key, m.role,
        EXISTS (SELECT 1 FROM approvals a WHERE a.document_id = d.id AND a.user_id = m.user_id) AS approved,
        EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = m.user_id AND n.document_id = d.id AND n.read_at IS NULL
          AND n.kind IN ('mention', 'comment.reply')) AS mentioned
      FROM documents d JOIN members m ON m.document_id = d.id
      WHERE ${where}
    ), ranked AS (
      SELECT mine.*, CASE
          WHEN status = 'granskning' AND role = 'reviewer' THEN 'review'
          WHEN status = 'granskning' AND role = 'approver' AND NOT approved THEN 'approval'
          WHEN mentioned THEN 'mention'
        END AS waiting
      FROM mine
    )`
}

export const COUNTS_SQL = `SELECT COUNT(*) AS all_count, COUNT(waiting) AS waiting,
    SUM(CASE WHEN ${SECTION_WHERE.drafts} THEN 1 ELSE 0 END) AS drafts,
    SUM(CASE WHEN ${SECTION_WHERE.shared} THEN 1 ELSE 0 END) AS shared
  FROM ranked`

const STATUS_RANK = "CASE status WHEN 'utkast' THEN 0 WHEN 'granskning' THEN 1 ELSE 2 END"
const ROLE_RANK = "CASE role WHEN 'author' THEN 0 WHEN 'reviewer' THEN 1 WHEN 'approver' THEN 2 ELSE 3 END"

/**
 * ORDER BY for a column: texts by their Swedish sort key, documents without a value last in
 * either direction, ties the newest change first, and the id last so pages never overlap.
 * `text` gives the backend's code-point order of a text column.
 */
export function orderBySql(sort: DashboardSortKey, ascending: boolean, text: (column: string) => string): string {
  const dir = ascending ? 'ASC' : 'DESC'
  const byText = (column: string, key: string) => `(${column} = '') ASC, ${text(key)} ${dir}`
  const first: Record<DashboardSortKey, string> = {
    title: byText('title', 'title_key'),
    dnr: byText('dnr', 'dnr_key'),
    namnd: byText('namnd', 'namnd_key'),
    meetingDate: byText('meeting_date', 'meeting_date'),
    deadline: byText('deadline', 'deadline'),
    status: `${STATUS_RANK} ${dir}`,
    role: `${ROLE_RANK} ${dir}`,
    updatedAt: `${text('updated_at')} ${dir}`,
  }
  return `ORDER BY ${first[sort]}, ${text('updated_at')} DESC, ${text('created_at')} DESC, ${text('id')} ASC`
}

/** The counts row as either backend returns it (PostgreSQL: BIGINT as text, SUM of none as null). */
export function toCounts(r: Record<'all_count' | 'waiting' | 'drafts' | 'shared', number | string | null> | undefined): DashboardPage['counts'] {
  const n = (v: number | string | null | undefined) => Number(v ?? 0)
  return { waiting: n(r?.waiting), drafts: n(r?.drafts), shared: n(r?.shared), all: n(r?.all_count) }
}
