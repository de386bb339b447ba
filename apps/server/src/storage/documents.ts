import type { CoverageSummary, DocumentStatus, Role } from '@perspektiv/model'
import type Database from 'better-sqlite3'
import { statementCache, type Db } from './db.js'
import { COUNTS_SQL, mineSql, orderBySql, SECTION_WHERE, toCounts, type DashboardPage, type DashboardQuery, type WaitingReason } from './dashboardQuery.js'
import { parseCoverage, toDocumentBase, toDocumentRecord, type DocumentRow } from './rows.js'
import { svSortKey } from './sortKey.js'

export interface DocumentRecord {
  id: string
  templateId: string
  title: string
  dnr: string
  /** From the meta, as the summary writer last stored them ('' = not set). */
  namnd: string
  meetingDate: string
  /** "Svar senast", ISO date or ''. */
  deadline: string
  status: DocumentStatus
  /** 1 until an approved document is revised (POST /revisions). */
  revision: number
  coverage: CoverageSummary | null
  createdAt: string
  updatedAt: string
  createdBy: number | null
}

/** A document in a user's list: with their role, and whether they have approved it. */
export interface ListedDocument extends DocumentRecord {
  role: Role
  approvedByUser: boolean
}

/**
 * A row of a user's list with the coverage as stored (JSON text): the list answers
 * thousands of rows, and parsing each coverage only to serialise it again cost more than
 * the query (bench S8).
 */
export interface ListedRow extends Omit<ListedDocument, 'coverage'> {
  coverageJson: string | null
}

/** What the summary writer stores of a document's content (the dashboard's columns). */
export interface SummaryFields {
  title: string
  dnr: string
  namnd: string
  meetingDate: string
  deadline: string
  updatedAt: string
  coverage: CoverageSummary | null
}

/** Narrows a user's list in SQL (SRV-ST8). */
export interface ListFilter {
  /** Title or Dnr contains this, case-insensitively (a trigram index from 3 characters). */
  query?: string
  status?: DocumentStatus
  role?: Role
  namnd?: string
}

/** A document with a deadline, for the reminder job. */
export interface DeadlineRecord {
  id: string
  title: string
  deadline: string
}

export interface MemberRecord {
  userId: number
  username: string
  name: string
  title: string
  role: Role
}

export interface NewDocument {
  id: string
  templateId: string
  title: string
  dnr: string
  createdBy: number
  createdAt: string
}

/** The documents row (the dashboard's summary) and the members with their roles. */
export interface DocumentTable {
  getDocument(id: string): DocumentRecord | undefined
  /**
   * Documents `userId` has a role in, most recently changed first, each with the user's
   * role and approval: one query however many there are (SRV-ST7).
   */
  listDocumentsForUser(userId: number, filter?: ListFilter): ListedDocument[]
  /** The same list, the coverage left as its stored JSON text. */
  listRowsForUser(userId: number, filter?: ListFilter): ListedRow[]
  /**
   * One page of a dashboard section, sorted in SQL (Swedish order for texts), with every
   * section's count under the same filter and the nämnder of all my documents (SRV-ST32).
   */
  dashboardPage(userId: number, query: DashboardQuery): DashboardPage
  /** Not yet approved documents whose deadline is on or before `lastDay` (ISO date). */
  documentsDueBy(lastDay: string): DeadlineRecord[]
  roleOf(documentId: string, userId: number): Role | undefined
  members(documentId: string): MemberRecord[]
  setMember(documentId: string, userId: number, role: Role): void
  removeMember(documentId: string, userId: number): void
  updateSummary(id: string, summary: SummaryFields): void
  setStatus(id: string, status: DocumentStatus): void
  /** Every document in one of `statuses`, oldest first (one-time server jobs walk them). */
  documentsInStatus(statuses: DocumentStatus[]): DocumentRecord[]
}

