// The request schemas of routes/documents; the creation body is shared with the web app (packages/model).
import { z } from 'zod'
import { documentStatusSchema, roleSchema } from '@perspektiv/model'

export { createDocumentBodySchema } from '@perspektiv/model'

/** `?suggestions=accepted`: coverage as if every open suggestion were accepted (review S8). */
export const coverageQuerySchema = z.object({ suggestions: z.enum(['accepted']).optional() })

export const listQuerySchema = z.object({
  status: documentStatusSchema.optional(),
  waiting: z.enum(['review', 'approval']).optional(),
  /** Title or Dnr contains this (case-insensitive; indexed, SRV-ST15). */
  query: z.string().trim().max(200, 'at most 200 characters').optional(),
  /** The caller's role. */
  role: roleSchema.optional(),
  /** The meta's nämnd, exactly. */
  namnd: z.string().trim().min(1).max(200, 'at most 200 characters').optional(),
})
