import { z } from 'zod'
import { documentMetaInputSchema, TITLE_MAX_LENGTH, TITLE_TOO_LONG, type DocumentMeta } from './meta.js'
import { xmlSafeString } from './xmlSafe.js'
import type { CoverageReport, CoverageSummary } from './coverage.js'

export const ROLES = ['author', 'reviewer', 'approver', 'reader'] as const
export const roleSchema = z.enum(ROLES)
export type Role = z.infer<typeof roleSchema>

export const DOCUMENT_STATUSES = ['utkast', 'granskning', 'godkand'] as const
export const documentStatusSchema = z.enum(DOCUMENT_STATUSES)
export type DocumentStatus = z.infer<typeof documentStatusSchema>

export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9._-]+$/i, 'may only contain letters a–z, digits, ".", "_" and "-"')

export const signInBodySchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) }).strict()

export const createDocumentBodySchema = z
  .object({
    templateId: z.string().min(1).max(64),
    title: xmlSafeString().trim().min(1, 'Titel: ange en titel.').max(TITLE_MAX_LENGTH, TITLE_TOO_LONG),
    meta: documentMetaInputSchema.optional(),
  })
  .strict()
export type CreateDocumentBody = z.infer<typeof createDocumentBodySchema>

export const putMemberBodySchema = z.object({ username: usernameSchema, role: roleSchema }).strict()

export const statusChangeBodySchema = z.object({ to: documentStatusSchema }).strict()

export const exportFormatSchema = z.enum(['docx', 'pdf', 'html', 'md'])
export type ExportFormat = z.infer<typeof exportFormatSchema>

export const approvalSchema = z.object({
  username: z.string(),
  name: z.string(),
  title: z.string(),
  approvedAt: z.string(),
})
export type Approval = z.infer<typeof approvalSchema>

export const publicUserSchema = z.object({
  username: z.string(),
  name: z.string(),
  title: z.string(),
  admin: z.boolean(),
})
export type PublicUser = z.infer<typeof publicUserSchema>

/** The error body of every failed API call. */
export interface ApiError {
  error: { code: string; message: string; details?: unknown }
}

/** One row of `GET /api/documents` (apps/server/API.md). */
export interface DocumentSummary {
  id: string
  templateId: string
  title: string
  dnr: string
  /** The meta's nämnd, meeting date and "Svar senast" (ISO dates), '' when not set. */
  namnd: string
  meetingDate: string
  deadline: string
  status: DocumentStatus
  /** 1, then N+1 after each `POST /revisions` of an approved document. */
  revision: number
  /** The caller's role. */
  role: Role
  updatedAt: string
  createdAt: string
  /** Null until the server has computed it once. */
  coverage: CoverageSummary | null
}

/**
 * `GET /api/documents/:id/workflow`: who may do what now. Read from the database only
 * (no document content), so an open editor can poll it cheaply.
 */
export interface DocumentWorkflow {
  status: DocumentStatus
  role: Role
  members: Array<{ username: string; name: string; title: string; role: Role }>
  /** In approval order: the digital approval record. */
  approvals: Approval[]
  /** Approvers who have not approved yet (only meaningful under review). */
  approversPending: Array<{ username: string; name: string; title: string }>
  /** False when the document has no approver, so it can never become `godkand`. */
  canApprove: boolean
  /** May the caller change the text now (an author, and not approved)? */
  canEdit: boolean
}

/** `GET /api/documents/:id` (apps/server/API.md). */
export interface DocumentDetail extends DocumentSummary, DocumentWorkflow {
  meta: DocumentMeta
  coverageReport: CoverageReport
}