/** A user's documents narrowed by a ListFilter (`:match` the trigram query). */
const FILTER_SQL = `m.user_id = :user
         AND (:status IS NULL OR d.status = :status)
         AND (:role IS NULL OR m.role = :role)
         AND (:namnd IS NULL OR d.namnd = :namnd)
         AND (:match IS NULL OR d.id IN (
           SELECT s.document_id FROM document_search s WHERE s.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH :match)))`

/** The ListFilter's parameters; the trigram index answers 3 characters or more, `needle` a shorter text. */
function filterParams(userId: number, filter: ListFilter) {
  const query = filter.query?.trim() ?? ''
  const indexed = [...query].length >= 3
  return {
    params: {
      user: userId,
      status: filter.status ?? null,
      role: filter.role ?? null,
      namnd: filter.namnd ?? null,
      match: indexed ? `"${query.replaceAll('"', '""')}"` : null,
    },
    needle: !indexed && query ? query.toLocaleLowerCase('sv-SE') : null,
  }
}

/** The `documents` and `members` tables. */
export class SqliteDocuments implements DocumentTable {
  private readonly sql: (sql: string) => Database.Statement
  constructor(private readonly db: Db) {
    this.sql = statementCache(db)
    // Search shorter than a trigram, in SQL so pages and counts agree: SQLite's lower() only
    // knows ASCII (Å would not find å).
    db.function('sv_lower', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.toLocaleLowerCase('sv-SE') : null))
  }

  /** The row and the members (the caller wraps this and the first snapshot in one transaction). */
  insert(doc: NewDocument, members: Array<{ userId: number; role: Role }>): void {
    this.sql(
      `INSERT INTO documents (id, template_id, title, dnr, status, created_at, updated_at, created_by, title_key, dnr_key)
       VALUES (?, ?, ?, ?, 'utkast', ?, ?, ?, ?, ?)`,
    ).run(doc.id, doc.templateId, doc.title, doc.dnr, doc.createdAt, doc.createdAt, doc.createdBy, svSortKey(doc.title), svSortKey(doc.dnr))
    const addMember = this.sql('INSERT OR REPLACE INTO members (document_id, user_id, role) VALUES (?, ?, ?)')
    for (const m of members) addMember.run(doc.id, m.userId, m.role)
  }

  getDocument(id: string): DocumentRecord | undefined {
    const row = this.sql('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined
    return row && toDocumentRecord(row)
  }

  listDocumentsForUser(userId: number, filter: ListFilter = {}): ListedDocument[] {
    return this.listRowsForUser(userId, filter).map(({ coverageJson, ...row }) => ({ ...row, coverage: parseCoverage(coverageJson) }))
  }

  listRowsForUser(userId: number, filter: ListFilter = {}): ListedRow[] {
    const { params, needle } = filterParams(userId, filter)
    const rows = this.sql(
      `SELECT d.*, m.role,
         EXISTS (SELECT 1 FROM approvals a WHERE a.document_id = d.id AND a.user_id = m.user_id) AS approved
       FROM documents d JOIN members m ON m.document_id = d.id
       WHERE ${FILTER_SQL}
       ORDER BY d.updated_at DESC, d.created_at DESC`,
    ).all(params) as Array<DocumentRow & { role: Role; approved: number }>
    return rows
      .filter((r) => !needle || r.title.toLocaleLowerCase('sv-SE').includes(needle) || r.dnr.toLocaleLowerCase('sv-SE').includes(needle))
      .map((r) => ({ ...toDocumentBase(r), coverageJson: r.coverage_json, role: r.role, approvedByUser: r.approved === 1 }))
  }

  dashboardPage(userId: number, q: DashboardQuery): DashboardPage {
    const { params, needle } = filterParams(userId, q)
    const mine = mineSql(`${FILTER_SQL}
         AND (:needle IS NULL OR instr(sv_lower(d.title), :needle) > 0 OR instr(sv_lower(d.dnr), :needle) > 0)`)
    const all = { ...params, needle }
    const rows = this.sql(
      `${mine} SELECT * FROM ranked WHERE ${SECTION_WHERE[q.section]} ${orderBySql(q.sort, q.ascending, (c) => c)} LIMIT :limit OFFSET :offset`,
    ).all({ ...all, limit: q.limit, offset: q.offset }) as Array<DocumentRow & { role: Role; approved: number; waiting: WaitingReason | null }>
    const counts = this.sql(`${mine} ${COUNTS_SQL}`).get(all) as Parameters<typeof toCounts>[0]
    const namnder = this.sql(
      `SELECT d.namnd FROM documents d JOIN members m ON m.document_id = d.id WHERE m.user_id = ? AND d.namnd <> ''
       GROUP BY d.namnd ORDER BY MIN(d.namnd_key), d.namnd`,
    ).all(userId) as Array<{ namnd: string }>
    return {
      rows: rows.map((r) => ({ ...toDocumentBase(r), coverageJson: r.coverage_json, role: r.role, approvedByUser: r.approved === 1, waiting: r.waiting })),
      counts: toCounts(counts),
      namnder: namnder.map((r) => r.namnd),
    }
  }

  documentsDueBy(lastDay: string): DeadlineRecord[] {
    return this.sql(`SELECT id, title, deadline FROM documents WHERE deadline <> '' AND deadline <= ? AND status <> 'godkand' ORDER BY deadline`).all(
      lastDay,
    ) as DeadlineRecord[]
  }

  roleOf(documentId: string, userId: number): Role | undefined {
    const row = this.sql('SELECT role FROM members WHERE document_id = ? AND user_id = ?').get(documentId, userId) as { role: Role } | undefined
    return row?.role
  }

  members(documentId: string): MemberRecord[] {
    return this.sql(
      `SELECT u.id AS userId, u.username, u.name, u.title, m.role FROM members m JOIN users u ON u.id = m.user_id
       WHERE m.document_id = ?
       ORDER BY CASE m.role WHEN 'author' THEN 0 WHEN 'reviewer' THEN 1 WHEN 'approver' THEN 2 ELSE 3 END, u.name`,
    ).all(documentId) as MemberRecord[]
  }

  setMember(documentId: string, userId: number, role: Role): void {
    this.sql(
      `INSERT INTO members (document_id, user_id, role) VALUES (?, ?, ?)
       ON CONFLICT (document_id, user_id) DO UPDATE SET role = excluded.role`,
    ).run(documentId, userId, role)
  }

  removeMember(documentId: string, userId: number): void {
    this.sql('DELETE FROM members WHERE document_id = ? AND user_id = ?').run(documentId, userId)
  }

  updateSummary(id: string, s: SummaryFields): void {
    this.sql(
      `UPDATE documents SET title = ?, dnr = ?, namnd = ?, meeting_date = ?, deadline = ?, updated_at = ?, coverage_json = ?,
         title_key = ?, dnr_key = ?, namnd_key = ? WHERE id = ?`,
    ).run(
      s.title,
      s.dnr,
      s.namnd,
      s.meetingDate,
      s.deadline,
      s.updatedAt,
      s.coverage ? JSON.stringify(s.coverage) : null,
      svSortKey(s.title),
      svSortKey(s.dnr),
      svSortKey(s.namnd),
      id,
    )
  }

  setStatus(id: string, status: DocumentStatus): void {
    this.sql('UPDATE documents SET status = ? WHERE id = ?').run(status, id)
  }

  documentsInStatus(statuses: DocumentStatus[]): DocumentRecord[] {
    if (statuses.length === 0) return []
    const rows = this.db
      .prepare(`SELECT * FROM documents WHERE status IN (${statuses.map(() => '?').join(', ')}) ORDER BY created_at, id`)
      .all(...statuses) as DocumentRow[]
    return rows.map(toDocumentRecord)
  }

  /** Back to `utkast` in the next revision (the caller freezes the approved one in the same transaction). */
  startNextRevision(id: string, revision: number): void {
    this.sql("UPDATE documents SET status = 'utkast', revision = ? WHERE id = ?").run(revision, id)
  }
}
