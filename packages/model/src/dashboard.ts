import { z } from 'zod'
import { documentStatusSchema, roleSchema, type DocumentSummary } from './api.js'

/** The dashboard's sections: "Väntar på mig", "Mina utkast", "Delade med mig", "Hela listan". */
export const DASHBOARD_SECTIONS = ['waiting', 'drafts', 'shared', 'all'] as const
export type DashboardSection = (typeof DASHBOARD_SECTIONS)[number]
/** The columns the dashboard sorts by. */
export const DASHBOARD_SORT_KEYS = ['title', 'dnr', 'namnd', 'meetingDate', 'deadline', 'status', 'role', 'updatedAt'] as const
export type DashboardSortKey = (typeof DASHBOARD_SORT_KEYS)[number]
/** Why a document waits for me: my review, my approval, or an unread comment to me. */
export type WaitingReason = 'review' | 'approval' | 'mention'

export const DASHBOARD_PAGE_SIZE = 50
export const DASHBOARD_MAX_PAGE_SIZE = 200

const text = z.string().trim().max(200, 'at most 200 characters')
/** An empty parameter is no filter, as a form sends it. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional())

/** `GET /api/dashboard`'s query (apps/server/API.md): unknown parameters are refused. */
export const dashboardQuerySchema = z
  .object({
    section: optional(z.enum(DASHBOARD_SECTIONS)).default('all'),
    sort: optional(z.enum(DASHBOARD_SORT_KEYS)).default('updatedAt'),
    /** Default: A–Ö and the earliest date first; newest change first for updatedAt. */
    dir: optional(z.enum(['asc', 'desc'])),
    page: optional(z.coerce.number().int('a whole number').min(1, 'at least 1').max(100_000, 'at most 100000')).default(1),
    pageSize: optional(z.coerce.number().int('a whole number').min(1, 'at least 1').max(DASHBOARD_MAX_PAGE_SIZE, `at most ${DASHBOARD_MAX_PAGE_SIZE}`)).default(
      DASHBOARD_PAGE_SIZE,
    ),
    status: optional(documentStatusSchema),
    role: optional(roleSchema),
    namnd: optional(text.min(1)),
    /** Title or Dnr contains this, case-insensitively. */
    query: optional(text),
  })
  .strict()
export type DashboardQueryInput = z.input<typeof dashboardQuerySchema>

/** One row of the dashboard: a DocumentSummary and why it waits for me (null: it does not). */
export interface DashboardDocument extends DocumentSummary {
  waiting: WaitingReason | null
}

/** `GET /api/dashboard`: one page of one section, every section's count, the filter's nämnder. */
export interface DashboardResponse {
  section: DashboardSection
  page: number
  pageSize: number
  /** Documents in this section under the filter (= counts[section]). */
  total: number
  counts: Record<DashboardSection, number>
  /** The nämnder of all my documents, A–Ö (the nämnd filter's choices). */
  namnder: string[]
  documents: DashboardDocument[]
}
