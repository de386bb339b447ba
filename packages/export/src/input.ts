import { z } from 'zod'
import {
  documentStatusSchema,
  exportFormatSchema,
  organisationSchema,
  type DocumentMeta,
  type DocumentStatus,
  type ExportFormat,
  type Organisation,
  type Template,
} from '@perspektiv/model'
import type { PMNode } from '@perspektiv/document'

export interface ExportApproval {
  name: string
  title: string
  /** ISO 8601 timestamp of the approval. */
  approvedAt: string
}

/** Everything an export needs: the document as it is, plus the data only the server holds. */
export interface ExportInput {
  /** ProseMirror JSON of the document (top node `doc` holding `section` nodes). */
  content: PMNode
  meta: DocumentMeta
  template: Template
  status: DocumentStatus
  /** In approval order (avdelningschef first, then the head of the förvaltning). */
  approvals: ExportApproval[]
  /** The organisation profile (templates/organisation.yaml): fills the contact lines of the header block. */
  organisation?: Organisation
  /** Used for file metadata (creation date); defaults to now. */
  generatedAt?: Date
}

export type { ExportFormat }

/** Thrown when an export input or format is unusable; names what was wrong. */
export class ExportError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ExportError'
  }
}

const approvalsSchema = z.array(
  z.object({
    name: z.string().trim().min(1, "an approval needs the approver's name"),
    title: z.string(),
    approvedAt: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date-time'),
  }),
)

const contentSchema = z.custom<PMNode>(
  (v) => typeof v === 'object' && v !== null && (v as PMNode).type === 'doc' && Array.isArray((v as PMNode).content ?? []),
  'must be ProseMirror JSON with a top node "doc"',
)

function describe(error: z.ZodError, root: string): string {
  return error.issues.map((i) => `${[root, ...i.path.map(String)].join('.')}: ${i.message}`).join('; ')
}

/** Checks the parts of an ExportInput that come from outside this package (the server's data). */
export function checkExportInput(input: ExportInput): void {
  const content = contentSchema.safeParse(input.content)
  if (!content.success) throw new ExportError(describe(content.error, 'content'))
  const status = documentStatusSchema.safeParse(input.status)
  if (!status.success) throw new ExportError(describe(status.error, 'status'))
  const approvals = approvalsSchema.safeParse(input.approvals)
  if (!approvals.success) throw new ExportError(describe(approvals.error, 'approvals'))
  if (input.organisation !== undefined) {
    const organisation = organisationSchema.safeParse(input.organisation)
    if (!organisation.success) throw new ExportError(describe(organisation.error, 'organisation'))
  }
  if (!input.template || !Array.isArray(input.template.sections)) throw new ExportError('template: must be a loaded Template')
  if (!input.meta || typeof input.meta.title !== 'string') throw new ExportError('meta: must be a DocumentMeta')
}

export function parseExportFormat(value: unknown): ExportFormat {
  const parsed = exportFormatSchema.safeParse(value)
  if (!parsed.success) throw new ExportError(`format: must be one of docx, pdf, html, md (got ${JSON.stringify(value)})`)
  return parsed.data
}
