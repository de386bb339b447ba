import { z } from 'zod'
import { documentMetaInputSchema } from './meta.js'

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

export const signInBodySchema = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) })
  .strict()

export const createDocumentBodySchema = z
  .object({
    templateId: z.string().min(1).max(64),
    title: z.string().trim().min(1, 'a title is required').max(300),
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
