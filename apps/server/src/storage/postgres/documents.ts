import type { DocumentStatus, Role } from '@perspektiv/model'
import type {
  DeadlineRecord,
  DocumentRecord,
  DocumentTable,
  ListFilter,
  ListedDocument,
  ListedRow,
  MemberRecord,
  NewDocument,
  SummaryFields,
} from '../documents.js'
import { COUNTS_SQL, mineSql, orderBySql, SECTION_WHERE, toCounts, type DashboardPage, type DashboardQuery, type WaitingReason } from '../dashboardQuery.js'
import { svSortKey } from '../sortKey.js'
import { parseCoverage, toDocumentBase, toDocumentRecord, type DocumentRow as Row } from '../rows.js'
import { num, numOrNull, type Promisified, type Queryable } from './queryable.js'

/** A `documents` row as `pg` returns it: BIGINT `created_by` as text. */
type DocumentRow = Omit<Row, 'created_by'> & { created_by: string | null }
const fromPg = (r: DocumentRow): Row => ({ ...r, created_by: numOrNull(r.created_by) })
const toBase = (r: DocumentRow) => toDocumentBase(fromPg(r))
const toRecord = (r: DocumentRow) => toDocumentRecord(fromPg(r))

/** A LIKE pattern for "contains `text`" (its own %, _ and \ taken literally). */
const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (m) => '\\' + m)}%`

/** A user's documents narrowed by a ListFilter ($1 user, $2 status, $3 role, $4 nämnd, $5 contains-pattern). */
const FILTER_SQL = `m.user_id = $1
         AND ($2::text IS NULL OR d.status = $2)
         AND ($3::text IS NULL OR m.role = $3)
         AND ($4::text IS NULL OR d.namnd = $4)
         AND ($5::text IS NULL OR lower(d.title || E'\\n' || d.dnr) LIKE lower($5))`

const filterParams = (userId: number, filter: ListFilter) => {
  const query = filter.query?.trim() ?? ''
  return [userId, filter.status ?? null, filter.role ?? null, filter.namnd ?? null, query ? containsPattern(query) : null]
}

/** Code-point order of a text column (SQLite's BINARY), whatever the database's collation. */
const binary = (column: string) => `${column} COLLATE "C"`

/**
 * The `documents` and `members` tables in PostgreSQL. Text orderings name COLLATE "C" (code
 * point order, SQLite's BINARY) so a database created with a national collation sorts the
 * same; ISO timestamps sort as text.
 */
export class PgDocuments implements Promisified<DocumentTable> {
  constructor(private readonly db: Queryable) {}

  /** The row and the members (PgDocumentStore wraps this and the first snapshot in one transaction). */
  async insert(doc: NewDocument, members: Array<{ userId: number; role: Role }>): Promise<void> {
    await this.db.query(
      `INSERT INTO documents (id, template_id, title, dnr, status, created_at, updated_at, created_by, title_key, dnr_key)
       VALUES ($1, $2, $3, $4, 'utkast', $5, $5, $6, $7, $8)`,
      [doc.id, doc.templateId, doc.title, doc.dnr, doc.createdAt, doc.createdBy, svSortKey(doc.title), svSortKey(doc.dnr)],
    )
    if (members.length === 0) return
    // SQLite's INSERT OR REPLACE: a user listed twice ends with the last role given.
    const last = new Map(members.map((m) => [m.userId, m.role]))
    await this.db.query(
      `INSERT INTO members (document_id, user_id, role) SELECT $1, * FROM unnest($2::bigint[], $3::text[])
       ON CONFLICT (document_id, user_id) DO UPDATE SET role = excluded.role`,
      [doc.id, [...last.keys()], [...last.values()]],
    )
  }

  async getDocument(id: string): Promise<DocumentRecord | undefined> {
    const { rows } = await this.db.query<DocumentRow>('SELECT * FROM documents WHERE id = $1', [id])
    return rows[0] && toRecord(rows[0])
  }

  async listDocumentsForUser(userId: number, filter: ListFilter = {}): Promise<ListedDocument[]> {
    return (await this.listRowsForUser(userId, filter)).map(({ coverageJson, ...row }) => ({ ...row, coverage: parseCoverage(coverageJson) }))
  }

  /**
   * One query (SRV-ST7). The search is "title or Dnr contains", case-insensitively, at every
   * length (SQLite: its trigram index from 3 characters, its rows below that): lower() of the
   * same text the pg_trgm index of migration 2 holds, so the index answers it.
   */
  async listRowsForUser(userId: number, filter: ListFilter = {}): Promise<ListedRow[]> {
    const { rows } = await this.db.query<DocumentRow & { role: Role; approved: boolean }>(
      `SELECT d.*, m.role,
         EXISTS (SELECT 1 FROM approvals a WHERE a.document_id = d.id AND a.user_id = m.user_id) AS approved
       FROM documents d JOIN members m ON m.document_id = d.id
       WHERE ${FILTER_SQL}
       ORDER BY d.updated_at COLLATE "C" DESC, d.created_at COLLATE "C" DESC`,
      filterParams(userId, filter),
    )
    return rows.map((r) => ({ ...toBase(r), coverageJson: r.coverage_json, role: r.role, approvedByUser: r.approved }))
  }

  async dashboardPage(userId: number, q: DashboardQuery): Promise<DashboardPage> {
    const mine = mineSql(FILTER_SQL)
    const params = filterParams(userId, q)
    const [page, counts, namnder] = await Promise.all([
      this.db.query<DocumentRow & { role: Role; approved: boolean; waiting: WaitingReason | null }>(
        `${mine} SELECT * FROM ranked WHERE ${SECTION_WHERE[q.section]} ${orderBySql(q.sort, q.ascending, binary)} LIMIT $6 OFFSET $7`,
        [...params, q.limit, q.offset],
      ),
      this.db.query<Parameters<typeof toCounts>[0] & object>(`${mine} ${COUNTS_SQL}`, params),
      this.db.query<{ namnd: string }>(
        `SELECT d.namnd FROM documents d JOIN members m ON m.document_id = d.id WHERE m.user_id = $1 AND d.namnd <> ''
         GROUP BY d.namnd ORDER BY MIN(d.namnd_key COLLATE "C") COLLATE "C", d.namnd COLLATE "C"`,
        [userId],
      ),
    ])
    return {
      rows: page.rows.map((r) => ({ ...toBase(r), coverageJson: r.coverage_json, role: r.role, approvedByUser: r.approved, waiting: r.waiting })),
      counts: toCounts(counts.rows[0]),
      namnder: namnder.rows.map((r) => r.namnd),
    }
  }

  async documentsDueBy(lastDay: string): Promise<DeadlineRecord[]> {
    const { rows } = await this.db.query<DeadlineRecord>(
      `SELECT id, title, deadline FROM documents WHERE deadline <> '' AND deadline <= $1 COLLATE "C" AND status <> 'godkand'
       ORDER BY deadline COLLATE "C"`,
      [lastDay],
    )
    return rows
  }

  async roleOf(documentId: string, userId: number): Promise<Role | undefined> {
    const { rows } = await this.db.query<{ role: Role }>('SELECT role FROM members WHERE document_id = $1 AND user_id = $2', [documentId, userId])
    return rows[0]?.role
  }

  async members(documentId: string): Promise<MemberRecord[]> {
    const { rows } = await this.db.query<Omit<MemberRecord, 'userId'> & { userId: string }>(
      `SELECT u.id AS "userId", u.username, u.name, u.title, m.role FROM members m JOIN users u ON u.id = m.user_id
       WHERE m.document_id = $1
       ORDER BY CASE m.role WHEN 'author' THEN 0 WHEN 'reviewer' THEN 1 WHEN 'approver' THEN 2 ELSE 3 END, u.name COLLATE "C"`,
      [documentId],
    )
    return rows.map((r) => ({ ...r, userId: num(r.userId) }))
  }

  async setMember(documentId: string, userId: number, role: Role): Promise<void> {
    await this.db.query(
      `INSERT INTO members (document_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (document_id, user_id) DO UPDATE SET role = excluded.role`,
      [documentId, userId, role],
    )
  }

  async removeMember(documentId: string, userId: number): Promise<void> {
    await this.db.query('DELETE FROM members WHERE document_id = $1 AND user_id = $2', [documentId, userId])
  }

  async updateSummary(id: string, s: SummaryFields): Promise<void> {
    await this.db.query(
      `UPDATE documents SET title = $1, dnr = $2, namnd = $3, meeting_date = $4, deadline = $5, updated_at = $6, coverage_json = $7,
         title_key = $9, dnr_key = $10, namnd_key = $11 WHERE id = $8`,
      [
        s.title,
        s.dnr,
        s.namnd,
        s.meetingDate,
        s.deadline,
        s.updatedAt,
        s.coverage ? JSON.stringify(s.coverage) : null,
        id,
        svSortKey(s.title),
        svSortKey(s.dnr),
        svSortKey(s.namnd),
      ],
    )
  }

  async setStatus(id: string, status: DocumentStatus): Promise<void> {
    await this.db.query('UPDATE documents SET status = $1 WHERE id = $2', [status, id])
  }

  async documentsInStatus(statuses: DocumentStatus[]): Promise<DocumentRecord[]> {
    if (statuses.length === 0) return []
    const { rows } = await this.db.query<DocumentRow>(
      'SELECT * FROM documents WHERE status = ANY($1::text[]) ORDER BY created_at COLLATE "C", id COLLATE "C"',
      [statuses],
    )
    return rows.map(toRecord)
  }

  /** Back to `utkast` in the next revision (PgDocumentStore freezes the approved one in the same transaction). */
  async startNextRevision(id: string, revision: number): Promise<void> {
    await this.db.query("UPDATE documents SET status = 'utkast', revision = $1 WHERE id = $2", [revision, id])
  }
}
